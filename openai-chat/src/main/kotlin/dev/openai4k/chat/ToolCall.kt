package dev.openai4k.chat

import dev.openai4k.OpenAIJson
import kotlinx.serialization.EncodeDefault
import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonObject

/**
 * A tool call the model made: `{"id":...,"type":"function","function":{"name":...,"arguments":"{...}"}}`.
 * The arguments are JSON text as the model wrote it; [argumentsJson] parses them.
 */
@OptIn(ExperimentalSerializationApi::class)
@Serializable
public data class ToolCall @JvmOverloads constructor(
    /** The call id, echoed by the [ToolMessage] that answers it. */
    val id: String = "",
    /** The function called and its arguments. */
    val function: FunctionCall = FunctionCall(),
    /** The tool type; `function` for every tool this SDK declares. */
    @EncodeDefault val type: String = "function",
) {
    /** The function's name. */
    val name: String get() = function.name

    /** The arguments as JSON text. */
    val arguments: String get() = function.arguments

    /**
     * The arguments parsed as a JSON object (an empty text counts as `{}`).
     *
     * @throws kotlinx.serialization.SerializationException if they are not a JSON object.
     */
    public fun argumentsJson(): JsonObject =
        if (function.arguments.isBlank()) JsonObject(emptyMap()) else OpenAIJson.decodeFromString(JsonObject.serializer(), function.arguments)
}

/** A function name and its arguments as JSON text. */
@Serializable
public data class FunctionCall @JvmOverloads constructor(
    /** The function's name. */
    val name: String = "",
    /** The arguments, JSON text. */
    val arguments: String = "",
)
