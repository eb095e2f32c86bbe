package dev.openai4k.moderations

import kotlinx.serialization.KSerializer
import kotlinx.serialization.Serializable
import kotlinx.serialization.SerializationException
import kotlinx.serialization.descriptors.PrimitiveKind
import kotlinx.serialization.descriptors.PrimitiveSerialDescriptor
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonEncoder
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.put

/**
 * What to classify: one text, several texts (one result each), or a list of text and image parts
 * (multimodal models such as `omni-moderation-latest`; one result for all the parts).
 */
@Serializable(with = ModerationInputSerializer::class)
public sealed class ModerationInput {
    /** One text. */
    public data class Text(/** The text. */ val text: String) : ModerationInput()

    /** Several texts, classified independently. */
    public data class Texts(/** The texts, in order. */ val texts: List<String>) : ModerationInput()

    /** Text and image parts, classified together. */
    public data class Parts(/** The parts, in order. */ val parts: List<ModerationPart>) : ModerationInput()

    public companion object {
        /** One text. */
        @JvmStatic
        public fun of(text: String): ModerationInput = Text(text)

        /** Several texts. */
        @JvmStatic
        public fun ofTexts(texts: List<String>): ModerationInput = Texts(texts.toList())

        /** Text and image parts. */
        @JvmStatic
        public fun ofParts(parts: List<ModerationPart>): ModerationInput = Parts(parts.toList())
    }
}

/** One part of a multimodal input. */
public sealed class ModerationPart {
    /** A text part: `{"type":"text","text":...}`. */
    public data class Text(/** The text. */ val text: String) : ModerationPart()

    /** An image part: `{"type":"image_url","image_url":{"url":...}}`; the URL may be a `data:` URL. */
    public data class ImageUrl(/** The image URL. */ val url: String) : ModerationPart()

    public companion object {
        /** A text part. */
        @JvmStatic
        public fun text(text: String): ModerationPart = Text(text)

        /** An image part from an `https:` or `data:image/...;base64,` URL. */
        @JvmStatic
        public fun imageUrl(url: String): ModerationPart = ImageUrl(url)
    }
}

/** Writes a [ModerationInput] as the bare value of `input` and reads each shape back. */
internal object ModerationInputSerializer : KSerializer<ModerationInput> {
    // A string or an array on the wire; the descriptor only names it, the JSON element is written directly.
    override val descriptor: SerialDescriptor =
        PrimitiveSerialDescriptor("dev.openai4k.moderations.ModerationInput", PrimitiveKind.STRING)

    override fun serialize(encoder: Encoder, value: ModerationInput) {
        val json = encoder as? JsonEncoder ?: throw SerializationException("A moderation input can only be written as JSON")
        json.encodeJsonElement(
            when (value) {
                is ModerationInput.Text -> JsonPrimitive(value.text)
                is ModerationInput.Texts -> JsonArray(value.texts.map(::JsonPrimitive))
                is ModerationInput.Parts -> JsonArray(value.parts.map(::partJson))
            },
        )
    }

    private fun partJson(part: ModerationPart): JsonElement = when (part) {
        is ModerationPart.Text -> buildJsonObject {
            put("type", "text")
            put("text", part.text)
        }
        is ModerationPart.ImageUrl -> buildJsonObject {
            put("type", "image_url")
            put("image_url", buildJsonObject { put("url", part.url) })
        }
    }

    override fun deserialize(decoder: Decoder): ModerationInput {
        val json = decoder as? JsonDecoder ?: throw SerializationException("A moderation input can only be read from JSON")
        val element = json.decodeJsonElement()
        if (element is JsonPrimitive && element.isString) return ModerationInput.Text(element.content)
        if (element !is JsonArray) throw SerializationException("input must be a string or an array, got $element")
        return if (element.firstOrNull() is JsonObject) {
            ModerationInput.Parts(element.map { partOf(it as? JsonObject ?: throw SerializationException("not a part: $it")) })
        } else {
            ModerationInput.Texts(element.map { (it as? JsonPrimitive)?.content ?: throw SerializationException("not a text: $it") })
        }
    }

    private fun partOf(o: JsonObject): ModerationPart = when (val type = o["type"]?.jsonPrimitive?.content) {
        "text" -> ModerationPart.Text(o["text"]?.jsonPrimitive?.content ?: throw SerializationException("text part without text"))
        "image_url" -> ModerationPart.ImageUrl(
            (o["image_url"] as? JsonObject)?.get("url")?.jsonPrimitive?.content
                ?: throw SerializationException("image_url part without url"),
        )
        else -> throw SerializationException("Unknown moderation input part type: $type")
    }
}
