package dev.openai4k.internal

import java.util.concurrent.Executor
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.RejectedExecutionException
import java.util.concurrent.ThreadPoolExecutor
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger

/**
 * The executor [JdkEngine] gives java.net.http: a small pool of daemon threads (java.net.http's default is an unbounded
 * cached pool). Every task goes to the pool: running the start of an exchange inline would put its DNS lookup and
 * connect on the caller's thread, and running follow-up tasks on the thread that produced them would deadlock a
 * caller that blocks on such a thread (both tried; the saving was within the benchmark's noise).
 *
 * After [shutdown], a task java.net.http still hands over while winding down runs on a thread of its own: on JDK 17 a
 * rejected task would end java.net.http's selector thread with an exception.
 */
internal class ExchangeExecutor(threads: Int) : Executor {
    private val pool = ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, LinkedBlockingQueue()) { task ->
        Thread(task, "openai4k-http-${count.incrementAndGet()}").apply { isDaemon = true }
    }.apply { allowCoreThreadTimeOut(true) }

    override fun execute(task: Runnable) {
        try {
            pool.execute(task)
        } catch (e: RejectedExecutionException) {
            Thread(task, "openai4k-http-closing").apply { isDaemon = true }.start()
        }
    }

    fun shutdown() = pool.shutdown()

    private companion object {
        val count = AtomicInteger()
    }
}
