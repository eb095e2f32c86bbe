package dev.openai4k.tools

import dev.openai4k.OpenAIJson
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.JsonObject

/**
 * One call of a tool by the model, whatever API it came from (a chat tool call, a responses function call, a realtime
 * function call).
 */
public data class ToolInvocation(
    /** The id that links the call to its result (`call_...`). */
    val id: String,
    /** The tool's name. */
    val name: String,
    /** The arguments as the model wrote them: JSON text, not always valid. */
    val arguments: String,
) {
    /**
     * The arguments as a JSON object; blank arguments are `{}`.
     *
     * @throws ToolArgumentsException if they are not a JSON object.
     */
    public fun argumentsJson(): JsonObject {
        if (arguments.isBlank()) return JsonObject(emptyMap())
        val parsed = try {
            OpenAIJson.parseToJsonElement(arguments)
        } catch (e: SerializationException) {
            throw ToolArgumentsException("The arguments of '$name' are not a JSON object: ${e.message?.lineSequence()?.firstOrNull()}", e)
        }
        return parsed as? JsonObject
            ?: throw ToolArgumentsException("The arguments of '$name' are not a JSON object: ${arguments.take(200)}")
    }

    override fun toString(): String = "ToolInvocation($name#$id)"
}

/** One tool call that ran: the call, the result sent back to the model, and the failure if it failed. */
public class ToolExecution(
    /** The call. */
    public val invocation: ToolInvocation,
    /** The text sent back to the model (an error text, see [ToolErrorFormatter], when the call failed). */
    public val result: String,
    /**
     * Why the call failed: the handler's exception, [ToolArgumentsException] for arguments that are not a JSON object
     * or do not fit the schema, [UnknownToolException] for a tool that is not offered. Null on success.
     */
    public val error: Throwable?,
) {
    /** Whether the call failed. */
    public val failed: Boolean get() = error != null

    override fun toString(): String =
        "ToolExecution(${invocation.name}#${invocation.id} -> ${if (failed) "failed" else "ok"})"
}
