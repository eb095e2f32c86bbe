package dev.openai4k.responses

import dev.openai4k.tools.ToolExecution
import dev.openai4k.tools.ToolInvocation
import dev.openai4k.tools.ToolListener
import dev.openai4k.tools.ToolRoundLimitException

/**
 * What one [ResponseSession.send] (or [ResponseSession.continueConversation]) produced: the model's answer, the tool
 * calls that ran on the way, the calls still waiting for the caller's results, and the tokens spent. The same shape as
 * the chat session's `ChatTurn`.
 */
public class ResponseTurn(
    /** The output text of the last response, or null when it has none (tool calls waiting in [toolCalls]). */
    public val text: String?,
    /**
     * Function calls waiting for results from the caller (auto-execution off, or tools without handlers): answer
     * each with [ResponseSession.addToolResult], then call [ResponseSession.continueConversation]. Empty when the
     * turn is complete.
     */
    public val toolCalls: List<ToolInvocation>,
    /** The tool calls the session ran during this turn, in order, failures included. */
    public val toolExecutions: List<ToolExecution>,
    /** Tokens spent by every response of this turn. */
    public val usage: ResponseUsage,
    /** Every response of this turn (one per model call), in order. */
    public val responses: List<Response>,
) {
    /** Whether tool calls wait for the caller's results. */
    public val requiresAction: Boolean get() = toolCalls.isNotEmpty()

    /** The tool calls of this turn that failed (their error text was sent to the model). */
    public val failedToolExecutions: List<ToolExecution> get() = toolExecutions.filter { it.failed }

    /** The last response of the turn. */
    public val response: Response get() = responses.last()

    /** The text, or "" when there is none. */
    override fun toString(): String = text ?: ""
}

/**
 * Reports what a [ResponseSession] does, for logging and UIs: its tool calls ([ToolListener]) and every response.
 * Every method does nothing unless overridden.
 */
public interface ResponseSessionListener : ToolListener {
    /** A model call of the session finished. */
    public fun onResponse(response: Response) {}
}

/**
 * A [ResponseSession]'s model kept calling tools beyond [ResponseSessionConfig.maxToolRounds] in one turn. The turn
 * is rolled back (previous response id, history, transcript); [response] is the last response, whose calls did not run.
 */
public class ResponseToolRoundLimitException(
    rounds: Int,
    /** The last response, whose function calls were not run. */
    public val response: Response,
    toolExecutions: List<ToolExecution>,
) : ToolRoundLimitException(rounds, toolExecutions)
