package dev.openai4k.chat

import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerializationException
import kotlinx.serialization.descriptors.PrimitiveKind
import kotlinx.serialization.descriptors.PrimitiveSerialDescriptor
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * Reads answer text that most servers send as a string and some (Mistral's reasoning models) as an array of
 * typed parts: the `text` of the parts of type `text` are joined, other parts (`thinking`) are skipped.
 */
internal object LenientTextSerializer : KSerializer<String> {
    override val descriptor: SerialDescriptor = PrimitiveSerialDescriptor("dev.openai4k.chat.LenientText", PrimitiveKind.STRING)

    override fun serialize(encoder: Encoder, value: String): Unit = encoder.encodeString(value)

    override fun deserialize(decoder: Decoder): String {
        val json = decoder as? JsonDecoder ?: return decoder.decodeString()
        return textOf(json.decodeJsonElement())
    }

    private fun textOf(element: JsonElement): String = when (element) {
        is JsonNull -> ""
        is JsonPrimitive -> element.content
        is JsonArray -> element.joinToString("") { part ->
            when (part) {
                is JsonPrimitive -> part.content
                is JsonObject -> {
                    val type = (part["type"] as? JsonPrimitive)?.content
                    val text = part["text"] as? JsonPrimitive
                    if ((type == null || type == "text") && text != null) text.content else ""
                }
                else -> ""
            }
        }
        is JsonObject -> throw SerializationException("Expected text, got an object")
    }
}
