package dev.openai4k.chat

import dev.openai4k.Usage
import dev.openai4k.tools.ToolExecution
import dev.openai4k.tools.ToolInvocation
import dev.openai4k.tools.ToolListener
import dev.openai4k.tools.ToolRoundLimitException

/**
 * What one [ChatSession.send] (or [ChatSession.continueConversation]) produced: the assistant's answer, the tool
 * calls that ran on the way, the calls still waiting for the caller's results, and the tokens spent. The responses
 * session's turn (`ResponseTurn`) has the same shape.
 */
public class ChatTurn(
    /** The assistant's final text, or null when it has none (a refusal, or tool calls waiting in [toolCalls]). */
    public val text: String?,
    /** The refusal, when the model refused. */
    public val refusal: String?,
    /**
     * Tool calls waiting for results from the caller (auto-execution off, or tools without handlers): answer each
     * with [ChatSession.addToolResult], then call [ChatSession.continueConversation]. Empty when the turn is complete.
     */
    public val toolCalls: List<ToolInvocation>,
    /** The tool calls the session ran during this turn, in order, failures included. */
    public val toolExecutions: List<ToolExecution>,
    /** Tokens spent by every call of this turn. */
    public val usage: Usage,
    /** Every completion of this turn (one per model call), in order. */
    public val completions: List<ChatCompletion>,
) {
    /** Whether tool calls wait for the caller's results. */
    public val requiresAction: Boolean get() = toolCalls.isNotEmpty()

    /** The tool calls of this turn that failed (their error text was sent to the model). */
    public val failedToolExecutions: List<ToolExecution> get() = toolExecutions.filter { it.failed }

    /** The last completion of the turn. */
    public val completion: ChatCompletion get() = completions.last()

    /** The last completion's finish reason. */
    public val finishReason: String? get() = completions.lastOrNull()?.finishReason

    /** The text, or "" when there is none. */
    override fun toString(): String = text ?: ""
}

/**
 * Reports what a [ChatSession] does, for logging and UIs: its tool calls ([ToolListener]) and every completion.
 * Every method does nothing unless overridden.
 */
public interface ChatSessionListener : ToolListener {
    /** A model call of the session finished. */
    public fun onCompletion(completion: ChatCompletion) {}
}

/**
 * A [ChatSession]'s model kept calling tools beyond [ChatSessionConfig.maxToolRounds] in one turn. The turn is rolled
 * back from the session's history; [messages] is the conversation as it stood when the limit was hit.
 */
public class ChatToolRoundLimitException(
    rounds: Int,
    /** The history at the moment the limit was hit, the last assistant message with its unanswered calls included. */
    public val messages: List<ChatMessage>,
    toolExecutions: List<ToolExecution>,
) : ToolRoundLimitException(rounds, toolExecutions)
