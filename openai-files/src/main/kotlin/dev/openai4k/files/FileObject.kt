package dev.openai4k.files

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/**
 * A file stored on the server (`{"object":"file", ...}`). Every field but [id] tolerates being missing, since
 * OpenAI-compatible servers send different subsets.
 */
@Serializable
public data class FileObject(
    /** The file id (`file-abc123`), used in every other call. */
    val id: String = "",
    /** The object type, `"file"`. */
    @SerialName("object") val objectType: String? = null,
    /** The size in bytes. */
    val bytes: Long? = null,
    /** When it was created, in Unix seconds. */
    @SerialName("created_at") val createdAt: Long? = null,
    /** When it expires, in Unix seconds, or null if it does not. */
    @SerialName("expires_at") val expiresAt: Long? = null,
    /** The name it was uploaded with. */
    val filename: String? = null,
    /** What it is for; see [FilePurpose]. */
    val purpose: String? = null,
    /** Deprecated by OpenAI: `uploaded`, `processed` or `error`; see [FileStatus]. */
    val status: String? = null,
    /** Deprecated by OpenAI: why a file failed validation. */
    @SerialName("status_details") val statusDetails: String? = null,
)

/** The known values of [FileObject.purpose]; any other string is passed through unchanged. */
public object FilePurpose {
    /** Files for assistants and the file search / code interpreter tools. */
    public const val ASSISTANTS: String = "assistants"

    /** Files written by assistants (output only). */
    public const val ASSISTANTS_OUTPUT: String = "assistants_output"

    /** Input for the Batch API (`.jsonl`). */
    public const val BATCH: String = "batch"

    /** Output of the Batch API (output only). */
    public const val BATCH_OUTPUT: String = "batch_output"

    /** Training data for fine-tuning (`.jsonl`). */
    public const val FINE_TUNE: String = "fine-tune"

    /** Results of fine-tuning (output only). */
    public const val FINE_TUNE_RESULTS: String = "fine-tune-results"

    /** Images for vision fine-tuning. */
    public const val VISION: String = "vision"

    /** Flexible purpose, for files used as model input. */
    public const val USER_DATA: String = "user_data"

    /** Data sets for evals. */
    public const val EVALS: String = "evals"
}

/** The known values of [FileObject.status]. */
public object FileStatus {
    /** Uploaded, not yet processed. */
    public const val UPLOADED: String = "uploaded"

    /** Processed and ready to use. */
    public const val PROCESSED: String = "processed"

    /** Validation failed; see [FileObject.statusDetails]. */
    public const val ERROR: String = "error"
}
