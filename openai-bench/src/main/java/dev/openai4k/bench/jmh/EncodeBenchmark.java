package dev.openai4k.bench.jmh;

import dev.openai4k.bench.Micro;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** Encoding one chat request (system + user message, temperature, max tokens) to the bytes sent. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class EncodeBenchmark {
    /** As the SDK sends it today: encodeRequestBody's JSON tree, then its text. */
    @Benchmark
    public int encodeOurs() {
        return Micro.INSTANCE.encodeOurs();
    }

    /** Straight to text with the same serializer, no tree. */
    @Benchmark
    public int encodeOursDirect() {
        return Micro.INSTANCE.encodeOursDirect();
    }

    /** openai-java (Jackson) on the same request, for comparison. */
    @Benchmark
    public int encodeOpenAIJava() {
        return Micro.INSTANCE.encodeOpenAIJava();
    }
}
