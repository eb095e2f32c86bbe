package dev.openai4k

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/** Token counts of one call, as chat completions, completions and embeddings report them. */
@Serializable
public data class Usage(
    @SerialName("prompt_tokens") val promptTokens: Int = 0,
    @SerialName("completion_tokens") val completionTokens: Int = 0,
    @SerialName("total_tokens") val totalTokens: Int = 0,
    @SerialName("prompt_tokens_details") val promptTokensDetails: PromptTokensDetails? = null,
    @SerialName("completion_tokens_details") val completionTokensDetails: CompletionTokensDetails? = null,
) {
    /** Adds two usages field by field (for sessions that make several calls). */
    public operator fun plus(other: Usage): Usage = Usage(
        promptTokens + other.promptTokens,
        completionTokens + other.completionTokens,
        totalTokens + other.totalTokens,
        PromptTokensDetails(
            cachedTokens = (promptTokensDetails?.cachedTokens ?: 0) + (other.promptTokensDetails?.cachedTokens ?: 0),
            audioTokens = (promptTokensDetails?.audioTokens ?: 0) + (other.promptTokensDetails?.audioTokens ?: 0),
        ),
        CompletionTokensDetails(
            reasoningTokens = (completionTokensDetails?.reasoningTokens ?: 0) +
                (other.completionTokensDetails?.reasoningTokens ?: 0),
            audioTokens = (completionTokensDetails?.audioTokens ?: 0) + (other.completionTokensDetails?.audioTokens ?: 0),
            acceptedPredictionTokens = (completionTokensDetails?.acceptedPredictionTokens ?: 0) +
                (other.completionTokensDetails?.acceptedPredictionTokens ?: 0),
            rejectedPredictionTokens = (completionTokensDetails?.rejectedPredictionTokens ?: 0) +
                (other.completionTokensDetails?.rejectedPredictionTokens ?: 0),
        ),
    )

    public companion object {
        /** No tokens. */
        @JvmField
        public val ZERO: Usage = Usage()
    }
}

/** Breakdown of prompt tokens. */
@Serializable
public data class PromptTokensDetails(
    @SerialName("cached_tokens") val cachedTokens: Int? = null,
    @SerialName("audio_tokens") val audioTokens: Int? = null,
)

/** Breakdown of completion tokens. */
@Serializable
public data class CompletionTokensDetails(
    @SerialName("reasoning_tokens") val reasoningTokens: Int? = null,
    @SerialName("audio_tokens") val audioTokens: Int? = null,
    @SerialName("accepted_prediction_tokens") val acceptedPredictionTokens: Int? = null,
    @SerialName("rejected_prediction_tokens") val rejectedPredictionTokens: Int? = null,
)
