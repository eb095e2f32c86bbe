package dev.openai4k.assistants

import dev.openai4k.ErrorKind
import dev.openai4k.OpenAIException

/**
 * A run did not settle (reach a terminal status or `requires_action`) before the deadline given to
 * [Runs.createAndPoll], [Runs.poll] or [Runs.submitToolOutputsAndPoll]. The run itself goes on on the server:
 * cancel it with [Runs.cancel] if it is no longer wanted. Its [kind] is [ErrorKind.TRANSPORT], as for other
 * timeouts; it is never retried.
 */
public class RunPollTimeoutException(
    /** The last state of the run that was seen, or null if none was (the first check did not return in time). */
    public val run: Run?,
    /** The thread of the run. */
    public val threadId: String,
    /** The id of the run. */
    public val runId: String,
    /** The deadline that passed, in milliseconds. */
    public val deadlineMillis: Long,
) : OpenAIException(
    ErrorKind.TRANSPORT,
    "Run $runId on thread $threadId did not settle within $deadlineMillis ms (last status: ${run?.status ?: "unknown"})",
) {
    init {
        partial = run
    }
}
