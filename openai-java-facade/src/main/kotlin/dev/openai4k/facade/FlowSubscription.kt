package dev.openai4k.facade

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.job
import kotlinx.coroutines.launch
import java.util.concurrent.Flow as JdkFlow
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicLong

/** Marks an exception thrown by the subscriber's `onNext`, so that it is told apart from a failure of the stream. */
private class SubscriberFailure(override val cause: Throwable) : RuntimeException(cause)

/**
 * One subscription to a cold flow: a coroutine that collects the flow and hands each element to [subscriber],
 * never more than it has requested.
 *
 * Nothing is sent to the server before the first `request(n)`. Every signal comes from the collecting coroutine, so
 * signals never overlap, and exactly one terminal signal is sent unless the subscriber cancelled a reactive
 * subscription (then none, as Reactive Streams asks). When `onNext` throws, the stream is cancelled and the
 * exception is passed to `onError`; an exception thrown by `onError` or `onComplete` goes to the thread's
 * uncaught-exception handler.
 */
internal class FlowSubscription<T>(
    private val runtime: AsyncRuntime,
    private val source: () -> Flow<T>,
    private val subscriber: JdkFlow.Subscriber<in T>,
    /** Whether a cancel by the caller is reported as `onError(CancellationException)` (the callback form). */
    private val reportCancel: Boolean,
) : JdkFlow.Subscription, Cancellable {
    private val demand = AtomicLong()
    private val wake = Channel<Unit>(Channel.CONFLATED)
    private val terminated = AtomicBoolean()
    private val cancelled = AtomicBoolean()

    @Volatile
    private var invalidRequest: IllegalArgumentException? = null

    private val job: Job = runtime.scope.launch(start = CoroutineStart.LAZY) { collect() }

    /** Calls `onSubscribe`, then lets the coroutine run (it waits for demand before sending anything). */
    fun start() {
        try {
            subscriber.onSubscribe(this)
        } catch (e: Throwable) {
            cancelled.set(true)
            job.cancel()
            terminate { subscriber.onError(e) }
            return
        }
        if (runtime.closed) {
            job.cancel()
            runtime.execute { terminate { subscriber.onError(runtime.closedError()) } }
            return
        }
        job.invokeOnCompletion { cause ->
            // The coroutine signals its own end; this covers a job cancelled before it ever ran (also by close()).
            if (!terminated.get()) runtime.execute { endByCancellation(cause) }
        }
        job.start()
    }

    override fun request(n: Long) {
        if (n <= 0) {
            invalidRequest = IllegalArgumentException("request($n): the demand must be positive (Reactive Streams 3.9)")
            job.cancel()
            return
        }
        demand.getAndUpdate { d -> if (d + n < 0) Long.MAX_VALUE else d + n }
        wake.trySend(Unit)
    }

    override fun cancel() {
        if (cancelled.compareAndSet(false, true)) job.cancel(CancellationException("Cancelled by the caller"))
    }

    override fun isCancelled(): Boolean = cancelled.get()

    private suspend fun collect() {
        try {
            awaitDemand()
            source().collect { item ->
                awaitDemand()
                if (demand.get() != Long.MAX_VALUE) demand.decrementAndGet()
                try {
                    subscriber.onNext(item)
                } catch (e: Throwable) {
                    throw SubscriberFailure(e)
                }
            }
            terminate { subscriber.onComplete() }
        } catch (e: SubscriberFailure) {
            terminate { subscriber.onError(e.cause) }
        } catch (e: CancellationException) {
            if (currentCoroutineContext().job.isCancelled) endByCancellation(e) else terminate { subscriber.onError(e) }
            throw e
        } catch (e: Throwable) {
            if (currentCoroutineContext().job.isCancelled) endByCancellation(e) else terminate { subscriber.onError(e) }
        }
    }

    private suspend fun awaitDemand() {
        while (demand.get() == 0L) wake.receive()
    }

    private fun endByCancellation(cause: Throwable?) {
        val invalid = invalidRequest
        when {
            invalid != null -> terminate { subscriber.onError(invalid) }
            cancelled.get() && !reportCancel -> terminated.set(true)
            else -> {
                val error = when {
                    cancelled.get() -> CancellationException("Cancelled by the caller")
                    runtime.closed -> CancellationException("The OpenAIAsync was closed")
                    else -> cause as? CancellationException ?: CancellationException("The stream was cancelled")
                }
                terminate { subscriber.onError(error) }
            }
        }
    }

    private inline fun terminate(signal: () -> Unit) {
        if (!terminated.compareAndSet(false, true)) return
        try {
            signal()
        } catch (e: Throwable) {
            surface(e)
        }
    }
}
