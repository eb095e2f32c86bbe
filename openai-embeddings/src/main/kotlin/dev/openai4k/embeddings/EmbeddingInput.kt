package dev.openai4k.embeddings

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
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.int
import kotlinx.serialization.json.intOrNull

/**
 * What to embed: one text, several texts, one token array, or several token arrays. On the wire it is the bare
 * value of `input` (a string, an array of strings, an array of ints, an array of arrays of ints).
 */
@Serializable(with = EmbeddingInputSerializer::class)
public sealed class EmbeddingInput {
    /** How many vectors this input asks for. */
    public abstract val count: Int

    /** One text: one vector. */
    public data class Text(/** The text. */ val text: String) : EmbeddingInput() {
        override val count: Int get() = 1
    }

    /** Several texts: one vector each, in order. */
    public data class Texts(/** The texts, in order. */ val texts: List<String>) : EmbeddingInput() {
        override val count: Int get() = texts.size
    }

    /** One pre-tokenized input: one vector. */
    public data class Tokens(/** The token ids. */ val tokens: List<Int>) : EmbeddingInput() {
        override val count: Int get() = 1
    }

    /** Several pre-tokenized inputs: one vector each, in order. */
    public data class TokenBatches(/** The token arrays, in order. */ val batches: List<List<Int>>) : EmbeddingInput() {
        override val count: Int get() = batches.size
    }

    public companion object {
        /** One text. */
        @JvmStatic
        public fun of(text: String): EmbeddingInput = Text(text)

        /** Several texts, embedded in one request. */
        @JvmStatic
        public fun ofTexts(texts: List<String>): EmbeddingInput = Texts(texts.toList())

        /** One token array. */
        @JvmStatic
        public fun ofTokens(tokens: List<Int>): EmbeddingInput = Tokens(tokens.toList())

        /** Several token arrays. */
        @JvmStatic
        public fun ofTokenBatches(batches: List<List<Int>>): EmbeddingInput = TokenBatches(batches.map { it.toList() })
    }
}

/** Writes an [EmbeddingInput] as its bare JSON value and reads any of the four shapes back. */
internal object EmbeddingInputSerializer : KSerializer<EmbeddingInput> {
    // A string or an array on the wire; the descriptor only names it, the JSON element is written directly.
    override val descriptor: SerialDescriptor =
        PrimitiveSerialDescriptor("dev.openai4k.embeddings.EmbeddingInput", PrimitiveKind.STRING)

    override fun serialize(encoder: Encoder, value: EmbeddingInput) {
        val json = encoder as? JsonEncoder ?: throw SerializationException("EmbeddingInput can only be written as JSON")
        json.encodeJsonElement(toJson(value))
    }

    override fun deserialize(decoder: Decoder): EmbeddingInput {
        val json = decoder as? JsonDecoder ?: throw SerializationException("EmbeddingInput can only be read from JSON")
        return fromJson(json.decodeJsonElement())
    }

    private fun toJson(value: EmbeddingInput): JsonElement = when (value) {
        is EmbeddingInput.Text -> JsonPrimitive(value.text)
        is EmbeddingInput.Texts -> JsonArray(value.texts.map(::JsonPrimitive))
        is EmbeddingInput.Tokens -> JsonArray(value.tokens.map(::JsonPrimitive))
        is EmbeddingInput.TokenBatches -> JsonArray(value.batches.map { b -> JsonArray(b.map(::JsonPrimitive)) })
    }

    private fun fromJson(element: JsonElement): EmbeddingInput {
        if (element is JsonPrimitive && element.isString) return EmbeddingInput.Text(element.content)
        if (element !is JsonArray) throw SerializationException("input must be a string or an array, got $element")
        val first = element.firstOrNull()
        return when {
            first is JsonArray -> EmbeddingInput.TokenBatches(element.map { b -> (b as JsonArray).map { it.tokenOf() } })
            first is JsonPrimitive && !first.isString && first.intOrNull != null ->
                EmbeddingInput.Tokens(element.map { it.tokenOf() })
            else -> EmbeddingInput.Texts(element.map { (it as? JsonPrimitive)?.content ?: throw SerializationException("not a text: $it") })
        }
    }

    private fun JsonElement.tokenOf(): Int =
        (this as? JsonPrimitive)?.takeIf { !it.isString }?.int ?: throw SerializationException("not a token id: $this")
}
