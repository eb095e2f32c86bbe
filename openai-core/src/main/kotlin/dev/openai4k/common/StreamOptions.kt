package dev.openai4k.common

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/** Options of a streamed answer (`stream_options` of chat completions and completions). */
@Serializable
public data class StreamOptions @JvmOverloads constructor(
    /** Whether a last chunk, with no choices, carries the usage of the whole call. */
    @SerialName("include_usage") val includeUsage: Boolean? = null,
    /** Whether chunks carry random padding against length side channels (`obfuscation`). */
    @SerialName("include_obfuscation") val includeObfuscation: Boolean? = null,
)
