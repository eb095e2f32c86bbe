package dev.openai4k.common

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/** One generated token's log probability and its most likely alternatives (chat completions and responses). */
@Serializable
public data class TokenLogprob @JvmOverloads constructor(
    /** The token. */
    val token: String = "",
    /** Its log probability. */
    val logprob: Double = 0.0,
    /** Its UTF-8 bytes (a token can be part of a character). */
    val bytes: List<Int>? = null,
    /** The most likely tokens at this position. */
    @SerialName("top_logprobs") val topLogprobs: List<TopLogprob> = emptyList(),
)

/** An alternative token at a position. */
@Serializable
public data class TopLogprob @JvmOverloads constructor(
    /** The token. */
    val token: String = "",
    /** Its log probability. */
    val logprob: Double = 0.0,
    /** Its UTF-8 bytes. */
    val bytes: List<Int>? = null,
)
