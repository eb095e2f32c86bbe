package dev.openai4k.common

import kotlinx.serialization.Serializable

/** An image reference by URL (chat completions and assistants messages): `{"url": ..., "detail": ...}`. */
@Serializable
public data class ImageUrl @JvmOverloads constructor(
    /** An `https:` URL or a `data:image/...;base64,...` URL. */
    val url: String = "",
    /** `auto`, `low` or `high`; see [ImageDetail]. */
    val detail: String? = null,
)

/** Known values of an image input's `detail` (chat completions, responses, assistants). */
public object ImageDetail {
    /** Let the model choose. */
    public const val AUTO: String = "auto"

    /** A low-resolution look (fewer tokens). */
    public const val LOW: String = "low"

    /** A high-resolution look. */
    public const val HIGH: String = "high"
}
