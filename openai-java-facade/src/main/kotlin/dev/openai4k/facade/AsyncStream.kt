package dev.openai4k.facade

import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.toList
import java.util.Spliterator
import java.util.Spliterators
import java.util.concurrent.CompletableFuture
import java.util.concurrent.Flow as JdkFlow
import java.util.function.Consumer
import java.util.stream.Stream
import java.util.stream.StreamSupport

/**
 * A stream of elements from the server (chunks of a completion, events of a response, the items of a paged list),
 * usable from Java in four ways:
 *
 * ```java
 * AsyncStream<ChatCompletionChunk> chunks = openai.chat().stream(request);
 * chunks.subscribe(subscriber);                                        // a java.util.concurrent.Flow.Publisher
 * Cancellable c = chunks.subscribe(chunk -> ..., error -> ..., () -> ...);          // callbacks
 * try (Stream<ChatCompletionChunk> s = chunks.blockingStream()) { s.forEach(...); } // blocking
 * chunks.forEach(chunk -> ...).join();                                 // a future of the end
 * ```
 *
 * It is cold: nothing is sent until it is consumed, and each subscription (each call of the methods below) sends
 * its own request. Demand is honoured: an element is delivered only when requested, and the source is read at
 * most one element ahead of the demand (for a paged list, at most one page ahead), so that the end of a stream is
 * signalled as soon as it is reached. Cancelling a subscription, the callback handle, a future from [forEach] or [toList], or closing
 * a blocking iterator or stream, cancels the call and closes its HTTP connection.
 *
 * **Threads.** Every signal (`onNext`, `onError`, `onComplete`, the callbacks, [forEach]'s action) runs on the
 * facade's executor (see [OpenAIAsync.Builder.executor]), one at a time for a given subscription, never on the
 * HTTP engine's threads.
 *
 * **Errors.** A failure of the stream arrives as an `OpenAIException` (a status subclass, a connection or timeout
 * error, `OpenAIStreamException` for an error event), unwrapped; after the first element, its `partial` holds what
 * had been received when the section records it.
 *
 * **Exceptions thrown by your code.** An exception thrown by `onNext` (or by the [forEach] action) cancels the
 * stream, closing its connection, and is delivered to `onError` (fails the [forEach] future); nothing more is
 * delivered after it. An exception thrown by `onError` or `onComplete` cannot be delivered anywhere else, so it goes
 * to the executor thread's `UncaughtExceptionHandler`. Nothing is swallowed.
 *
 * @param T the element type.
 */
public class AsyncStream<T> internal constructor(
    private val runtime: AsyncRuntime,
    private val source: () -> Flow<T>,
) : JdkFlow.Publisher<T> {

    /**
     * Subscribes [subscriber] (Reactive Streams rules): no request is sent to the server before the first
     * `request(n)`, and `onNext` is never called more often than requested. `request(n)` with `n <= 0` cancels the
     * stream and signals `onError(IllegalArgumentException)`. After `cancel()` no further signal arrives.
     */
    override fun subscribe(subscriber: JdkFlow.Subscriber<in T>) {
        FlowSubscription(runtime, source, subscriber, reportCancel = false).start()
    }

    /**
     * Consumes the stream with callbacks and returns a handle that cancels it.
     *
     * Exactly one of [onError] and [onComplete] is called, once, after the last [onNext], including when the
     * stream is cancelled through the returned handle or by closing the facade (then [onError] receives a
     * `java.util.concurrent.CancellationException`). An exception thrown by [onNext] cancels the stream and is
     * passed to [onError].
     */
    public fun subscribe(onNext: Consumer<in T>, onError: Consumer<in Throwable>, onComplete: Runnable): Cancellable {
        val subscription = FlowSubscription(runtime, source, CallbackSubscriber(onNext, onError, onComplete), reportCancel = true)
        subscription.start()
        return subscription
    }

    /**
     * Calls [action] for every element and returns a future that completes when the stream ends: normally, or
     * exceptionally with the stream's failure or the exception [action] threw (which also cancels the stream).
     * Cancelling the future cancels the stream.
     */
    public fun forEach(action: Consumer<in T>): CompletableFuture<Void?> = runtime.future {
        source().collect { action.accept(it) }
        null
    }

    /** Collects every element into a list; the future fails as [forEach]'s does, and cancelling it cancels the stream. */
    public fun toList(): CompletableFuture<List<T>> = runtime.future { source().toList() }

    /**
     * A blocking iterator over the stream, for try-with-resources; see [CloseableIterator]. The request is sent at
     * the first `hasNext()`. Up to [prefetch] elements are read ahead of the consumer, and no more.
     *
     * @throws IllegalArgumentException if [prefetch] is not positive.
     */
    @JvmOverloads
    public fun blockingIterator(prefetch: Int = DEFAULT_PREFETCH): CloseableIterator<T> {
        require(prefetch > 0) { "prefetch must be positive, was $prefetch" }
        return BlockingIterator(runtime, source, prefetch)
    }

    /**
     * A sequential `java.util.stream.Stream` over the stream, for try-with-resources: closing it cancels the call and
     * closes its connection. The request is sent when the stream's terminal operation starts pulling elements; a
     * failure is thrown from that terminal operation as it is (an `OpenAIException`).
     */
    public fun blockingStream(): Stream<T> {
        val iterator = BlockingIterator(runtime, source, DEFAULT_PREFETCH)
        val spliterator = Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED or Spliterator.NONNULL)
        return StreamSupport.stream(spliterator, false).onClose(iterator::close)
    }

    override fun toString(): String = "AsyncStream@${Integer.toHexString(hashCode())}"

    private class CallbackSubscriber<T>(
        private val onNext: Consumer<in T>,
        private val onError: Consumer<in Throwable>,
        private val onComplete: Runnable,
    ) : JdkFlow.Subscriber<T> {
        override fun onSubscribe(subscription: JdkFlow.Subscription) = subscription.request(Long.MAX_VALUE)
        override fun onNext(item: T) = onNext.accept(item)
        override fun onError(throwable: Throwable) = onError.accept(throwable)
        override fun onComplete() = onComplete.run()
    }

    private companion object {
        const val DEFAULT_PREFETCH = 16
    }
}
