package dev.openai4k.tools

/**
 * One session turn's tool loop, written once for every section that has one (chat, responses, realtime): call the
 * model; when it calls tools, run those the [ToolRunner] answers, give their results back and call it again, until it
 * answers without calling a tool, or calls tools the caller must answer, or the round limit is hit.
 *
 * The decisions live here: a round of automatic calls beyond [maxRounds] fails the turn with the section's
 * [ToolRoundLimitException]; with [autoExecute] off, or for tools without a handler, the calls end the turn as pending
 * calls for the caller ([ToolLoopResult.pending]); a turn that fails in any way (an API error, the round limit,
 * cancellation) is rolled back ([rollback]) before the failure propagates.
 *
 * A section implements the protected steps for its API and calls [runTurn] once per turn (an instance serves one
 * turn). This is an extension point for SDK modules, not something an application calls: to run tools in a loop of
 * your own, use [ToolRunner].
 */
public abstract class ToolLoop<R>(
    /** Runs the calls the loop answers. */
    protected val runner: ToolRunner,
    /** The most rounds of automatic tool calls in one turn. */
    protected val maxRounds: Int,
    /** Whether calls to tools with handlers run automatically (true) or every call is left to the caller (false). */
    protected val autoExecute: Boolean,
) {
    init {
        require(maxRounds >= 0) { "maxToolRounds must be >= 0, was $maxRounds" }
    }

    /** Calls the model with the conversation so far, records its reply in the conversation and returns it. */
    protected abstract suspend fun callModel(): R

    /** The tool calls of [reply], in order, each with a non-blank id; empty when it called none. */
    protected abstract fun toolCalls(reply: R): List<ToolInvocation>

    /** Adds the results of one round of automatic calls to the conversation, for the next model call to see. */
    protected abstract fun recordResults(executions: List<ToolExecution>)

    /** The section's exception for a turn whose model was still calling tools after [rounds] rounds; [reply] is the last. */
    protected abstract fun roundLimitExceeded(rounds: Int, executions: List<ToolExecution>, reply: R): ToolRoundLimitException

    /** Puts the conversation back as it was before the turn (usage is not rolled back: those tokens were spent). */
    protected abstract fun rollback()

    /**
     * Runs the turn.
     *
     * @throws ToolRoundLimitException (the section's subclass) when the round limit is hit.
     * @throws Throwable whatever [callModel] throws, and cancellation; the turn is rolled back first.
     */
    protected suspend fun runTurn(): ToolLoopResult<R> = try {
        loop()
    } catch (t: Throwable) {
        rollback()
        throw t
    }

    private suspend fun loop(): ToolLoopResult<R> {
        var rounds = 0
        val replies = mutableListOf<R>()
        val executions = mutableListOf<ToolExecution>()
        while (true) {
            val reply = callModel()
            replies += reply
            val calls = toolCalls(reply)
            val automatic = if (autoExecute) calls.filter { runner.answers(it) } else emptyList()
            val pending = calls.filter { it !in automatic }
            if (automatic.isNotEmpty()) {
                if (rounds >= maxRounds) throw roundLimitExceeded(rounds, executions.toList(), reply)
                rounds++
                val results = runner.run(automatic)
                executions += results
                recordResults(results)
            }
            if (automatic.isEmpty() || pending.isNotEmpty()) return ToolLoopResult(replies.toList(), executions.toList(), pending)
        }
    }

    public companion object {
        /** The rounds of automatic tool calls a session allows per turn unless configured. */
        public const val DEFAULT_MAX_ROUNDS: Int = 10
    }
}

/** What a [ToolLoop] turn produced. */
public class ToolLoopResult<R>(
    /** Every model reply of the turn, in order. */
    public val replies: List<R>,
    /** The tool calls run during the turn, in order, failures included. */
    public val executions: List<ToolExecution>,
    /** Calls of the last reply left to the caller (auto-execution off, or tools without a handler); empty when done. */
    public val pending: List<ToolInvocation>,
) {
    /** The last reply. */
    public val last: R get() = replies.last()
}
