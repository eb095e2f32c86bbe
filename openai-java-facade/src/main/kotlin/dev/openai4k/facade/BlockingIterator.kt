package dev.openai4k.facade

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.flow.Flow
import java.util.concurrent.Flow as JdkFlow
import java.util.concurrent.LinkedBlockingQueue

/**
 * A [CloseableIterator] fed by a [FlowSubscription]: it keeps at most [prefetch] elements requested ahead, so a slow
 * reader holds back the server instead of buffering without bound.
 */
internal class BlockingIterator<T>(
    private val runtime: AsyncRuntime,
    private val source: () -> Flow<T>,
    private val prefetch: Int,
) : CloseableIterator<T> {
    private class End(val error: Throwable?)

    private val signals = LinkedBlockingQueue<Any>()
    private var subscription: FlowSubscription<T>? = null
    private var buffered: Any? = null
    private var hasBuffered = false
    private var done = false
    private var consumed = 0

    private val subscriber = object : JdkFlow.Subscriber<T> {
        override fun onSubscribe(subscription: JdkFlow.Subscription) = subscription.request(prefetch.toLong())
        override fun onNext(item: T) {
            signals.put(item as Any)
        }

        override fun onError(throwable: Throwable) = signals.put(End(throwable))
        override fun onComplete() = signals.put(End(null))
    }

    override fun hasNext(): Boolean {
        if (hasBuffered) return true
        if (done) return false
        val running = subscription ?: FlowSubscription(runtime, source, subscriber, reportCancel = false).also {
            subscription = it
            it.start()
        }
        val signal = try {
            signals.take()
        } catch (e: InterruptedException) {
            close()
            Thread.currentThread().interrupt()
            throw CancellationException("Interrupted while waiting for the stream").apply { initCause(e) }
        }
        if (signal is End) {
            done = true
            running.cancel()
            signal.error?.let { throw it }
            return false
        }
        buffered = signal
        hasBuffered = true
        return true
    }

    override fun next(): T {
        if (!hasNext()) throw NoSuchElementException("The stream has ended")
        @Suppress("UNCHECKED_CAST")
        val item = buffered as T
        buffered = null
        hasBuffered = false
        consumed++
        if (consumed >= (prefetch + 1) / 2) {
            subscription?.request(consumed.toLong())
            consumed = 0
        }
        return item
    }

    override fun close() {
        if (done) return
        done = true
        hasBuffered = false
        buffered = null
        subscription?.cancel()
        signals.clear()
    }
}
