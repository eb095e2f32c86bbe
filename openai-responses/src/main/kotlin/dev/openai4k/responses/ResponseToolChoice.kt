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
public class ResponseToolChoice private constructor(
    /** The mode (`none`, `auto`, `required`), or null when a specific tool is named. */
    public val mode: String?,
    /** The tool named, as JSON, or null for a mode. */
    public val tool: JsonObject?,
) {
    override fun equals(other: Any?): Boolean = other is ResponseToolChoice && other.mode == mode && other.tool == tool
    override fun hashCode(): Int = (mode?.hashCode() ?: 0) * 31 + (tool?.hashCode() ?: 0)
    override fun toString(): String = mode ?: tool.toString()

    public companion object {
        /** Never call a tool. */
        @JvmField
        public val NONE: ResponseToolChoice = ResponseToolChoice("none", null)

        /** Call tools when the model decides to (the default). */
        @JvmField
        public val AUTO: ResponseToolChoice = ResponseToolChoice("auto", null)

        /** Call at least one tool. */
        @JvmField
        public val REQUIRED: ResponseToolChoice = ResponseToolChoice("required", null)

        /** A mode by name, for modes this SDK does not know. */
        @JvmStatic
        public fun mode(mode: String): ResponseToolChoice = ResponseToolChoice(mode, null)

        /** Call the function [name]. */
        @JvmStatic
        public fun function(name: String): ResponseToolChoice =
            ResponseToolChoice(null, JsonObject(mapOf("type" to JsonPrimitive("function"), "name" to JsonPrimitive(name))))

        /** Use the hosted tool of [type] (`file_search`, `web_search`, `image_generation`, ...). */
        @JvmStatic
        public fun hostedTool(type: String): ResponseToolChoice = ResponseToolChoice(null, JsonObject(mapOf("type" to JsonPrimitive(type))))

        /** Any tool choice object, sent as is. */
        @JvmStatic
        public fun of(json: JsonObject): ResponseToolChoice = ResponseToolChoice(null, json)
    }
}

internal object ToolChoiceSerializer : JsonUnionSerializer<ResponseToolChoice>("dev.openai4k.responses.ResponseToolChoice") {
    override fun decode(json: Json, element: JsonElement): ResponseToolChoice = when (element) {
        is JsonObject -> ResponseToolChoice.of(element)
        is JsonPrimitive -> when (element.content) {
            "none" -> ResponseToolChoice.NONE
            "auto" -> ResponseToolChoice.AUTO
            "required" -> ResponseToolChoice.REQUIRED
            else -> ResponseToolChoice.mode(element.content)
        }
        else -> ResponseToolChoice.AUTO
    }

    override fun encode(json: Json, value: ResponseToolChoice): JsonElement = value.tool ?: JsonPrimitive(value.mode)
}
