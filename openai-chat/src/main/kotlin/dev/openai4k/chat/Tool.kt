package dev.openai4k.chat

import dev.openai4k.common.FunctionDefinition
import dev.openai4k.OpenAIJson
import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.serializer

/** Runs a tool: receives the arguments the model wrote, returns the result text sent back to the model. */
public fun interface ToolHandler {
    /**
     * Runs the tool. An exception is not fatal: a session sends its message back to the model as an error
     * result and reports it to its listener.
     */
    public suspend fun call(arguments: JsonObject): String
}

/** Runs a tool whose arguments are decoded into [T] first. */
public fun interface TypedToolHandler<T> {
    /** Runs the tool with decoded [arguments]; see [ToolHandler.call]. */
    public suspend fun call(arguments: T): String
}

/** The arguments given to a typed tool do not decode into its argument class. */
public class ToolArgumentsException(message: String, cause: Throwable? = null) : IllegalArgumentException(message, cause)

/**
 * A function the model may call: name, description, parameter schema, and optionally the [handler] a
 * [ChatSession] runs when the model calls it. In a plain request only the declaration is sent
 * ([ChatRequest.Builder.tool]).
 *
 * ```kotlin
 * val calculator = tool<Calculation>("calculator", "Does arithmetic") { args -> args.evaluate().toString() }
 * val weather = tool("get_weather", "Current weather", objectSchema { string("city") }) { args -> "sunny" }
 * ```
 */
public class Tool @JvmOverloads constructor(
    /** The function name: letters, digits, `_` and `-`, at most 64 characters. */
    public val name: String,
    /** What the tool does and when to use it. */
    public val description: String?,
    /** The JSON schema of the arguments (an object schema). */
    public val parameters: JsonObject,
    /** Whether to ask for strict schema adherence (`strict: true`); null leaves it unsent. */
    public val strict: Boolean? = null,
    /** What runs when the model calls the tool; null means the caller answers calls itself. */
    public val handler: ToolHandler? = null,
) {
    /** The declaration sent in requests. */
    public fun toChatTool(): ChatTool = ChatTool(FunctionDefinition(name, description, parameters, strict))

    /** This tool with [handler] as its handler. */
    public fun withHandler(handler: ToolHandler?): Tool = Tool(name, description, parameters, strict, handler)

    override fun toString(): String = "Tool($name)"

    public companion object {
        /**
         * A tool whose arguments decode into [serializer]'s class; the schema is derived from it (see [JsonSchemas]).
         * Arguments that do not decode make the call fail with [ToolArgumentsException] (reported to the model).
         */
        @JvmStatic
        @JvmOverloads
        public fun <T> typed(
            name: String,
            description: String?,
            serializer: KSerializer<T>,
            handler: TypedToolHandler<T>?,
            strict: Boolean = false,
        ): Tool = Tool(
            name,
            description,
            JsonSchemas.of(serializer.descriptor, strict),
            if (strict) true else null,
            handler?.let { typedHandler -> ToolHandler { json -> typedHandler.call(decodeArguments(name, serializer, json)) } },
        )

        /** A tool whose parameters are given as JSON schema text (handy from Java). */
        @JvmStatic
        @JvmOverloads
        public fun fromJsonSchema(name: String, description: String?, parametersJson: String, handler: ToolHandler? = null): Tool =
            Tool(name, description, FunctionDefinition.schema(parametersJson), null, handler)
    }
}

private fun <T> decodeArguments(name: String, serializer: KSerializer<T>, json: JsonObject): T = try {
    OpenAIJson.decodeFromJsonElement(serializer, json)
} catch (e: SerializationException) {
    throw ToolArgumentsException("Invalid arguments for tool '$name': ${e.message?.lineSequence()?.firstOrNull()}", e)
} catch (e: IllegalArgumentException) {
    throw ToolArgumentsException("Invalid arguments for tool '$name': ${e.message?.lineSequence()?.firstOrNull()}", e)
}

/** A tool with a parameter schema (e.g. built with [objectSchema]) and an optional handler. */
public fun tool(name: String, description: String?, parameters: JsonObject, handler: ToolHandler? = null): Tool =
    Tool(name, description, parameters, null, handler)

/** A typed tool: arguments decode into [T], whose schema is derived from its descriptor. */
public inline fun <reified T> tool(name: String, description: String?, strict: Boolean = false, handler: TypedToolHandler<T>): Tool =
    Tool.typed(name, description, serializer<T>(), handler, strict)

/** A typed tool without a handler (the caller answers its calls). */
public inline fun <reified T> toolOf(name: String, description: String?, strict: Boolean = false): Tool =
    Tool.typed(name, description, serializer<T>(), null, strict)
