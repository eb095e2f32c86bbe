package dev.openai4k.facade

import dev.openai4k.CursorPage
import dev.openai4k.RequestOptions
import dev.openai4k.common.ListQuery
import dev.openai4k.assistants.Run
import dev.openai4k.assistants.RunRequest
import dev.openai4k.assistants.Runs
import dev.openai4k.assistants.ToolOutputsRequest
import java.time.Duration
import java.util.concurrent.CompletableFuture
import kotlin.time.toKotlinDuration

/**
 * The runs of threads for Java (`openai.assistants().threads().runs()`); see the Kotlin [Runs]. The polling calls
 * take their intervals and deadline as `java.time.Duration`s; without them the defaults apply (first wait 1 s,
 * growing to 5 s, deadline 10 minutes). A poll that times out fails with `RunPollTimeoutException`, and cancelling
 * its future stops the polling (the run itself keeps going on the server).
 */
public class AsyncRuns internal constructor(private val runs: Runs, private val runtime: AsyncRuntime) {

    /** Starts a run without waiting; see [Runs.create]. */
    @JvmOverloads
    public fun create(threadId: String, request: RunRequest, options: RequestOptions = RequestOptions.NONE): CompletableFuture<Run> =
        runtime.future { runs.create(threadId, request, options) }

    /** One run; see [Runs.retrieve]. */
    @JvmOverloads
    public fun retrieve(threadId: String, runId: String, options: RequestOptions = RequestOptions.NONE): CompletableFuture<Run> =
        runtime.future { runs.retrieve(threadId, runId, options) }

    /** One page of a thread's runs; see [Runs.list]. */
    @JvmOverloads
    public fun list(
        threadId: String,
        request: ListQuery = ListQuery.DEFAULT,
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<CursorPage<Run>> = runtime.future { runs.list(threadId, request, options) }

    /** Every run of a thread, fetching pages as the stream is consumed; see [Runs.listAll]. */
    @JvmOverloads
    public fun listAll(
        threadId: String,
        request: ListQuery = ListQuery.DEFAULT,
        options: RequestOptions = RequestOptions.NONE,
    ): AsyncStream<Run> = runtime.stream { runs.listAll(threadId, request, options) }

    /** Asks the server to cancel a run; see [Runs.cancel]. */
    @JvmOverloads
    public fun cancel(threadId: String, runId: String, options: RequestOptions = RequestOptions.NONE): CompletableFuture<Run> =
        runtime.future { runs.cancel(threadId, runId, options) }

    /** Answers the function calls of a run in `requires_action`; see [Runs.submitToolOutputs]. */
    @JvmOverloads
    public fun submitToolOutputs(
        threadId: String,
        runId: String,
        request: ToolOutputsRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<Run> = runtime.future { runs.submitToolOutputs(threadId, runId, request, options) }

    /** Starts a run and waits, with the default timing, until it settles; see [Runs.createAndPoll]. */
    @JvmOverloads
    public fun createAndPoll(threadId: String, request: RunRequest, options: RequestOptions = RequestOptions.NONE): CompletableFuture<Run> =
        runtime.future { runs.createAndPoll(threadId, request, options = options) }

    /**
     * Starts a run and waits until it settles, first checking after [pollInterval], each wait 1.5 times the last up
     * to [maxPollInterval], for at most [deadline]; see [Runs.createAndPoll]. The future fails with
     * `IllegalArgumentException` for a non-positive duration.
     */
    @JvmOverloads
    public fun createAndPoll(
        threadId: String,
        request: RunRequest,
        pollInterval: Duration,
        maxPollInterval: Duration,
        deadline: Duration,
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<Run> = runtime.future {
        runs.createAndPoll(
            threadId, request, pollInterval.toKotlinDuration(), maxPollInterval.toKotlinDuration(), deadline.toKotlinDuration(), options,
        )
    }

    /** Submits tool outputs and waits, with the default timing, until the run settles again; see [Runs.submitToolOutputsAndPoll]. */
    @JvmOverloads
    public fun submitToolOutputsAndPoll(
        threadId: String,
        runId: String,
        request: ToolOutputsRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<Run> = runtime.future { runs.submitToolOutputsAndPoll(threadId, runId, request, options = options) }

    /** Submits tool outputs and waits with the given timing (as [createAndPoll]) until the run settles again. */
    @JvmOverloads
    public fun submitToolOutputsAndPoll(
        threadId: String,
        runId: String,
        request: ToolOutputsRequest,
        pollInterval: Duration,
        maxPollInterval: Duration,
        deadline: Duration,
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<Run> = runtime.future {
        runs.submitToolOutputsAndPoll(
            threadId, runId, request,
            pollInterval.toKotlinDuration(), maxPollInterval.toKotlinDuration(), deadline.toKotlinDuration(), options,
        )
    }

    /** Waits, with the default timing, until an existing run settles; see [Runs.poll]. */
    @JvmOverloads
    public fun poll(threadId: String, runId: String, options: RequestOptions = RequestOptions.NONE): CompletableFuture<Run> =
        runtime.future { runs.poll(threadId, runId, options = options) }

    /** Waits with the given timing (as [createAndPoll]) until an existing run settles. */
    @JvmOverloads
    public fun poll(
        threadId: String,
        runId: String,
        pollInterval: Duration,
        maxPollInterval: Duration,
        deadline: Duration,
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<Run> = runtime.future {
        runs.poll(threadId, runId, pollInterval.toKotlinDuration(), maxPollInterval.toKotlinDuration(), deadline.toKotlinDuration(), options)
    }

    /** The Kotlin API underneath. */
    public fun kotlin(): Runs = runs
}
