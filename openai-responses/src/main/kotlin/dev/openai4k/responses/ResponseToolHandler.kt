package dev.openai4k.responses

import kotlinx.serialization.json.JsonObject

/** Runs a function tool for a [ResponseSession]: takes the model's arguments, returns the output sent back. */
public fun interface ResponseToolHandler {
    /**
     * Runs the tool. A thrown exception is not fatal: the session sends its message back to the model as the
     * call's output (`{"error":"..."}`) so the model can recover.
     */
    public suspend fun handle(arguments: JsonObject): String
}

/** A [ResponseToolHandler] whose arguments are first decoded into a `@Serializable` class [T]. */
public fun interface TypedResponseToolHandler<T> {
    /** Runs the tool with decoded [arguments]; see [ResponseToolHandler.handle] for failures. */
    public suspend fun handle(arguments: T): String
}

/** Raised by a [ResponseSession] when the model still asks for tools after the session's tool-round limit. */
public class ToolRoundLimitException(
    /** The limit that was reached. */
    public val maxRounds: Int,
    /** The last response, whose function calls were not run. */
    public val response: Response,
) : IllegalStateException(
    "The model still asked for tools (${response.functionCalls.joinToString { it.name }}) after $maxRounds tool " +
        "rounds; raise maxToolRounds or check the tools' outputs",
)
