package dev.openai4k.audio

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonObject

/**
 * One event of a streamed transcription ([Transcriptions.stream]): [TextDelta]s as text is recognised, one
 * [TextDone] with the whole text, [Segment]s for diarized streams, and [Unknown] for any type this SDK does not know.
 */
public sealed interface TranscriptionStreamEvent {
    /** The event type (`transcript.text.delta`, ...), or null if the server gave none. */
    public val type: String?

    /** `transcript.text.delta`: more text. */
    @Serializable
    public data class TextDelta(
        override val type: String? = null,
        /** The new text. */
        val delta: String = "",
        /** Log probabilities of the delta's tokens (with `include[]=logprobs`). */
        val logprobs: List<TranscriptionLogprob> = emptyList(),
        /** The diarized segment this delta belongs to. */
        @SerialName("segment_id") val segmentId: String? = null,
    ) : TranscriptionStreamEvent

    /** `transcript.text.done`: the whole text and the usage. */
    @Serializable
    public data class TextDone(
        override val type: String? = null,
        /** The whole text. */
        val text: String = "",
        /** What the call cost. */
        val usage: TranscriptionUsage? = null,
        /** Log probabilities of all tokens (with `include[]=logprobs`). */
        val logprobs: List<TranscriptionLogprob> = emptyList(),
    ) : TranscriptionStreamEvent

    /** `transcript.text.segment`: a finished segment with its speaker (diarized transcription). */
    @Serializable
    public data class Segment(
        override val type: String? = null,
        /** The segment's id. */
        val id: String? = null,
        /** Start, in seconds. */
        val start: Double = 0.0,
        /** End, in seconds. */
        val end: Double = 0.0,
        /** The segment's text. */
        val text: String = "",
        /** The speaker's label. */
        val speaker: String? = null,
    ) : TranscriptionStreamEvent

    /**
     * An event of a type this SDK does not model, passed through as received: its [type] (the data's `type`, else
     * the SSE `event:` name) and its [json].
     */
    public data class Unknown(
        override val type: String?,
        /** The event's data as received. */
        val json: JsonObject,
    ) : TranscriptionStreamEvent
}
