package dev.openai4k.bench.jmh;

import dev.openai4k.bench.Micro;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SSE parsing and chunk decoding, per chunk: each invocation handles the whole 20,000-chunk stream, so the score and
 * {@code gc.alloc.rate.norm} (with {@code -prof gc}) are per chunk.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SseBenchmark {
    private static final int CHUNKS = 20_000;
    private List<String> data;

    @Setup
    public void setUp() {
        data = Micro.INSTANCE.getChunkData();
        Micro.INSTANCE.getStreamBytes();
    }

    /** The SSE parser alone (bytes to events). */
    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public long parse() {
        return Micro.INSTANCE.parse();
    }

    /** The SSE parser and our chunk decoding: the whole per-chunk cost of {@code chat.stream}. */
    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public long parseAndDecode() {
        return Micro.INSTANCE.parseAndDecode();
    }

    /** Our chunk decoding alone. */
    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public long decodeOurs() {
        long n = 0;
        for (String s : data) n += Micro.INSTANCE.decodeOurs(s);
        return n;
    }

    /** openai-java's chunk decoding (Jackson) of the same data, for comparison. */
    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public long decodeOpenAIJava() {
        long n = 0;
        for (String s : data) n += Micro.INSTANCE.decodeOpenAIJava(s);
        return n;
    }
}
