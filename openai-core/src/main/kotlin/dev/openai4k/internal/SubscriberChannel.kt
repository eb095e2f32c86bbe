package dev.openai4k.internal

import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.InternalAPI
import java.net.SocketTimeoutException
import java.net.http.HttpResponse
import java.nio.ByteBuffer
import java.util.concurrent.Flow
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.withTimeoutOrNull
import kotlinx.io.Buffer
import kotlinx.io.Source
import kotlinx.io.transferFrom

/**
 * A response body: java.net.http pushes buffer lists in (one at a time, on demand), coroutines read them out. A
 * failure is raised only once every byte that arrived before it has been read, so nothing received is lost.
 */
@OptIn(InternalAPI::class)
internal class SubscriberChannel(
    private val idleMillis: Long,
    private val onFinished: () -> Unit = {},
) : ByteReadChannel, HttpResponse.BodySubscriber<Unit> {
    private val finished = java.util.concurrent.atomic.AtomicBoolean()

    /** The exchange is over for java.net.http (body ended, failed or dropped): runs [onFinished] once. */
    private fun finish() {
        if (finished.compareAndSet(false, true)) onFinished()
    }

    private val queue = Channel<List<ByteBuffer>>(Channel.UNLIMITED)
    private val buffer = Buffer()
    private val subscription = java.util.concurrent.atomic.AtomicReference<Flow.Subscription?>()

    @Volatile private var ended = false

    /** Buffer lists requested from java.net.http and not yet received (touched by the reader only after onSubscribe). */
    private var granted = 0L

    @Volatile private var failure: Throwable? = null

    @Volatile private var cancelled: Throwable? = null

    // java.net.http side -------------------------------------------------------------------------------------------
    /**
     * Completes when the body ends, not when the headers arrive: java.net.http's `sendAsync` hands the completion of
     * its response future to `CompletableFuture`'s default executor, which on machines with two or fewer CPUs starts
     * a new thread per task. Completing it after the last byte keeps that thread start off the path of the answer.
     */
    private val done = java.util.concurrent.CompletableFuture<Unit>()

    override fun getBody(): java.util.concurrent.CompletionStage<Unit> = done

    override fun onSubscribe(s: Flow.Subscription) {
        if (!subscription.compareAndSet(null, s) || cancelled != null) {
            s.cancel()
            return
        }
        s.request(WINDOW)
        granted = WINDOW
    }

    override fun onNext(item: List<ByteBuffer>) {
        queue.trySend(item)
    }

    override fun onError(throwable: Throwable) {
        queue.close(throwable)
        finish()
        done.completeExceptionally(throwable)
    }

    override fun onComplete() {
        queue.close()
        finish()
        done.complete(Unit)
    }

    // coroutine side ------------------------------------------------------------------------------------------------
    override val closedCause: Throwable?
        get() = cancelled ?: failure

    /** True at a clean end once everything is read; a failed body stays open until its failure has been raised. */
    override val isClosedForRead: Boolean
        get() = cancelled != null || (ended && failure == null && buffer.exhausted())

    override val readBuffer: Source
        get() {
            cancelled?.let { throw it }
            return buffer
        }

    override suspend fun awaitContent(min: Int): Boolean {
        cancelled?.let { throw it }
        while (buffer.size < min) {
            if (ended) {
                val failed = failure
                if (failed != null && buffer.exhausted()) throw failed
                return false
            }
            val next = queue.tryReceive()
            val result = when {
                next.isSuccess || next.isClosed -> next
                idleMillis > 0 -> withTimeoutOrNull(idleMillis) { queue.receiveCatching() }
                    ?: throw SocketTimeoutException("No data received for $idleMillis ms")
                else -> queue.receiveCatching()
            }
            val item = result.getOrNull()
            if (item == null) {
                ended = true
                failure = result.exceptionOrNull()?.let { it as? java.io.IOException ?: java.io.IOException(it.message, it) }
                continue
            }
            for (b in item) buffer.transferFrom(b)
            // Ask for more in batches: every request() may wake java.net.http's selector thread.
            if (--granted <= WINDOW / 2) {
                granted += WINDOW / 2
                subscription.get()?.request(WINDOW / 2)
            }
        }
        return true
    }

    override fun cancel(cause: Throwable?) {
        if (cancelled != null) return
        cancelled = cause ?: CancellationException("The response body was cancelled")
        release()
    }

    /** Gives the connection back (closing it) when the body is abandoned before its end. */
    fun release() {
        if (!ended) subscription.getAndSet(NoSubscription)?.cancel()
        queue.cancel()
        finish()
        done.complete(Unit)
    }

    private companion object {
        /** Buffer lists java.net.http may hand over before they are read (each is one socket read, up to ~16 KiB). */
        const val WINDOW = 16L
    }

    private object NoSubscription : Flow.Subscription {
        override fun request(n: Long) {}
        override fun cancel() {}
    }
}
