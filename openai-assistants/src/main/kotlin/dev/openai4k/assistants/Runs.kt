package dev.openai4k.assistants

import dev.openai4k.common.ListQuery
import dev.openai4k.CursorPage
import dev.openai4k.RequestOptions
import dev.openai4k.autoPaging
import dev.openai4k.http.ApiPath
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.withTimeoutOrNull
import kotlin.time.Duration
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

/**
 * The runs of threads (`/threads/{id}/runs`): start an assistant on a thread, follow it, answer its function
 * calls, cancel it. Reach it through `openai.assistants.threads.runs`; every call sends `OpenAI-Beta: assistants=v2`.
 *
 * A run is asynchronous: [create] returns at once (usually `queued`). [createAndPoll] and [poll] wait until it
 * settles: a terminal status (see [RunStatus.isTerminal]) or `requires_action`, in which case answer
 * [Run.toolCalls] with [submitToolOutputsAndPoll].
 */
public class Runs internal constructor(private val calls: BetaCalls) {

    /**
     * Starts a run (`POST /threads/{id}/runs`) and returns it as created, without waiting.
     *
     * @throws dev.openai4k.NotFoundException if there is no such thread or assistant.
     * @throws dev.openai4k.OpenAIException on other failures.
     */
    public suspend fun create(threadId: String, request: RunRequest, options: RequestOptions = RequestOptions.NONE): Run =
        calls.post(root(threadId), RunRequest.serializer(), request, request.extraBody, Run.serializer(), options)

    /**
     * One run (`GET /threads/{id}/runs/{run}`).
     *
     * @throws dev.openai4k.NotFoundException if there is no such run.
     * @throws dev.openai4k.OpenAIException on other failures.
     */
    public suspend fun retrieve(threadId: String, runId: String, options: RequestOptions = RequestOptions.NONE): Run =
        calls.get(root(threadId) / runId, Run.serializer(), options)

    /**
     * One page of a thread's runs (`GET /threads/{id}/runs`).
     *
     * @throws dev.openai4k.OpenAIException on failure.
     */
    public suspend fun list(
        threadId: String,
        request: ListQuery = ListQuery.DEFAULT,
        options: RequestOptions = RequestOptions.NONE,
    ): CursorPage<Run> = calls.page(root(threadId), Run.serializer(), options, request.parameters().toList())

    /**
     * Every run of a thread, as a cold flow fetching pages lazily until there are no more.
     *
     * @throws dev.openai4k.OpenAIException from the collector on failure.
     */
    public fun listAll(
        threadId: String,
        request: ListQuery = ListQuery.DEFAULT,
        options: RequestOptions = RequestOptions.NONE,
    ): Flow<Run> = autoPaging(Run::id) { cursor ->
        calls.page(root(threadId), Run.serializer(), options, request.parameters(cursor ?: request.after).toList())
    }

    /**
     * Asks the server to cancel a run (`POST /threads/{id}/runs/{run}/cancel`); it goes through `cancelling` to
     * `cancelled`. Returns the run as the server then reports it.
     *
     * @throws dev.openai4k.OpenAIException on failure (a run that already ended answers with an error status).
     */
    public suspend fun cancel(threadId: String, runId: String, options: RequestOptions = RequestOptions.NONE): Run =
        calls.postEmpty(root(threadId) / runId / "cancel", Run.serializer(), options)

    /**
     * Answers the function calls of a run in `requires_action` (`POST /threads/{id}/runs/{run}/submit_tool_outputs`);
     * all of them must be answered in one request. Returns the run, which resumes (usually `queued`).
     *
     * @throws dev.openai4k.OpenAIException on failure.
     */
    public suspend fun submitToolOutputs(
        threadId: String,
        runId: String,
        request: ToolOutputsRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): Run = calls.post(
        root(threadId) / runId / "submit_tool_outputs", ToolOutputsRequest.serializer(), request, request.extraBody,
        Run.serializer(), options,
    )

    /**
     * Starts a run and waits until it settles: a terminal status, or `requires_action` (then answer
     * [Run.toolCalls] with [submitToolOutputsAndPoll]). The first check comes [pollInterval] after the run is
     * created; each wait is 1.5 times the last, up to [maxPollInterval]. [deadline] bounds the waiting, counted
     * from the creation; creating the run itself is bounded by the client's timeout only.
     *
     * @throws RunPollTimeoutException if the run has not settled within [deadline]; the run keeps going on the
     * server (the exception carries the last state seen, so you can [cancel] it).
     * @throws IllegalArgumentException if an interval or the deadline is not positive.
     * @throws dev.openai4k.OpenAIException if a call fails.
     */
    public suspend fun createAndPoll(
        threadId: String,
        request: RunRequest,
        pollInterval: Duration = DEFAULT_POLL_INTERVAL,
        maxPollInterval: Duration = DEFAULT_MAX_POLL_INTERVAL,
        deadline: Duration = DEFAULT_DEADLINE,
        options: RequestOptions = RequestOptions.NONE,
    ): Run {
        checkTiming(pollInterval, maxPollInterval, deadline)
        val created = create(threadId, request, options)
        return settle(threadId, created.id, created, pollInterval, maxPollInterval, deadline, options)
    }

    /**
     * Submits tool outputs, then waits as [createAndPoll] does until the run settles again.
     *
     * @throws RunPollTimeoutException if the run has not settled within [deadline].
     * @throws IllegalArgumentException if an interval or the deadline is not positive.
     * @throws dev.openai4k.OpenAIException if a call fails.
     */
    public suspend fun submitToolOutputsAndPoll(
        threadId: String,
        runId: String,
        request: ToolOutputsRequest,
        pollInterval: Duration = DEFAULT_POLL_INTERVAL,
        maxPollInterval: Duration = DEFAULT_MAX_POLL_INTERVAL,
        deadline: Duration = DEFAULT_DEADLINE,
        options: RequestOptions = RequestOptions.NONE,
    ): Run {
        checkTiming(pollInterval, maxPollInterval, deadline)
        val resumed = submitToolOutputs(threadId, runId, request, options)
        return settle(threadId, runId, resumed, pollInterval, maxPollInterval, deadline, options)
    }

    /**
     * Waits until an existing run settles (terminal or `requires_action`), checking at once and then with the
     * same growing waits as [createAndPoll].
     *
     * @throws RunPollTimeoutException if the run has not settled within [deadline].
     * @throws IllegalArgumentException if an interval or the deadline is not positive.
     * @throws dev.openai4k.OpenAIException if a call fails.
     */
    public suspend fun poll(
        threadId: String,
        runId: String,
        pollInterval: Duration = DEFAULT_POLL_INTERVAL,
        maxPollInterval: Duration = DEFAULT_MAX_POLL_INTERVAL,
        deadline: Duration = DEFAULT_DEADLINE,
        options: RequestOptions = RequestOptions.NONE,
    ): Run {
        checkTiming(pollInterval, maxPollInterval, deadline)
        return settle(threadId, runId, null, pollInterval, maxPollInterval, deadline, options)
    }

    private suspend fun settle(
        threadId: String,
        runId: String,
        initial: Run?,
        pollInterval: Duration,
        maxPollInterval: Duration,
        deadline: Duration,
        options: RequestOptions,
    ): Run {
        if (initial != null && initial.isSettled()) return initial
        var last: Run? = initial
        // withTimeoutOrNull runs on the coroutine's own clock, so a test under virtual time never really waits.
        val settled = withTimeoutOrNull(deadline) {
            var run = initial ?: retrieve(threadId, runId, options).also { last = it }
            var wait = pollInterval
            while (!run.isSettled()) {
                delay(wait)
                run = retrieve(threadId, runId, options)
                last = run
                wait = (wait * BACKOFF).coerceAtMost(maxPollInterval)
            }
            run
        }
        return settled ?: throw RunPollTimeoutException(last, threadId, runId, deadline.inWholeMilliseconds)
    }

    private fun Run.isSettled(): Boolean = isTerminal || requiresAction

    private fun checkTiming(pollInterval: Duration, maxPollInterval: Duration, deadline: Duration) {
        require(pollInterval.isPositive()) { "pollInterval must be positive, was $pollInterval" }
        require(maxPollInterval >= pollInterval) { "maxPollInterval ($maxPollInterval) must be at least pollInterval ($pollInterval)" }
        require(deadline.isPositive()) { "deadline must be positive, was $deadline" }
    }

    private fun root(threadId: String): ApiPath = Threads.ROOT / threadId / "runs"

    override fun toString(): String = "Runs(${calls.client})"

    public companion object {
        /** The first wait between checks of a run: 1 second. */
        public val DEFAULT_POLL_INTERVAL: Duration = 1.seconds

        /** The longest wait between checks: 5 seconds. */
        public val DEFAULT_MAX_POLL_INTERVAL: Duration = 5.seconds

        /** How long to wait for a run to settle: 10 minutes (OpenAI expires runs waiting on tools after 10). */
        public val DEFAULT_DEADLINE: Duration = 10.minutes

        /** Each wait is this many times the last. */
        private const val BACKOFF: Double = 1.5
    }
}
