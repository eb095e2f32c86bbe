package dev.openai4k.audio

import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/**
 * How a transcription cuts long audio: [AUTO], or server-side voice detection tuned by [serverVad].
 * In the multipart form, `auto` is sent as the text `auto` and a VAD configuration as its JSON object text.
 */
public class ChunkingStrategy private constructor(
    /** The form value sent as `chunking_strategy`. */
    public val value: String,
) {
    override fun equals(other: Any?): Boolean = other is ChunkingStrategy && other.value == value
    override fun hashCode(): Int = value.hashCode()
    override fun toString(): String = "ChunkingStrategy($value)"

    /** The strategies. */
    public companion object {
        /** Loudness normalisation, then boundaries chosen by voice activity detection. */
        @JvmField
        public val AUTO: ChunkingStrategy = ChunkingStrategy("auto")

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
            buildJsonObject {
                put("type", "server_vad")
                threshold?.let { put("threshold", it) }
                prefixPaddingMs?.let { put("prefix_padding_ms", it) }
                silenceDurationMs?.let { put("silence_duration_ms", it) }
            }.toString(),
        )
    }
}
