package dev.openai4k.tools

import dev.openai4k.common.FunctionDefinition
import dev.openai4k.OpenAIJson
import dev.openai4k.schema.JsonSchemas
import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.serializer

/**
 * A function the model may call: name, description, parameter schema, and optionally the [handler] a session runs
 * when the model calls it. The same tool works in a chat session, a responses session and a [ToolRunner] of your own;
 * each section writes the declaration its API expects.
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
    /** The JSON schema of the arguments (an object schema); arguments are checked against it before [handler] runs. */
    public val parameters: JsonObject,
    /** Whether to ask for strict schema adherence (`strict: true`); null leaves it unsent. */
    public val strict: Boolean? = null,
    /** What runs when the model calls the tool; null means the caller answers its calls (they end the turn). */
    public val handler: ToolHandler? = null,
) {
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

        /**
         * A tool whose parameters are given as JSON schema text (handy from Java).
         *
         * @throws IllegalArgumentException if [parametersJson] is not a JSON object.
         */
        @JvmStatic
        @JvmOverloads
        public fun fromJsonSchema(name: String, description: String?, parametersJson: String, handler: ToolHandler? = null): Tool =
            Tool(name, description, JsonSchemas.parse(parametersJson), null, handler)
    }
}

private fun <T> decodeArguments(name: String, serializer: KSerializer<T>, json: JsonObject): T = try {
    OpenAIJson.decodeFromJsonElement(serializer, json)
} catch (e: SerializationException) {
    throw ToolArgumentsException("Invalid arguments for tool '$name': ${e.message?.lineSequence()?.firstOrNull()}", e)
} catch (e: IllegalArgumentException) {
    throw ToolArgumentsException("Invalid arguments for tool '$name': ${e.message?.lineSequence()?.firstOrNull()}", e)
}

/** A tool with a parameter schema (e.g. built with `objectSchema`) and an optional handler. */
public fun tool(name: String, description: String?, parameters: JsonObject, handler: ToolHandler? = null): Tool =
    Tool(name, description, parameters, null, handler)

/** A typed tool: arguments decode into [T], whose schema is derived from its descriptor. */
public inline fun <reified T> tool(name: String, description: String?, strict: Boolean = false, handler: TypedToolHandler<T>): Tool =
    Tool.typed(name, description, serializer<T>(), handler, strict)

/** A typed tool without a handler (the caller answers its calls). */
public inline fun <reified T> toolOf(name: String, description: String?, strict: Boolean = false): Tool =
    Tool.typed(name, description, serializer<T>(), null, strict)
