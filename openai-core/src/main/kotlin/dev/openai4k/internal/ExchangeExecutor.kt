package dev.openai4k.internal

import java.util.concurrent.Executor
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.ThreadPoolExecutor
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger

/**
 * The executor [JdkEngine] gives java.net.http, written to save thread wake-ups (each costs tens of microseconds and
 * a call made several):
 * - a task handed over by java.net.http's selector thread goes to a small daemon pool, never inline (the selector
 *   must keep selecting; running its tasks inline serialised every exchange and raced its connection pool);
 * - a task handed over by a pool thread runs on that same thread right after the task it is running, instead of
 *   waking another pool thread;
 * - a task handed over by any other thread (the caller starting an exchange, a reader asking for more body) runs
 *   inline, as java.net.http itself does for its blocking `send`.
 */
internal class ExchangeExecutor(threads: Int) : Executor {
    private val pool = ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, LinkedBlockingQueue(), ::PoolThread)
        .apply { allowCoreThreadTimeOut(true) }

    override fun execute(task: Runnable) {
        val thread = Thread.currentThread()
        when {
            thread is PoolThread && thread.owner === this -> {
                val pending = thread.pending
                if (pending != null) pending.addLast(task) else pool.execute { drain(task) }
            }
            isSelector(thread) -> pool.execute { drain(task) }
            else -> task.run()
        }
    }

    fun shutdown() = pool.shutdown()

    /** Runs [first] and then every task it (or a task after it) handed over on this thread, in order. */
    private fun drain(first: Runnable) {
        val thread = Thread.currentThread() as PoolThread
        val pending = ArrayDeque<Runnable>()
        thread.pending = pending
        var failure: Throwable? = null
        try {
            var next: Runnable? = first
            while (next != null) {
                try {
                    next.run()
                } catch (t: Throwable) {
                    if (failure == null) failure = t else failure.addSuppressed(t)
                }
                next = pending.removeFirstOrNull()
            }
        } finally {
            thread.pending = null
        }
        failure?.let { throw it }
    }

    private inner class PoolThread(task: Runnable) : Thread(task, "openai4k-http-${count.incrementAndGet()}") {
        val owner: ExchangeExecutor get() = this@ExchangeExecutor
        var pending: ArrayDeque<Runnable>? = null

        init {
            isDaemon = true
        }
    }

    private companion object {
        val count = AtomicInteger()

        /** java.net.http's selector thread (`HttpClientImpl$SelectorManager`, named `HttpClient-N-SelectorManager`). */
        fun isSelector(thread: Thread): Boolean = thread.javaClass.name.endsWith("SelectorManager")
    }
}
