package dev.openai4k.common

import kotlinx.serialization.Serializable

/** Known values of a message's `role` (responses input items, assistants messages); any other text is kept. */
public object MessageRole {
    /** The end user. */
    public const val USER: String = "user"

    /** The model (or text inserted as if it had written it). */
    public const val ASSISTANT: String = "assistant"

    /** System instructions. */
    public const val SYSTEM: String = "system"

    /** Developer instructions (what newer models read instead of system). */
    public const val DEVELOPER: String = "developer"
}

/** Why a response, a message or a run stopped early (`incomplete_details`). */
@Serializable
public data class IncompleteDetails(
    /** The reason (`max_output_tokens`, `max_tokens`, `content_filter`, `run_cancelled`, ...). */
    val reason: String? = null,
)
