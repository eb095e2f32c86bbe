package dev.openai4k.facade;

import dev.openai4k.AuthenticationException;
import dev.openai4k.OpenAIException;
import dev.openai4k.chat.ChatCompletion;
import dev.openai4k.chat.ChatCompletionChunk;
import dev.openai4k.chat.ChatRequest;
import dev.openai4k.testkit.Scripted;
import dev.openai4k.testkit.SseOptions;
import kotlinx.serialization.json.JsonArray;
import kotlinx.serialization.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatFacadeTest extends FacadeTestBase {

    private static ChatRequest ask(String text) {
        return ChatRequest.builder("gpt-4o-mini").user(text).build();
    }

    @Test
    void createSendsExactlyTheRequestAndDecodesTheAnswer() throws Exception {
        ChatCompletion completion = await(openai.chat().create(ask("Hello there")));

        assertEquals("Hello there", completion.getText());
        JsonObject body = onlyBody("POST chat/completions");
        assertEquals(Set.of("model", "messages"), body.keySet());
        assertEquals("gpt-4o-mini", str(body.get("model")));
        JsonObject message = obj(arr(body.get("messages")).get(0));
        assertEquals("user", str(message.get("role")));
        assertEquals("Hello there", str(message.get("content")));
        assertEquals("Bearer sk-test", server.requests("chat/completions").get(0).header("authorization"));
    }

    @Test
    void textCompletesWithTheAnswerText() throws Exception {
        server.enqueue("chat/completions", Scripted.text("Paris."));
        assertEquals("Paris.", await(openai.chat().text("gpt-4o-mini", "Capital of France?")));
        JsonObject message = obj(arr(onlyBody("chat/completions").get("messages")).get(0));
        assertEquals("Capital of France?", str(message.get("content")));
    }

    @Test
    void futureCompletesOnTheFacadeExecutor() throws Exception {
        server.enqueue("chat/completions", Scripted.delayed(1000, Scripted.text("late")));
        AtomicReference<String> thread = new AtomicReference<>();
        CompletableFuture<ChatCompletion> future = openai.chat().create(ask("hi"));
        CompletableFuture<String> dependent = future.thenApply(c -> {
            thread.set(Thread.currentThread().getName());
            return c.getText();
        });
        assertFalse(future.isDone(), "the delayed answer cannot have arrived yet");

        assertEquals("late", await(dependent));
        assertTrue(thread.get().startsWith("openai4k-async-"), "completed on " + thread.get());
    }

    @Test
    void getAndJoinFailWithTheSdkExceptionAsCause() {
        server.enqueue("chat/completions", Scripted.error(401), Scripted.error(401));

        ExecutionException viaGet = assertThrows(ExecutionException.class,
            () -> openai.chat().create(ask("hi")).get(10, TimeUnit.SECONDS));
        AuthenticationException auth = assertInstanceOf(AuthenticationException.class, viaGet.getCause());
        assertEquals(401, auth.getStatus());
        assertEquals("invalid_api_key", auth.getCode());
        assertSame(auth, OpenAIAsync.unwrap(viaGet));

        CompletionException viaJoin = assertThrows(CompletionException.class, () -> openai.chat().create(ask("hi")).join());
        assertInstanceOf(AuthenticationException.class, viaJoin.getCause());
        OpenAIException unwrapped = OpenAIAsync.unwrap(viaJoin);
        assertSame(viaJoin.getCause(), unwrapped);
        assertNull(OpenAIAsync.unwrap(new CompletionException(new IllegalStateException("not the SDK's"))));
        assertInstanceOf(IllegalStateException.class, OpenAIAsync.unwrapCause(new CompletionException(new IllegalStateException("x"))));
    }

    @Test
    void cancellingTheFutureClosesTheConnection() throws Exception {
        server.enqueue("chat/completions", Scripted.delayed(8000, Scripted.text("never")));
        CompletableFuture<ChatCompletion> future = openai.chat().create(ask("hi"));
        awaitRequests("chat/completions", 1);

        assertTrue(future.cancel(true));

        assertDisconnects(1);
        assertTrue(future.isCancelled());
        assertThrows(CancellationException.class, future::join);
    }

    @Test
    void publisherSendsNothingBeforeDemandAndNeverMoreThanRequested() throws Exception {
        String text = words(12);
        StepSubscriber<ChatCompletionChunk> subscriber = new StepSubscriber<>();
        openai.chat().stream(ask(text)).subscribe(subscriber);
        assertTrue(subscriber.subscribed.await(10, TimeUnit.SECONDS));

        // No demand yet: the cold stream must not have sent the request.
        assertNull(subscriber.arrivals.poll(200, TimeUnit.MILLISECONDS));
        assertTrue(server.requests("chat/completions").isEmpty(), "sent before any request(n)");

        StringBuilder received = new StringBuilder();
        int steps = 0;
        while (!subscriber.ended() && steps++ < 100) {
            subscriber.request(1);
            ChatCompletionChunk chunk = subscriber.next();
            if (chunk == null) break; // the end came instead of an item
            received.append(chunk.getText());
            // Hold back: nothing more may arrive until we ask.
            assertNull(subscriber.arrivals.poll(30, TimeUnit.MILLISECONDS), "delivered beyond demand");
        }
        assertTrue(subscriber.terminal.await(10, TimeUnit.SECONDS));
        assertEquals(0, subscriber.overDeliveries.get());
        assertEquals(1, subscriber.completions.get());
        assertTrue(subscriber.errors.isEmpty());
        assertEquals(text, received.toString());
        assertTrue(subscriber.items.size() >= 12, "expected a chunk per word, got " + subscriber.items.size());
    }

    @Test
    void cancellingASubscriptionClosesTheConnectionAndStopsSignals() throws Exception {
        server.enqueue("chat/completions", Scripted.text(words(40), SseOptions.DEFAULT.withDelayMillis(50)));
        StepSubscriber<ChatCompletionChunk> subscriber = new StepSubscriber<>();
        openai.chat().stream(ask("ignored")).subscribe(subscriber);
        assertTrue(subscriber.subscribed.await(10, TimeUnit.SECONDS));
        subscriber.request(Long.MAX_VALUE);
        subscriber.next();

        subscriber.subscription.cancel();

        assertDisconnects(1);
        int seen = subscriber.items.size();
        Thread.sleep(200);
        assertEquals(seen, subscriber.items.size(), "items kept arriving after cancel");
        assertTrue(seen < 40, "the stream was not cut short");
        assertFalse(subscriber.ended(), "Reactive Streams: no terminal signal after cancel");
    }

    @Test
    void anExceptionThrownByOnCompleteGoesToTheUncaughtExceptionHandler() throws Exception {
        java.util.List<Throwable> uncaught = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch reported = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "uncaught-probe");
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, e) -> {
                uncaught.add(e);
                reported.countDown();
            });
            return thread;
        });
        IllegalStateException boom = new IllegalStateException("from onComplete");
        try (OpenAIAsync custom = OpenAIAsync.builder().baseUrl(server.getBaseUrl()).executor(pool).build()) {
            custom.chat().stream(ask("hi"), chunk -> { }, error -> uncaught.add(new AssertionError("onError", error)),
                () -> { throw boom; });
            assertTrue(reported.await(10, TimeUnit.SECONDS), "the exception was swallowed");
            assertEquals(List.of(boom), uncaught);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nonPositiveRequestSignalsIllegalArgumentException() throws Exception {
        StepSubscriber<ChatCompletionChunk> subscriber = new StepSubscriber<>();
        openai.chat().stream(ask("hi")).subscribe(subscriber);
        assertTrue(subscriber.subscribed.await(10, TimeUnit.SECONDS));

        subscriber.subscription.request(0);

        assertTrue(subscriber.terminal.await(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalArgumentException.class, subscriber.errors.get(0));
        assertEquals(1, subscriber.errors.size());
        assertEquals(0, subscriber.completions.get());
    }

    @Test
    void callbacksGetEveryChunkThenExactlyOneCompletionOnTheExecutor() throws Exception {
        String text = words(6);
        Probe<ChatCompletionChunk> probe = new Probe<>();
        Cancellable handle = openai.chat().stream(ask(text), probe.onNext, probe.onError, probe.onComplete);

        probe.awaitTerminal();
        // A late second terminal signal would show up here.
        handle.cancel();
        Thread.sleep(100);
        assertEquals(1, probe.completions.get());
        assertTrue(probe.errors.isEmpty());
        assertEquals(text, probe.items.stream().map(ChatCompletionChunk::getText).collect(Collectors.joining()));
        assertTrue(probe.threads.stream().allMatch(t -> t.startsWith("openai4k-async-")), probe.threads.toString());
    }

    @Test
    void anExceptionThrownByOnNextCancelsTheStreamAndReachesOnError() throws Exception {
        server.enqueue("chat/completions", Scripted.text(words(40), SseOptions.DEFAULT.withDelayMillis(50)));
        IllegalStateException boom = new IllegalStateException("boom");
        Probe<ChatCompletionChunk> probe = new Probe<>(chunk -> {
            if (!chunk.getText().isEmpty()) throw boom;
        });

        openai.chat().stream(ask("ignored")).subscribe(probe.onNext, probe.onError, probe.onComplete);

        probe.awaitTerminal();
        assertSame(boom, probe.errors.get(0));
        assertEquals(1, probe.terminalSignals());
        assertDisconnects(1);
        int seen = probe.items.size();
        Thread.sleep(150);
        assertEquals(seen, probe.items.size(), "items arrived after onError");
        assertTrue(seen < 40, "the stream was not cut short: " + seen + " chunks");
    }

    @Test
    void cancellingTheCallbackHandleClosesTheConnectionAndSignalsCancellation() throws Exception {
        server.enqueue("chat/completions", Scripted.text(words(40), SseOptions.DEFAULT.withDelayMillis(50)));
        Probe<ChatCompletionChunk> probe = new Probe<>();
        Cancellable handle = openai.chat().stream(ask("ignored"), probe.onNext, probe.onError, probe.onComplete);
        probe.awaitFirstItem();

        handle.cancel();

        probe.awaitTerminal();
        assertTrue(handle.isCancelled());
        assertInstanceOf(CancellationException.class, probe.errors.get(0));
        assertEquals(0, probe.completions.get());
        assertDisconnects(1);
    }

    @Test
    void anErrorStatusReachesOnErrorAsTheSdkException() throws Exception {
        server.enqueue("chat/completions", Scripted.error(401));
        Probe<ChatCompletionChunk> probe = new Probe<>();
        openai.chat().stream(ask("hi")).subscribe(probe.onNext, probe.onError, probe.onComplete);

        probe.awaitTerminal();
        assertInstanceOf(AuthenticationException.class, probe.errors.get(0));
        assertEquals(1, probe.terminalSignals());
        assertTrue(probe.items.isEmpty());
    }

    @Test
    void blockingIteratorYieldsEveryChunkInOrder() {
        String text = words(8);
        StringBuilder received = new StringBuilder();
        try (CloseableIterator<ChatCompletionChunk> chunks = openai.chat().stream(ask(text)).blockingIterator(2)) {
            while (chunks.hasNext()) received.append(chunks.next().getText());
            assertFalse(chunks.hasNext());
        }
        assertEquals(text, received.toString());
    }

    @Test
    void blockingIteratorThrowsTheStreamFailureUnwrapped() {
        server.enqueue("chat/completions", Scripted.error(401));
        try (CloseableIterator<ChatCompletionChunk> chunks = openai.chat().stream(ask("hi")).blockingIterator()) {
            assertThrows(AuthenticationException.class, chunks::hasNext);
            assertFalse(chunks.hasNext(), "the iterator ends after its failure");
        }
    }

    @Test
    void closingABlockingStreamEarlyClosesTheConnection() throws Exception {
        server.enqueue("chat/completions", Scripted.text(words(40), SseOptions.DEFAULT.withDelayMillis(50)));
        List<String> firstTwo;
        try (Stream<ChatCompletionChunk> chunks = openai.chat().stream(ask("ignored")).blockingStream()) {
            firstTwo = chunks.map(ChatCompletionChunk::getText).filter(t -> !t.isEmpty()).limit(2)
                .collect(Collectors.toCollection(ArrayList::new));
        }
        assertEquals(List.of("w1", " w2"), firstTwo);
        assertDisconnects(1);
    }

    @Test
    void forEachAndToListCollectTheStream() throws Exception {
        String text = words(5);
        StringBuilder received = new StringBuilder();
        await(openai.chat().stream(ask(text)).forEach(chunk -> received.append(chunk.getText())));
        assertEquals(text, received.toString());

        List<ChatCompletionChunk> all = await(openai.chat().stream(ask(text)).toList());
        assertEquals(text, all.stream().map(ChatCompletionChunk::getText).collect(Collectors.joining()));
        assertEquals(2, server.requests("chat/completions").size(), "each consumption sends its own request");
        JsonObject streamed = server.requests("chat/completions").get(1).getJsonObject();
        assertEquals("true", str(streamed.get("stream")));
    }

    @Test
    void aFailingForEachActionFailsTheFutureAndCancelsTheStream() throws Exception {
        server.enqueue("chat/completions", Scripted.text(words(40), SseOptions.DEFAULT.withDelayMillis(50)));
        IllegalStateException boom = new IllegalStateException("stop");
        CompletableFuture<Void> done = openai.chat().stream(ask("x")).forEach(chunk -> {
            if (!chunk.getText().isEmpty()) throw boom;
        });
        ExecutionException failure = assertThrows(ExecutionException.class, () -> done.get(10, TimeUnit.SECONDS));
        assertSame(boom, failure.getCause());
        assertDisconnects(1);
    }

    @Test
    void streamedChunksArriveWithTheirMetadata() throws Exception {
        server.enqueue("chat/completions", Scripted.text("a b"));
        List<ChatCompletionChunk> chunks = await(openai.chat().stream(ask("x")).toList());
        assertTrue(chunks.stream().allMatch(c -> "gpt-4o-mini".equals(c.getModel())));
        assertEquals("a b", chunks.stream().map(ChatCompletionChunk::getText).collect(Collectors.joining()));
        JsonArray messages = arr(onlyBody("chat/completions").get("messages"));
        assertEquals(1, messages.size());
    }
}
