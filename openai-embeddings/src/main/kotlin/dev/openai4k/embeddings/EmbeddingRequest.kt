package dev.openai4k.embeddings

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.Transient
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonPrimitive

/**
 * A request to `POST /embeddings`.
 *
 * When [encodingFormat] is null, [Embeddings.create] asks for [EncodingFormat.BASE64] (smaller and faster to
 * decode); the answer decodes to `FloatArray` whichever format the server actually sends.
 */
@Serializable
public data class EmbeddingRequest(
    /** The model id, e.g. `text-embedding-3-small` or `nomic-embed-text`. */
    val model: String,
    /** What to embed. */
    val input: EmbeddingInput,
    /** The length of the vectors, for models that can shorten them. */
    val dimensions: Int? = null,
    /** An end-user id for abuse monitoring. */
    val user: String? = null,
    /** `float` or `base64` (see [EncodingFormat]); null lets [Embeddings.create] ask for base64. */
    @SerialName("encoding_format") val encodingFormat: String? = null,
    /** Provider-specific fields merged into the JSON body (they replace modelled keys of the same name). */
    @Transient val extraBody: Map<String, JsonElement> = emptyMap(),
) {
    /** A builder holding every value of this request ([extraBody] included): change what differs and build again. */
    public fun toBuilder(): Builder = Builder(model).also { b ->
        b.input = input
        b.dimensions = dimensions
        b.user = user
        b.encodingFormat = encodingFormat
        b.extraBody.putAll(extraBody)
    }

    /** Builds an [EmbeddingRequest]: properties for the Kotlin DSL, fluent setters for Java. */
    public class Builder(
        /** See [EmbeddingRequest.model]. */
        public var model: String,
    ) {
        /** See [EmbeddingRequest.input]; required. */
        public var input: EmbeddingInput? = null

        /** See [EmbeddingRequest.dimensions]. */
        public var dimensions: Int? = null

        /** See [EmbeddingRequest.user]. */
        public var user: String? = null

        /** See [EmbeddingRequest.encodingFormat]. */
        public var encodingFormat: String? = null

        /** See [EmbeddingRequest.extraBody]. */
        public val extraBody: MutableMap<String, JsonElement> = linkedMapOf()

        /** Sets the model. */
        public fun model(value: String): Builder = apply { model = value }

        /** Sets the input. */
        public fun input(value: EmbeddingInput): Builder = apply { input = value }

        /** Embeds one text. */
        public fun input(text: String): Builder = apply { input = EmbeddingInput.of(text) }

        /** Embeds several texts in one request. */
        public fun inputs(texts: List<String>): Builder = apply { input = EmbeddingInput.ofTexts(texts) }

        /** Embeds one token array. */
        public fun tokens(tokens: List<Int>): Builder = apply { input = EmbeddingInput.ofTokens(tokens) }

        /** Embeds several token arrays. */
        public fun tokenBatches(batches: List<List<Int>>): Builder = apply { input = EmbeddingInput.ofTokenBatches(batches) }

        /** Sets the vector length. */
        public fun dimensions(value: Int): Builder = apply { dimensions = value }

        /** Sets the end-user id sent as `user`. */
        public fun endUser(value: String): Builder = apply { user = value }

        /** Sets the wire format of the vectors (see [EncodingFormat]). */
        public fun encodingFormat(value: String): Builder = apply { encodingFormat = value }

        /** Adds a provider-specific field to the body. */
        public fun extraBody(name: String, value: JsonElement): Builder = apply { extraBody[name] = value }

        /** Adds a provider-specific text field to the body. */
        public fun extraBody(name: String, value: String): Builder = extraBody(name, JsonPrimitive(value))

        /** Adds a provider-specific number field to the body. */
        public fun extraBody(name: String, value: Number): Builder = extraBody(name, JsonPrimitive(value))

        /** Adds a provider-specific boolean field to the body. */
        public fun extraBody(name: String, value: Boolean): Builder = extraBody(name, JsonPrimitive(value))

        /**
         * The request.
         *
         * @throws IllegalStateException if no input was set.
         */
        public fun build(): EmbeddingRequest = EmbeddingRequest(
            model = model,
            input = checkNotNull(input) { "An embedding request needs an input" },
            dimensions = dimensions,
            user = user,
            encodingFormat = encodingFormat,
            extraBody = extraBody.toMap(),
        )
    }

    public companion object {
        /** A builder for Java callers. */
        @JvmStatic
        public fun builder(model: String): Builder = Builder(model)
    }
}

/** Builds an [EmbeddingRequest] with a Kotlin DSL: `embeddingRequest("text-embedding-3-small") { input("hi") }`. */
public fun embeddingRequest(model: String, block: EmbeddingRequest.Builder.() -> Unit): EmbeddingRequest =
    EmbeddingRequest.Builder(model).apply(block).build()
