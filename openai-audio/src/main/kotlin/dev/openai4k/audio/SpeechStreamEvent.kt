package dev.openai4k.audio

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonObject

/**
 * One event of speech streamed as server-sent events ([Speech.stream]): [AudioDelta]s carrying audio,
 * a final [AudioDone] with the usage, and [Unknown] for any other type.
 */
public sealed interface SpeechStreamEvent {
    /** The event type (`speech.audio.delta`, ...), or null if the server gave none. */
    public val type: String?

    /** `speech.audio.delta`: a piece of audio. */
    @Serializable
    public data class AudioDelta(
        override val type: String? = null,
        /** The audio, base64-encoded. */
        val audio: String = "",
    ) : SpeechStreamEvent {
        /**
         * The audio bytes of this piece.
         *
         * @throws IllegalArgumentException if the base64 data is malformed.
         */
        public fun bytes(): ByteArray = java.util.Base64.getMimeDecoder().decode(audio)

        override fun toString(): String = "AudioDelta(audio=<${audio.length} chars>)"
    }

    /** `speech.audio.done`: the audio is complete. */
    @Serializable
    public data class AudioDone(
        override val type: String? = null,
        /** What the call cost. */
        val usage: SpeechUsage? = null,
    ) : SpeechStreamEvent

    /**
     * An event of a type this SDK does not model, passed through as received: its [type] (the data's `type`, else
     * the SSE `event:` name) and its [json].
     */
    public data class Unknown(
        override val type: String?,
        /** The event's data as received. */
        val json: JsonObject,
    ) : SpeechStreamEvent
}

/** Token usage of streamed speech. */
@Serializable
public data class SpeechUsage(
    /** Input tokens. */
    @SerialName("input_tokens") val inputTokens: Int = 0,
    /** Output tokens. */
    @SerialName("output_tokens") val outputTokens: Int = 0,
    /** Input plus output. */
    @SerialName("total_tokens") val totalTokens: Int = 0,
)
