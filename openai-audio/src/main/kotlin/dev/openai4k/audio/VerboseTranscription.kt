package dev.openai4k.audio

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/**
 * A transcription or translation in `verbose_json`: language, duration, text, segments and (when requested with
 * `timestamp_granularities[]=word`) words. Missing fields take defaults, so local servers' shorter answers decode.
 */
@Serializable
public data class VerboseTranscription(
    /** `transcribe` or `translate`, when the server says. */
    val task: String? = null,
    /** The language (a name such as `english`, or a code, depending on the server). */
    val language: String? = null,
    /** The audio's duration in seconds. */
    val duration: Double? = null,
    /** The whole text. */
    val text: String = "",
    /** Segments with timing and decoding statistics. */
    val segments: List<TranscriptionSegment> = emptyList(),
    /** Words with timing. */
    val words: List<TranscriptionWord> = emptyList(),
    /** What the call cost, when reported. */
    val usage: TranscriptionUsage? = null,
)

/** One segment of a verbose transcription. */
@Serializable
public data class TranscriptionSegment(
    /** Its index. */
    val id: Int = 0,
    /** Seek offset of the segment. */
    val seek: Int = 0,
    /** Start, in seconds. */
    val start: Double = 0.0,
    /** End, in seconds. */
    val end: Double = 0.0,
    /** Its text. */
    val text: String = "",
    /** Its token ids. */
    val tokens: List<Int> = emptyList(),
    /** The temperature used. */
    val temperature: Double? = null,
    /** Average log probability; below -1 suggests a failed decode. */
    @SerialName("avg_logprob") val avgLogprob: Double? = null,
    /** Compression ratio; above 2.4 suggests a failed decode. */
    @SerialName("compression_ratio") val compressionRatio: Double? = null,
    /** Probability that the segment is silence. */
    @SerialName("no_speech_prob") val noSpeechProb: Double? = null,
)

/** One word of a verbose transcription. */
@Serializable
public data class TranscriptionWord(
    /** The word. */
    val word: String = "",
    /** Start, in seconds. */
    val start: Double = 0.0,
    /** End, in seconds. */
    val end: Double = 0.0,
)
