package dev.openai4k.facade

/**
 * A blocking iterator over a stream, for use in try-with-resources: [close] cancels the stream and closes its HTTP
 * connection, so leaving the block early never leaks a connection.
 *
 * ```java
 * try (CloseableIterator<ChatCompletionChunk> chunks = openai.chat().stream(request).blockingIterator()) {
 *     while (chunks.hasNext()) System.out.print(chunks.next().getText());
 * }
 * ```
 *
 * [hasNext] blocks until the next element, the end, or a failure arrives; a failure of the stream is thrown from
 * [hasNext] (or [next]) as it is (an `OpenAIException`), and the iterator then ends. If the waiting thread is
 * interrupted, the stream is cancelled, the thread's interrupt flag is kept and a `CancellationException` is
 * thrown. Not thread-safe: use it from one thread, and not from a thread of the facade's executor when that executor
 * has a single thread (the stream is produced there, so waiting on it would wait forever).
 */
public interface CloseableIterator<T> : Iterator<T>, AutoCloseable {
    /** Cancels the stream (if it has not ended) and releases its connection. Idempotent; throws nothing. */
    override fun close()
}
