package dev.openai4k.facade;

import dev.openai4k.OpenAI;
import dev.openai4k.OpenAIConfig;
import dev.openai4k.OpenAITimeoutException;
import dev.openai4k.chat.ChatCompletion;
import dev.openai4k.chat.ChatCompletionChunk;
import dev.openai4k.chat.ChatRequest;
import dev.openai4k.chat.ChatSessionConfig;
import dev.openai4k.tools.Tool;
import dev.openai4k.testkit.RecordedRequest;
import dev.openai4k.testkit.Scripted;
import dev.openai4k.testkit.SseOptions;
import dev.openai4k.testkit.ToolCallSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FacadeLifecycleTest extends FacadeTestBase {

    private static ChatRequest ask(String text) {
        return ChatRequest.builder("gpt-4o-mini").user(text).build();
    }

    @Test
    void closeCancelsEveryCallAndStreamInFlight() throws Exception {
        server.enqueue("chat/completions",
            Scripted.delayed(8000, Scripted.text("never")),
            Scripted.text(words(60), SseOptions.DEFAULT.withDelayMillis(50)));
        CompletableFuture<ChatCompletion> call = openai.chat().create(ask("slow"));
        awaitRequests("chat/completions", 1);
        Probe<ChatCompletionChunk> probe = new Probe<>();
        openai.chat().stream(ask("stream")).subscribe(probe.onNext, probe.onError, probe.onComplete);
        probe.awaitFirstItem();

        openai.close();

        assertTrue(openai.isClosed());
        assertThrows(CancellationException.class, () -> call.get(10, TimeUnit.SECONDS));
        probe.awaitTerminal();
        assertInstanceOf(CancellationException.class, probe.errors.get(0));
        assertEquals(1, probe.terminalSignals());
        assertDisconnects(2);

        ExecutionException after = assertThrows(ExecutionException.class,
            () -> openai.chat().create(ask("again")).get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, after.getCause());
        Probe<ChatCompletionChunk> late = new Probe<>();
        openai.chat().stream(ask("late")).subscribe(late.onNext, late.onError, late.onComplete);
        late.awaitTerminal();
        assertInstanceOf(IllegalStateException.class, late.errors.get(0));
        assertEquals(2, server.requests("chat/completions").size(), "nothing is sent after close");
    }

    @Test
    void aGivenExecutorRunsCallbacksCompletionsAndToolHandlersAndIsNotShutDown() throws Exception {
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "caller-pool-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try (OpenAIAsync custom = OpenAIAsync.builder().baseUrl(server.getBaseUrl()).executor(pool).build()) {
            assertSame(pool, custom.executor());

            Probe<ChatCompletionChunk> probe = new Probe<>();
            custom.chat().stream(ask(words(4))).subscribe(probe.onNext, probe.onError, probe.onComplete);
            probe.awaitTerminal();
            assertTrue(probe.threads.stream().allMatch(t -> t.startsWith("caller-pool-")), probe.threads.toString());

            server.enqueue("chat/completions", Scripted.delayed(500, Scripted.text("late")));
            AtomicReference<String> completedOn = new AtomicReference<>();
            CompletableFuture<ChatCompletion> future = custom.chat().create(ask("x"));
            CompletableFuture<String> dependent = future.thenApply(c -> {
                completedOn.set(Thread.currentThread().getName());
                return c.getText();
            });
            assertFalse(future.isDone());
            assertEquals("late", await(dependent));
            assertTrue(completedOn.get().startsWith("caller-pool-"), completedOn.get());

            server.enqueue("chat/completions",
                Scripted.toolCalls(new ToolCallSpec("call_1", "clock", "{}")), Scripted.text("noon"));
            List<String> toolThreads = new CopyOnWriteArrayList<>();
            Tool clock = custom.chat().tool("clock", "Time", "{\"type\":\"object\",\"properties\":{}}", args -> {
                toolThreads.add(Thread.currentThread().getName());
                return "12:00";
            });
            assertEquals("noon", await(custom.chat().session(ChatSessionConfig.builder().tool(clock).build()).send("time?")).getText());
            assertTrue(toolThreads.get(0).startsWith("caller-pool-"), toolThreads.toString());
        } finally {
            assertFalse(pool.isShutdown(), "the facade shut down an executor it did not create");
            pool.shutdownNow();
        }
    }

    @Test
    void wrapSharesTheKotlinClientAndLeavesItOpen() throws Exception {
        OpenAIConfig config = new OpenAIConfig();
        config.setBaseUrl(server.getBaseUrl());
        OpenAI client = new OpenAI(config);
        try {
            OpenAIAsync first = OpenAIAsync.wrap(client);
            assertSame(client, first.kotlin());
            assertEquals("a", await(first.chat().create(ask("a"))).getText());
            first.close();

            OpenAIAsync second = OpenAIAsync.wrap(client);
            assertEquals("b", await(second.chat().create(ask("b"))).getText(), "closing a wrapper closed the client");
            second.close();
        } finally {
            client.close();
        }
    }

    @Test
    void builderSettingsReachTheWire() throws Exception {
        try (OpenAIAsync configured = OpenAIAsync.builder()
            .baseUrl(server.getBaseUrl())
            .apiKey("sk-builder")
            .organization("org-1")
            .project("proj-1")
            .header("X-Trace", "t-42")
            .queryParam("tenant", "acme")
            .defaultModel("local-model")
            .build()) {
            assertEquals("local-model", configured.chat().session().getModel());
            await(configured.chat().create(ask("hi")));
        }
        RecordedRequest request = server.requests("chat/completions").get(0);
        assertEquals("Bearer sk-builder", request.header("authorization"));
        assertEquals("org-1", request.header("openai-organization"));
        assertEquals("proj-1", request.header("openai-project"));
        assertEquals("t-42", request.header("x-trace"));
        assertEquals("acme", request.queryParameter("tenant"));
    }

    @Test
    void fromEnvReadsTheEnvironmentAndLaterSettingsWin() throws Exception {
        try (OpenAIAsync fromEnv = OpenAIAsync.builder().project("proj-explicit").fromEnv().baseUrl(server.getBaseUrl()).build()) {
            await(fromEnv.models().list());
        }
        RecordedRequest request = server.requests("GET models").get(0);
        assertEquals("Bearer sk-from-env", request.header("authorization"));
        assertEquals("org-from-env", request.header("openai-organization"));
        assertEquals("proj-explicit", request.header("openai-project"), "an unset variable must not clear a setting");
        try (OpenAIAsync defaults = OpenAIAsync.fromEnv()) {
            assertEquals("https://api.openai.com/v1", defaults.kotlin().getConfig().getBaseUrl());
            assertEquals("sk-from-env", defaults.kotlin().getConfig().getApiKey());
        }
    }

    @Test
    void aJavaDurationTimeoutBoundsTheCall() throws Exception {
        server.enqueue("chat/completions", Scripted.delayed(5000, Scripted.text("too late")));
        try (OpenAIAsync impatient = OpenAIAsync.builder()
            .baseUrl(server.getBaseUrl())
            .timeout(Duration.ofMillis(300))
            .maxRetries(0)
            .build()) {
            long started = System.nanoTime();
            ExecutionException failure = assertThrows(ExecutionException.class,
                () -> impatient.chat().create(ask("hi")).get(10, TimeUnit.SECONDS));
            assertInstanceOf(OpenAITimeoutException.class, failure.getCause());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 4000);
        }
    }

    @Test
    void invalidBuilderValuesAreRejected() {
        OpenAIAsync.Builder builder = OpenAIAsync.builder();
        assertThrows(IllegalArgumentException.class, () -> builder.maxRetries(-1));
        assertThrows(IllegalArgumentException.class, () -> builder.timeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> builder.connectTimeout(Duration.ofSeconds(-1)));
    }
}
