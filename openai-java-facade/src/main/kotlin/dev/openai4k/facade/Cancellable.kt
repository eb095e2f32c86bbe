package dev.openai4k.facade

/** A handle on a running stream: [cancel] stops it and closes its HTTP connection. */
public interface Cancellable {
    /**
     * Stops the stream and closes its connection. Idempotent; does nothing once the stream has ended. A callback
     * subscription that had not ended yet then receives `onError` with a `CancellationException`.
     */
    public fun cancel()

    /** Whether [cancel] was called. */
    public fun isCancelled(): Boolean
}
