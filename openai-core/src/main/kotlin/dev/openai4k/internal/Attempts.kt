package dev.openai4k.internal

import dev.openai4k.OpenAIConfig
import dev.openai4k.OpenAIConnectionException
import dev.openai4k.OpenAIException
import dev.openai4k.OpenAIStatusException
import dev.openai4k.OpenAITimeoutException
import dev.openai4k.http.ApiBody
import dev.openai4k.http.ApiCall
import io.ktor.client.statement.HttpResponse
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Job
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.job
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeoutOrNull
import java.util.concurrent.ConcurrentHashMap

/** What one try got to: a try that committed is never sent again, and every failure after the headers names them. */
internal class Progress {
    /**
     * Set once a stream's 2xx headers arrived (the server has begun to generate, and bill, the answer) or a body
     * reached the caller: from then on a failure is raised, never retried.
     */
    var committed = false

    /** The `x-request-id` of the response, once its headers arrived. */
    var requestId: String? = null

    @Volatile
    var headersTimedOut = false
}

/** Marks an exception thrown by the flow's collector, which must pass through untouched and never be retried. */
internal class DownstreamException(override val cause: Throwable) : RuntimeException(cause)

/**
 * The first stage: runs a call's tries. Each try gets the call's deadline (a stream: the idle timeout for its
 * headers); a failure before the try committed is retried when it may succeed on another try, after a backoff that
 * honours `retry-after`; closing the client cancels every try in flight and fails them once, without a retry.
 */
internal class Attempts(
    private val settings: OpenAIConfig,
    private val secrets: Secrets,
    private val errors: ErrorMapping,
    private val redirects: Redirects,
) {
    private val closedSignal = CompletableDeferred<Unit>()
    private val inFlight: MutableSet<Job> = ConcurrentHashMap.newKeySet()

    fun close() {
        if (closedSignal.complete(Unit)) inFlight.forEach { it.cancel(CancellationException("The OpenAI client was closed")) }
    }

    private val closed get() = closedSignal.isCompleted

    /** Runs [handle] on a successful response, retrying failures that happen before anything was committed. */
    suspend fun <T> run(
        call: ApiCall,
        streaming: Boolean,
        accept: String,
        handle: suspend (HttpResponse, Progress) -> T,
    ): T {
        val maxRetries = call.options.maxRetries ?: settings.maxRetries
        val replayable = (call.body as? ApiBody.Form)?.form?.replayable ?: true
        val url = redirects.urlOf(call)
        var attempt = 0
        while (true) {
            if (closed) throw OpenAIConnectionException("The OpenAI client is closed")
            attempt++
            val progress = Progress()
            val started = System.nanoTime()
            try {
                return tryOnce(call, url, streaming, accept, progress, handle)
            } catch (t: Throwable) {
                if (t is DownstreamException) {
                    // A section's decoder failing on an event quotes the event: redact it like core's own errors.
                    (t.cause as? OpenAIException)?.let { e ->
                        secrets.scrub(e)
                        if (e.requestId == null) e.requestId = progress.requestId
                    }
                    throw t.cause
                }
                val error = if (progress.headersTimedOut) {
                    OpenAITimeoutException("No response within ${idleMillis(call)} ms (${call.method} /${call.path})", t)
                } else {
                    errors.translate(t, call, closed)
                }
                secrets.scrub(error)
                if (error.requestId == null) error.requestId = progress.requestId
                val elapsed = (System.nanoTime() - started) / 1_000_000
                // A closed client is not a failure to retry (nor to log as one).
                val retry = !closed && !progress.committed && replayable && attempt <= maxRetries && isRetryable(error)
                if (!retry) {
                    error.attempts = attempt
                    log.debug("<-- {} /{} failed after {} ms on try {}: {}", call.method, call.path, elapsed, attempt, error.message)
                    throw error
                }
                val wait = retryDelayMillis(attempt, error.retryAfterMillis)
                log.info(
                    "Retrying {} /{} in {} ms (retry {} of {}) after: {}",
                    call.method, call.path, wait, attempt, maxRetries, error.message,
                )
                if (withTimeoutOrNull(wait) { closedSignal.await() } != null) {
                    throw OpenAIConnectionException("The OpenAI client is closed")
                }
            }
        }
    }

    /** One try, in its own scope so that closing the client can cancel it whatever the engine. */
    private suspend fun <T> tryOnce(
        call: ApiCall,
        url: String,
        streaming: Boolean,
        accept: String,
        progress: Progress,
        handle: suspend (HttpResponse, Progress) -> T,
    ): T = coroutineScope {
        val job = coroutineContext.job
        inFlight += job
        // A stream has no total deadline, and not every engine applies a read timeout while waiting for the headers:
        // the idle timeout covers that wait here.
        val watchdog = if (streaming) {
            launch {
                delay(idleMillis(call))
                progress.headersTimedOut = true
                job.cancel()
            }
        } else {
            null
        }
        try {
            if (closed) throw CancellationException("The OpenAI client was closed")
            withDeadline(call, streaming) {
                redirects.send(call, url, streaming, accept) { response ->
                    watchdog?.cancel()
                    progress.requestId = response.headers["x-request-id"]
                    handle(response, progress)
                }
            }
        } finally {
            watchdog?.cancel()
            inFlight -= job
        }
    }

    /** A non-streaming try within its deadline; a stream has none (its idle timeout applies between reads). */
    private suspend fun <T> withDeadline(call: ApiCall, streaming: Boolean, block: suspend () -> T): T {
        if (streaming) return block()
        val deadline = (call.options.timeout ?: settings.timeout).inWholeMilliseconds
        val boxed = withTimeoutOrNull(deadline) { Box(block()) }
            ?: throw OpenAITimeoutException("The request timed out after $deadline ms")
        return boxed.value
    }

    private fun idleMillis(call: ApiCall): Long = (call.options.timeout ?: settings.streamIdleTimeout).inWholeMilliseconds

    private fun isRetryable(error: OpenAIException): Boolean {
        error.shouldRetryHeader?.let { return it }
        if (error is OpenAIStatusException) {
            val s = error.status ?: return false
            return s == 408 || s == 409 || s == 429 || s >= 500
        }
        return error is OpenAIConnectionException
    }

    /** A result that may itself be null, told apart from the deadline's null. */
    private class Box<T>(val value: T)
}
