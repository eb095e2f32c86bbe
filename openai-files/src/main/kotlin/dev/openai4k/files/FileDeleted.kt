package dev.openai4k.files

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/** The answer to a file deletion: `{"id": ..., "object": "file", "deleted": true}`. */
@Serializable
public data class FileDeleted(
    /** The id of the file. */
    val id: String = "",
    /** The object type, `"file"`. */
    @SerialName("object") val objectType: String? = null,
    /** Whether the file was deleted. */
    val deleted: Boolean = false,
)
