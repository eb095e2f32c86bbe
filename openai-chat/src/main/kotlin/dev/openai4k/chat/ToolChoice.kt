package dev.openai4k.chat

import kotlinx.serialization.KSerializer
import kotlinx.serialization.Serializable
import kotlinx.serialization.SerializationException
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.descriptors.buildClassSerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonEncoder
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.put
import kotlinx.serialization.json.putJsonObject

/**
 * Which tool the model may or must call: a mode (`"none"`, `"auto"`, `"required"`), one named function
 * (`{"type":"function","function":{"name":...}}`), or any other JSON a provider accepts ([Raw]).
 */
@Serializable(with = ToolChoiceSerializer::class)
public sealed class ToolChoice {
    /** A mode, sent as a string. */
    public data class Mode(
        /** `none`, `auto` or `required`. */
        val value: String,
    ) : ToolChoice()

    /** Forces a call of the function [name]. */
    public data class Function(
        /** The function's name. */
        val name: String,
    ) : ToolChoice()

    /** Any JSON, sent as is (`allowed_tools`, provider-specific forms). */
    public data class Raw(
        /** The JSON sent. */
        val json: JsonElement,
    ) : ToolChoice()

    public companion object {
        /** The model must not call tools. */
        @JvmField
        public val NONE: ToolChoice = Mode("none")

        /** The model decides. */
        @JvmField
        public val AUTO: ToolChoice = Mode("auto")

        /** The model must call at least one tool. */
        @JvmField
        public val REQUIRED: ToolChoice = Mode("required")

        /** The model must call the function [name]. */
        @JvmStatic
        public fun function(name: String): ToolChoice = Function(name)
    }
}

internal object ToolChoiceSerializer : KSerializer<ToolChoice> {
    override val descriptor: SerialDescriptor = buildClassSerialDescriptor("dev.openai4k.chat.ToolChoice")

    override fun serialize(encoder: Encoder, value: ToolChoice) {
        val json = encoder as? JsonEncoder ?: throw SerializationException("ToolChoice is JSON only")
        json.encodeJsonElement(
            when (value) {
                is ToolChoice.Mode -> JsonPrimitive(value.value)
                is ToolChoice.Function -> buildJsonObject {
                    put("type", "function")
                    putJsonObject("function") { put("name", value.name) }
                }
                is ToolChoice.Raw -> value.json
            },
        )
    }

    override fun deserialize(decoder: Decoder): ToolChoice {
        val json = decoder as? JsonDecoder ?: throw SerializationException("ToolChoice is JSON only")
        val element = json.decodeJsonElement()
        if (element is JsonPrimitive && element.isString) return ToolChoice.Mode(element.content)
        if (element is JsonObject && element["type"]?.jsonPrimitive?.content == "function") {
            val name = (element["function"] as? JsonObject)?.get("name")?.jsonPrimitive?.content
            if (name != null && element.jsonObject.size == 2) return ToolChoice.Function(name)
        }
        return ToolChoice.Raw(element)
    }
}
