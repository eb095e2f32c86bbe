package dev.openai4k.audio

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/**
 * A transcription or translation as JSON: the text, plus usage and log probabilities when the server sends them.
 * A server that answers only `{"text": ...}` (whisper.cpp, LocalAI) decodes too.
 */
@Serializable
public data class Transcription(
    /** The text. */
    val text: String = "",
    /** What the call cost, when reported. */
    val usage: TranscriptionUsage? = null,
    /** Token log probabilities (with `include[]=logprobs`). */
    val logprobs: List<TranscriptionLogprob> = emptyList(),
    /** The detected language, when the server says (verbose formats). */
    val language: String? = null,
    /** The audio's duration in seconds, when the server says (verbose formats). */
    val duration: Double? = null,
)

/**
 * Usage of a transcription: token counts (`type` = `tokens`, the `gpt-4o-*` models) or audio seconds
 * (`type` = `duration`, whisper). Fields of the other kind stay null.
 */
@Serializable
public data class TranscriptionUsage(
    /** `tokens` or `duration`. */
    val type: String? = null,
    /** Input tokens billed. */
    @SerialName("input_tokens") val inputTokens: Int? = null,
    /** Breakdown of the input tokens. */
    @SerialName("input_token_details") val inputTokenDetails: AudioInputTokenDetails? = null,
    /** Output tokens generated. */
    @SerialName("output_tokens") val outputTokens: Int? = null,
    /** Input plus output tokens. */
    @SerialName("total_tokens") val totalTokens: Int? = null,
    /** Seconds of audio billed. */
    val seconds: Double? = null,
)

/** Input tokens split into text and audio. */
@Serializable
public data class AudioInputTokenDetails(
    /** Text tokens (the prompt). */
    @SerialName("text_tokens") val textTokens: Int? = null,
    /** Audio tokens. */
    @SerialName("audio_tokens") val audioTokens: Int? = null,
)

/** The log probability of one token. */
@Serializable
public data class TranscriptionLogprob(
    /** The token. */
    val token: String = "",
    /** Its log probability. */
    val logprob: Double = 0.0,
    /** Its UTF-8 bytes. */
    val bytes: List<Int> = emptyList(),
)
