package dev.openai4k.responses

import kotlinx.serialization.Serializable
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * How the model picks tools: a mode ([NONE], [AUTO], [REQUIRED]) or one specific tool ([function],
 * [hostedTool], or any JSON object via [of], such as `{"type":"allowed_tools",...}`).
 */
@Serializable(with = ToolChoiceSerializer::class)
public class ToolChoice private constructor(
    /** The mode (`none`, `auto`, `required`), or null when a specific tool is named. */
    public val mode: String?,
    /** The tool named, as JSON, or null for a mode. */
    public val tool: JsonObject?,
) {
    override fun equals(other: Any?): Boolean = other is ToolChoice && other.mode == mode && other.tool == tool
    override fun hashCode(): Int = (mode?.hashCode() ?: 0) * 31 + (tool?.hashCode() ?: 0)
    override fun toString(): String = mode ?: tool.toString()

    public companion object {
        /** Never call a tool. */
        @JvmField
        public val NONE: ToolChoice = ToolChoice("none", null)

        /** Call tools when the model decides to (the default). */
        @JvmField
        public val AUTO: ToolChoice = ToolChoice("auto", null)

        /** Call at least one tool. */
        @JvmField
        public val REQUIRED: ToolChoice = ToolChoice("required", null)

        /** A mode by name, for modes this SDK does not know. */
        @JvmStatic
        public fun mode(mode: String): ToolChoice = ToolChoice(mode, null)

        /** Call the function [name]. */
        @JvmStatic
        public fun function(name: String): ToolChoice =
            ToolChoice(null, JsonObject(mapOf("type" to JsonPrimitive("function"), "name" to JsonPrimitive(name))))

        /** Use the hosted tool of [type] (`file_search`, `web_search`, `image_generation`, ...). */
        @JvmStatic
        public fun hostedTool(type: String): ToolChoice = ToolChoice(null, JsonObject(mapOf("type" to JsonPrimitive(type))))

        /** Any tool choice object, sent as is. */
        @JvmStatic
        public fun of(json: JsonObject): ToolChoice = ToolChoice(null, json)
    }
}

internal object ToolChoiceSerializer : JsonUnionSerializer<ToolChoice>("dev.openai4k.responses.ToolChoice") {
    override fun decode(json: Json, element: JsonElement): ToolChoice = when (element) {
        is JsonObject -> ToolChoice.of(element)
        is JsonPrimitive -> when (element.content) {
            "none" -> ToolChoice.NONE
            "auto" -> ToolChoice.AUTO
            "required" -> ToolChoice.REQUIRED
            else -> ToolChoice.mode(element.content)
        }
        else -> ToolChoice.AUTO
    }

    override fun encode(json: Json, value: ToolChoice): JsonElement = value.tool ?: JsonPrimitive(value.mode)
}
