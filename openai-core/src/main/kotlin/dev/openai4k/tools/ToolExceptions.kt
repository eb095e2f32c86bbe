package dev.openai4k.tools

import dev.openai4k.ErrorKind
import dev.openai4k.OpenAIException

/**
 * The arguments the model wrote for a tool are not a JSON object, do not fit the tool's schema, or do not decode into
 * a typed tool's class. Never thrown to the caller of a session: it is the [ToolExecution.error] of the call, and the
 * model is told why.
 */
public class ToolArgumentsException @JvmOverloads constructor(message: String, cause: Throwable? = null) :
    IllegalArgumentException(message, cause)

/**
 * The model called a tool that is not offered. Never thrown to the caller of a session: it is the
 * [ToolExecution.error] of the call, and the model is told which tools exist.
 */
public class UnknownToolException @JvmOverloads constructor(
    /** The name the model used. */
    public val toolName: String,
    /** The names of the tools that are offered. */
    public val availableTools: List<String> = emptyList(),
) : IllegalArgumentException("Unknown tool '$toolName'")

/**
 * The model kept calling tools for more rounds than a session's `maxToolRounds` allows in one turn. The turn is rolled
 * back: the session's conversation is as it was before the turn; the tokens spent still count in its usage.
 *
 * Sections throw a subclass carrying their own state (the chat messages, the last response), so one
 * `catch (ToolRoundLimitException e)` handles every session.
 */
public open class ToolRoundLimitException @JvmOverloads constructor(
    /** The rounds of tool calls that ran. */
    public val rounds: Int,
    /** The tool calls run during the turn, in order. */
    public val toolExecutions: List<ToolExecution>,
    message: String = "The model was still calling tools after $rounds rounds (the limit)",
) : OpenAIException(ErrorKind.API, message)
