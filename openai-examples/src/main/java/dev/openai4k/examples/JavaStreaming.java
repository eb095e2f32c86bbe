package dev.openai4k.examples;

import dev.openai4k.chat.ChatRequest;
import dev.openai4k.facade.Cancellable;
import dev.openai4k.facade.OpenAIAsync;

import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Streams an answer to the terminal from Java with three callbacks (next chunk, error, completion). The returned
 * {@link Cancellable} would stop the stream and close its connection.
 */
public final class JavaStreaming {
    private JavaStreaming() {
    }

    /** Prints the answer to {@code out} as it arrives; returns a summary of the stream. */
    public static String run(OpenAIAsync openai, String model, PrintStream out) throws Exception {
        ChatRequest request = ChatRequest.builder(model).user("Count from one to five in words.").build();
        AtomicInteger chunks = new AtomicInteger();
        StringBuilder text = new StringBuilder(); // callbacks of one stream run one at a time
        CompletableFuture<Void> done = new CompletableFuture<>();
        Cancellable handle = openai.chat().stream(
                request,
                chunk -> {
                    chunks.incrementAndGet();
                    text.append(chunk.getText());
                    out.print(chunk.getText());
                    out.flush();
                },
                done::completeExceptionally,
                () -> done.complete(null));
        try {
            done.get(2, TimeUnit.MINUTES);
        } finally {
            handle.cancel(); // a no-op once the stream has ended; stops it if we gave up waiting
        }
        out.println();
        return chunks.get() + " chunks, " + text.length() + " characters";
    }

    /** Runs this example alone. */
    public static void main(String[] args) throws Exception {
        try (ExampleEnvironment env = ExampleEnvironment.start()) {
            System.out.println(env.getBanner());
            System.out.println(run(env.getJava(), env.getModels().getChat(), System.out));
        }
    }
}
