package dev.openai4k.facade

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.isActive
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.future.future
import java.util.concurrent.CompletableFuture
import java.util.concurrent.Executor
import java.util.concurrent.ExecutorService
import java.util.concurrent.RejectedExecutionException

/**
 * What every facade class shares: the executor user code runs on, and the scope every call runs in, so that
 * [close] can cancel them all.
 *
 * Coroutines run on [dispatcher] (the executor), which is why futures complete, callbacks run and tool handlers
 * block there rather than on the HTTP engine's threads: the engine only resumes a coroutine, through the executor.
 */
internal class AsyncRuntime(
    val executor: Executor,
    private val ownedExecutor: ExecutorService?,
) {
    val dispatcher: CoroutineDispatcher = executor.asCoroutineDispatcher()
    private val job = SupervisorJob()
    val scope: CoroutineScope = CoroutineScope(job + dispatcher + CoroutineName("openai-async"))

    @Volatile
    var closed: Boolean = false
        private set

    /** Runs [block] as a coroutine whose result completes the returned future; cancelling the future cancels it. */
    fun <T> future(block: suspend CoroutineScope.() -> T): CompletableFuture<T> {
        if (closed) return CompletableFuture.failedFuture(closedError())
        return scope.future {
            try {
                block()
            } catch (e: Throwable) {
                throw asCancellationIfCancelled(e)
            }
        }
    }

    /** A stream over the flow [source] makes; [source] runs once per subscription, so its failures reach the subscriber. */
    fun <T> stream(source: () -> Flow<T>): AsyncStream<T> = AsyncStream(this, source)

    /** Runs [task] on the executor, or right here if the executor refuses it (it was shut down). */
    fun execute(task: Runnable) {
        try {
            executor.execute(task)
        } catch (_: RejectedExecutionException) {
            task.run()
        }
    }

    fun closedError(): IllegalStateException = IllegalStateException("This OpenAIAsync is closed")

    /**
     * Cancels every call and stream in flight. An executor the facade created is shut down once the cancelled
     * coroutines have finished unwinding on it.
     */
    fun close() {
        if (closed) return
        closed = true
        job.cancel(CancellationException("The OpenAIAsync was closed"))
        job.invokeOnCompletion { ownedExecutor?.shutdown() }
    }
}

/**
 * A failure that happened because the call was cancelled (closing the facade also closes the Kotlin client, whose
 * calls then fail with a connection error) is reported as the cancellation it is.
 */
internal suspend fun asCancellationIfCancelled(error: Throwable): Throwable {
    if (error is CancellationException || currentCoroutineContext().isActive) return error
    return CancellationException("The call was cancelled").apply { initCause(error) }
}

/** Hands [error], thrown by user code where nobody can catch it, to the thread's uncaught-exception handler. */
internal fun surface(error: Throwable) {
    val thread = Thread.currentThread()
    thread.uncaughtExceptionHandler?.uncaughtException(thread, error)
}
