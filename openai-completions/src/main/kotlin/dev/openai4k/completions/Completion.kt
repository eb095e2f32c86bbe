package dev.openai4k.completions

import dev.openai4k.Usage
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/**
 * A completion, or one chunk of a streamed completion (the stream sends the same object with partial text).
 * Fields servers may omit are nullable or defaulted.
 */
@Serializable
public data class Completion(
    /** The completion id. */
    val id: String? = null,
    /** Creation time in Unix seconds. */
    val created: Long? = null,
    /** The model that answered. */
    val model: String? = null,
    /** One choice per prompt and per `n`. In a stream, the choices this chunk adds to. */
    val choices: List<CompletionChoice> = emptyList(),
    /** The backend configuration fingerprint. */
    @SerialName("system_fingerprint") val systemFingerprint: String? = null,
    /** Token counts; in a stream, only on the last chunk and only with `include_usage`. */
    val usage: Usage? = null,
    /** The `object` field, `text_completion`. */
    @SerialName("object") val objectType: String? = null,
) {
    /** The text of choice 0, or empty when this object has none (a usage-only chunk). */
    val text: String get() = choices.firstOrNull { it.index == 0 }?.text ?: ""
}

/** One generated text. */
@Serializable
public data class CompletionChoice(
    /** The generated text (in a stream, this chunk's piece of it). */
    val text: String = "",
    /** Which choice this is. */
    val index: Int = 0,
    /** Log probabilities, when asked for with `logprobs`. */
    val logprobs: CompletionLogprobs? = null,
    /** Why generation stopped (see [FinishReason]); null until the last chunk of a stream. */
    @SerialName("finish_reason") val finishReason: String? = null,
)

/** Per-token log probabilities of a choice; the lists run in parallel, one entry per token. */
@Serializable
public data class CompletionLogprobs(
    /** The tokens. */
    val tokens: List<String> = emptyList(),
    /** The log probability of each token; null for the first token of an echoed prompt. */
    @SerialName("token_logprobs") val tokenLogprobs: List<Double?> = emptyList(),
    /** The most likely alternatives at each position, token to log probability; null where there are none. */
    @SerialName("top_logprobs") val topLogprobs: List<Map<String, Double>?> = emptyList(),
    /** The character offset of each token in the text. */
    @SerialName("text_offset") val textOffset: List<Int> = emptyList(),
)
