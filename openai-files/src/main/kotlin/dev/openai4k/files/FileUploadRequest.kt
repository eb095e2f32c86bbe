package dev.openai4k.files

import dev.openai4k.http.FileSource
import dev.openai4k.http.MultipartForm
import java.nio.file.Path

/**
 * An upload to `POST /files`: the file, its [purpose] and an optional expiry, sent as `multipart/form-data`
 * (parts `purpose`, `expires_after[anchor]`, `expires_after[seconds]`, then `file`).
 *
 * Build with [fileUploadRequest] in Kotlin or [FileUploadRequest.builder] in Java.
 */
public class FileUploadRequest(
    /** The content to upload: from a path, bytes or a stream (a stream is read once, so never retried). */
    public val file: FileSource,
    /** What the file is for; see [FilePurpose]. */
    public val purpose: String,
    /** Expire the file this many seconds after [expiresAfterAnchor] (OpenAI accepts 3600 to 2592000). */
    public val expiresAfterSeconds: Long? = null,
    /** What the expiry counts from; OpenAI knows only `created_at`. Sent only with [expiresAfterSeconds]. */
    public val expiresAfterAnchor: String = ANCHOR_CREATED_AT,
    /** Provider-specific form fields, sent after the modelled ones. */
    public val extraFields: Map<String, String> = emptyMap(),
) {
    internal fun toForm(): MultipartForm {
        val form = MultipartForm().field("purpose", purpose)
        if (expiresAfterSeconds != null) {
            form.field("expires_after[anchor]", expiresAfterAnchor)
            form.field("expires_after[seconds]", expiresAfterSeconds)
        }
        extraFields.forEach { (name, value) -> form.field(name, value) }
        // The file goes last so a server reading the stream knows the purpose before the bytes arrive.
        return form.file("file", file)
    }

    override fun toString(): String = "FileUploadRequest(file=$file, purpose=$purpose, expiresAfterSeconds=$expiresAfterSeconds)"

    /**
     * A builder holding every value of this request (the same [file] source, and [extraFields] included): change
     * what differs and build again.
     */
    public fun toBuilder(): Builder = Builder(file, purpose).also { b ->
        b.expiresAfterSeconds = expiresAfterSeconds
        b.expiresAfterAnchor = expiresAfterAnchor
        b.extraFields.putAll(extraFields)
    }

    /** Builds a [FileUploadRequest]; properties for the Kotlin DSL, fluent setters for Java. */
    public class Builder(
        /** See [FileUploadRequest.file]. */
        public var file: FileSource,
        /** See [FileUploadRequest.purpose]. */
        public var purpose: String,
    ) {
        /** See [FileUploadRequest.expiresAfterSeconds]. */
        public var expiresAfterSeconds: Long? = null

        /** See [FileUploadRequest.expiresAfterAnchor]. */
        public var expiresAfterAnchor: String = ANCHOR_CREATED_AT

        /** See [FileUploadRequest.extraFields]. */
        public val extraFields: MutableMap<String, String> = linkedMapOf()

        /** Sets [FileUploadRequest.expiresAfterSeconds]. */
        public fun expiresAfterSeconds(seconds: Long): Builder = apply { expiresAfterSeconds = seconds }

        /** Sets [FileUploadRequest.expiresAfterSeconds] from a `java.time.Duration` (whole seconds). */
        public fun expiresAfter(duration: java.time.Duration): Builder = apply { expiresAfterSeconds = duration.seconds }

        /** Sets [FileUploadRequest.expiresAfterAnchor]. */
        public fun expiresAfterAnchor(anchor: String): Builder = apply { expiresAfterAnchor = anchor }

        /** Adds a provider-specific form field. */
        public fun field(name: String, value: String): Builder = apply { extraFields[name] = value }

        /** The request. */
        public fun build(): FileUploadRequest =
            FileUploadRequest(file, purpose, expiresAfterSeconds, expiresAfterAnchor, extraFields.toMap())
    }

    public companion object {
        /** The only expiry anchor OpenAI knows: the file's creation time. */
        public const val ANCHOR_CREATED_AT: String = "created_at"

        /** A Java-style builder for uploading [file]. */
        @JvmStatic
        public fun builder(file: FileSource, purpose: String): Builder = Builder(file, purpose)

        /** A Java-style builder for uploading the file at [path]. */
        @JvmStatic
        public fun builder(path: Path, purpose: String): Builder = Builder(FileSource.of(path), purpose)
    }
}

/** Builds a [FileUploadRequest] with a Kotlin DSL: `fileUploadRequest(source, FilePurpose.BATCH) { expiresAfterSeconds = 3600 }`. */
public fun fileUploadRequest(
    file: FileSource,
    purpose: String,
    block: FileUploadRequest.Builder.() -> Unit = {},
): FileUploadRequest = FileUploadRequest.Builder(file, purpose).apply(block).build()
