package dev.openai4k.assistants

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/**
 * How a run picks tools: `"none"`, `"auto"`, `"required"`, or a named tool. Kept as the JSON the server uses, so
 * a choice this SDK does not know round-trips.
 */
@Serializable(with = RunToolChoiceSerializer::class)
public class RunToolChoice private constructor(
    /** The choice as JSON: a string or an object with a `"type"`. */
    public val json: JsonElement,
) {
    /** `none`, `auto`, `required`, or the type of the named tool (`function`, `file_search`, ...). */
    public val type: String get() = json.typeOrString()

    override fun equals(other: Any?): Boolean = other is RunToolChoice && other.json == json
    override fun hashCode(): Int = json.hashCode()
    override fun toString(): String = "RunToolChoice($json)"

    public companion object {
        /** The model may answer or call tools (the default). */
        @JvmStatic
        public fun auto(): RunToolChoice = RunToolChoice(JsonPrimitive("auto"))

        /** The model must not call tools. */
        @JvmStatic
        public fun none(): RunToolChoice = RunToolChoice(JsonPrimitive("none"))

        /** The model must call at least one tool. */
        @JvmStatic
        public fun required(): RunToolChoice = RunToolChoice(JsonPrimitive("required"))

        /** The model must call the function [name]. */
        @JvmStatic
        public fun function(name: String): RunToolChoice = RunToolChoice(
            buildJsonObject {
                put("type", "function")
                put("function", buildJsonObject { put("name", name) })
            },
        )

        /** The model must use the tool of [type] (`file_search`, `code_interpreter`). */
        @JvmStatic
        public fun tool(type: String): RunToolChoice = RunToolChoice(buildJsonObject { put("type", type) })

        /** Any other choice, as JSON. */
        @JvmStatic
        public fun of(json: JsonElement): RunToolChoice = RunToolChoice(json)
    }
}

internal object RunToolChoiceSerializer : RawJson<RunToolChoice>("dev.openai4k.assistants.RunToolChoice") {
    override fun toJson(value: RunToolChoice): JsonElement = value.json
    override fun fromJson(json: JsonElement): RunToolChoice = RunToolChoice.of(json)
}

/** How a thread is cut down to fit a run's context: `auto`, or only the last [lastMessages] messages. */
@Serializable
public data class TruncationStrategy(
    /** [AUTO] or [LAST_MESSAGES]. */
    val type: String,
    /** How many recent messages to keep, with [LAST_MESSAGES]. */
    @SerialName("last_messages") val lastMessages: Int? = null,
) {
    public companion object {
        /** Drop messages in the middle of the thread to fit the model's context. */
        public const val AUTO: String = "auto"

        /** Keep only the last few messages. */
        public const val LAST_MESSAGES: String = "last_messages"

        /** The `auto` strategy. */
        @JvmStatic
        public fun auto(): TruncationStrategy = TruncationStrategy(AUTO)

        /** Keep only the last [count] messages. */
        @JvmStatic
        public fun lastMessages(count: Int): TruncationStrategy = TruncationStrategy(LAST_MESSAGES, count)
    }
}
