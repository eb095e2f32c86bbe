package dev.openai4k.chat

import dev.openai4k.ErrorKind
import dev.openai4k.OpenAIException
import dev.openai4k.Usage

/**
 * What one [ChatSession.send] (or [ChatSession.continueConversation]) produced: the assistant's answer, the tool
 * calls that ran on the way, the calls still waiting for the caller's results, and the tokens spent.
 */
public class ChatTurn(
    /** The assistant's final text, or null when it has none (a refusal, or tool calls waiting in [toolCalls]). */
    public val text: String?,
    /** The refusal, when the model refused. */
    public val refusal: String?,
    /**
     * Tool calls waiting for results from the caller (manual mode, or tools without handlers): answer each with
     * [ChatSession.addToolResult], then call [ChatSession.continueConversation]. Empty when the turn is complete.
     */
    public val toolCalls: List<ToolCall>,
    /** The tool calls the session ran during this turn, in order, failures included. */
    public val toolExecutions: List<ToolExecution>,
    /** Tokens spent by every call of this turn. */
    public val usage: Usage,
    /** Every completion of this turn (one per model call), in order. */
    public val completions: List<ChatCompletion>,
) {
    /** Whether tool calls wait for the caller's results. */
    public val requiresAction: Boolean get() = toolCalls.isNotEmpty()

    /** The tool calls of this turn that failed (their error was sent to the model). */
    public val failedToolExecutions: List<ToolExecution> get() = toolExecutions.filter { it.failed }

    /** The last completion's finish reason. */
    public val finishReason: String? get() = completions.lastOrNull()?.finishReason

    /** The text, or "" when there is none. */
    override fun toString(): String = text ?: ""
}

/** One tool call the session ran: the call, the result sent back, and the failure if it failed. */
public class ToolExecution(
    /** The call. */
    public val call: ToolCall,
    /** The text sent back to the model (an `Error: ...` text when the call failed). */
    public val result: String,
    /**
     * Why the call failed: the handler's exception, [ToolArgumentsException] for arguments that do not fit the
     * schema, [UnknownToolException] for a tool the session does not know. Null on success.
     */
    public val error: Throwable?,
) {
    /** Whether the call failed. */
    public val failed: Boolean get() = error != null

    override fun toString(): String = "ToolExecution(${call.name}#${call.id} -> ${if (failed) "failed" else "ok"})"
}

/** The model called a tool the session does not offer. */
public class UnknownToolException(
    /** The name the model used. */
    public val toolName: String,
) : IllegalArgumentException("Unknown tool '$toolName'")

/** Reports what a session does, for logging and UIs. Every method does nothing unless overridden. */
public interface ChatSessionListener {
    /** A tool is about to run. May be called concurrently for parallel calls. */
    public fun onToolCall(call: ToolCall) {}

    /** A tool finished (successfully or not). May be called concurrently for parallel calls. */
    public fun onToolResult(execution: ToolExecution) {}

    /** A model call of the session finished. */
    public fun onCompletion(completion: ChatCompletion) {}
}

/** Receives text deltas of a streamed session turn as they arrive. */
public fun interface TextDeltaListener {
    /** A piece of the assistant's text. */
    public fun onText(delta: String)
}

/**
 * The model kept calling tools for more rounds than [ChatSessionConfig.maxToolRounds] allows in one turn. The turn
 * is rolled back from the session's history; [messages] is the conversation as it stood when the limit was hit.
 */
public class ToolRoundLimitException(
    /** The rounds of tool calls that ran. */
    public val rounds: Int,
    /** The history at the moment the limit was hit, the last assistant message with its unanswered calls included. */
    public val messages: List<ChatMessage>,
    /** The tool calls run during the turn. */
    public val toolExecutions: List<ToolExecution>,
) : OpenAIException(ErrorKind.API, "The model was still calling tools after $rounds rounds (the limit)")
