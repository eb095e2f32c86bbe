package dev.openai4k.audio

/**
 * How a transcription cuts long audio: [AUTO], or server-side voice detection tuned by [serverVad].
 * In the multipart form, `auto` is sent as the text `chunking_strategy=auto`, and a VAD configuration as bracketed
 * fields (`chunking_strategy[type]=server_vad`, `chunking_strategy[threshold]=0.5`, ...), the way multipart forms
 * carry an object and the way OpenAI's API description expects it.
 */
public class ChunkingStrategy private constructor(
    /** The form fields sent for this strategy, in order (name to value). */
    public val fields: Map<String, String>,
) {
    override fun equals(other: Any?): Boolean = other is ChunkingStrategy && other.fields == fields
    override fun hashCode(): Int = fields.hashCode()
    override fun toString(): String = "ChunkingStrategy(${fields.entries.joinToString { "${it.key}=${it.value}" }})"

    /** The strategies. */
    public companion object {
        /** Loudness normalisation, then boundaries chosen by voice activity detection. */
        @JvmField
        public val AUTO: ChunkingStrategy = ChunkingStrategy(mapOf(FIELD to "auto"))

        /**
         * Server-side voice activity detection with explicit parameters; a null parameter keeps the server's default.
         *
         * @param threshold sensitivity, 0.0 to 1.0.
         * @param prefixPaddingMs audio kept before detected speech.
         * @param silenceDurationMs silence that ends a chunk.
         */
        @JvmStatic
        @JvmOverloads
        public fun serverVad(
            threshold: Double? = null,
            prefixPaddingMs: Int? = null,
            silenceDurationMs: Int? = null,
        ): ChunkingStrategy = ChunkingStrategy(
            listOfNotNull(
                "$FIELD[type]" to "server_vad",
                threshold?.let { "$FIELD[threshold]" to it.toString() },
                prefixPaddingMs?.let { "$FIELD[prefix_padding_ms]" to it.toString() },
                silenceDurationMs?.let { "$FIELD[silence_duration_ms]" to it.toString() },
            ).toMap(),
        )

        private const val FIELD = "chunking_strategy"
    }
}
