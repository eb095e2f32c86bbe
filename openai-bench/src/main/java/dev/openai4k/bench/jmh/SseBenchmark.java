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
        Micro.INSTANCE.getDecodedChunks();
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

    /** The accumulator alone: every decoded chunk added, the completion built once at the end. */
    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public long accumulate() {
        return Micro.INSTANCE.accumulate();
    }

    /** Parsing, decoding and accumulating: what {@code chat.stream(...).accumulate()} does per chunk above HTTP. */
    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public long streamPath() {
        return Micro.INSTANCE.streamPath();
    }

    /** {@link #streamPath()} with the generated kotlinx serializer in place of the SDK's chunk decoder. */
    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public long streamPathSerializer() {
        return Micro.INSTANCE.streamPathSerializer();
    }

    /** {@code chat.stream(...).accumulate()} end to end above the socket (an in-memory engine serves the stream). */
    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public long chatStream() {
        return Micro.INSTANCE.chatStream();
    }

    /** openai-core's {@code events()} alone on the same in-memory engine: {@link #chatStream()} minus openai-chat. */
    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public long events() {
        return Micro.INSTANCE.events();
    }

    /** Our chunk decoding alone, as {@code chat.stream} does it. */
    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public long decodeOurs() {
        return Micro.INSTANCE.decodeOurs();
    }

    /** Chunk decoding alone with the generated kotlinx serializer, for comparison with {@link #decodeOurs()}. */
    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public long decodeSerializer() {
        long n = 0;
        for (String s : data) n += Micro.INSTANCE.decodeSerializer(s);
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
