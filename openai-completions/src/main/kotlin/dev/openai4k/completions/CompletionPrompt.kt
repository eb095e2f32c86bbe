package dev.openai4k.completions

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
 * The prompt of a completion: one text, several texts (one completion each), one token array, or several token
 * arrays. On the wire it is the bare value of `prompt`.
 */
@Serializable(with = CompletionPromptSerializer::class)
public sealed class CompletionPrompt {
    /** One text. */
    public data class Text(/** The text. */ val text: String) : CompletionPrompt()

    /** Several texts, completed independently in one request. */
    public data class Texts(/** The texts, in order. */ val texts: List<String>) : CompletionPrompt()

    /** One pre-tokenized prompt. */
    public data class Tokens(/** The token ids. */ val tokens: List<Int>) : CompletionPrompt()

    /** Several pre-tokenized prompts. */
    public data class TokenBatches(/** The token arrays, in order. */ val batches: List<List<Int>>) : CompletionPrompt()

    public companion object {
        /** One text. */
        @JvmStatic
        public fun of(text: String): CompletionPrompt = Text(text)

        /** Several texts. */
        @JvmStatic
        public fun ofTexts(texts: List<String>): CompletionPrompt = Texts(texts.toList())

        /** One token array. */
        @JvmStatic
        public fun ofTokens(tokens: List<Int>): CompletionPrompt = Tokens(tokens.toList())

        /** Several token arrays. */
        @JvmStatic
        public fun ofTokenBatches(batches: List<List<Int>>): CompletionPrompt = TokenBatches(batches.map { it.toList() })
    }
}

/** Writes a [CompletionPrompt] as its bare JSON value and reads any of the four shapes back. */
internal object CompletionPromptSerializer : KSerializer<CompletionPrompt> {
    // A string or an array on the wire; the descriptor only names it, the JSON element is written directly.
    override val descriptor: SerialDescriptor =
        PrimitiveSerialDescriptor("dev.openai4k.completions.CompletionPrompt", PrimitiveKind.STRING)

    override fun serialize(encoder: Encoder, value: CompletionPrompt) {
        val json = encoder as? JsonEncoder ?: throw SerializationException("A prompt can only be written as JSON")
        json.encodeJsonElement(
            when (value) {
                is CompletionPrompt.Text -> JsonPrimitive(value.text)
                is CompletionPrompt.Texts -> JsonArray(value.texts.map(::JsonPrimitive))
                is CompletionPrompt.Tokens -> JsonArray(value.tokens.map(::JsonPrimitive))
                is CompletionPrompt.TokenBatches -> JsonArray(value.batches.map { b -> JsonArray(b.map(::JsonPrimitive)) })
            },
        )
    }

    override fun deserialize(decoder: Decoder): CompletionPrompt {
        val json = decoder as? JsonDecoder ?: throw SerializationException("A prompt can only be read from JSON")
        val element = json.decodeJsonElement()
        if (element is JsonPrimitive && element.isString) return CompletionPrompt.Text(element.content)
        if (element !is JsonArray) throw SerializationException("prompt must be a string or an array, got $element")
        val first = element.firstOrNull()
        return when {
            first is JsonArray -> CompletionPrompt.TokenBatches(element.map { b -> (b as JsonArray).map { it.token() } })
            first is JsonPrimitive && !first.isString && first.intOrNull != null -> CompletionPrompt.Tokens(element.map { it.token() })
            else -> CompletionPrompt.Texts(element.map { (it as? JsonPrimitive)?.content ?: throw SerializationException("not a text: $it") })
        }
    }

    private fun JsonElement.token(): Int =
        (this as? JsonPrimitive)?.takeIf { !it.isString }?.int ?: throw SerializationException("not a token id: $this")
}
