package dev.openai4k.http

import java.io.InputStream
import java.nio.file.Files
import java.nio.file.Path

/**
 * A file to upload: from a path, bytes, or a stream. A stream can be read only once, so a request that carries
 * one is never retried.
 */
public class FileSource private constructor(
    /** The filename sent in the part's `Content-Disposition`. */
    public val filename: String,
    /** The part's `Content-Type`. */
    public val contentType: String,
    /** The length in bytes, or -1 when unknown (a stream). */
    public val length: Long,
    /** Whether the content can be read again for a retry. */
    public val replayable: Boolean,
    private val opener: () -> InputStream,
) {
    private var opened = false

    /** Opens the content. A stream-backed source can be opened once. */
    public fun open(): InputStream {
        check(replayable || !opened) { "The stream of $filename has already been read" }
        opened = true
        return opener()
    }

    override fun toString(): String = "FileSource($filename, $contentType, $length bytes)"

    public companion object {
        /** A file on disk; its name and (unless given) its content type come from the path. */
        @JvmStatic
        @JvmOverloads
        public fun of(path: Path, contentType: String? = null): FileSource {
            require(Files.isRegularFile(path)) { "Not a readable file: $path" }
            val name = path.fileName.toString()
            return FileSource(name, contentType ?: contentTypeOf(name), Files.size(path), true) {
                Files.newInputStream(path)
            }
        }

        /** Bytes in memory. */
        @JvmStatic
        @JvmOverloads
        public fun of(bytes: ByteArray, filename: String, contentType: String? = null): FileSource =
            FileSource(filename, contentType ?: contentTypeOf(filename), bytes.size.toLong(), true) {
                bytes.inputStream()
            }

        /** A stream, read once; [length] (if known) lets the upload report a total. */
        @JvmStatic
        @JvmOverloads
        public fun of(stream: InputStream, filename: String, contentType: String? = null, length: Long = -1): FileSource =
            FileSource(filename, contentType ?: contentTypeOf(filename), length, false) { stream }

        /** A content type guessed from a filename's extension. */
        @JvmStatic
        public fun contentTypeOf(filename: String): String =
            when (filename.substringAfterLast('.', "").lowercase()) {
                "png" -> "image/png"
                "jpg", "jpeg" -> "image/jpeg"
                "gif" -> "image/gif"
                "webp" -> "image/webp"
                "mp3", "mpga", "mpeg" -> "audio/mpeg"
                "m4a" -> "audio/mp4"
                "mp4" -> "video/mp4"
                "wav" -> "audio/wav"
                "webm" -> "audio/webm"
                "ogg", "oga" -> "audio/ogg"
                "flac" -> "audio/flac"
                "json" -> "application/json"
                "jsonl" -> "application/jsonl"
                "txt" -> "text/plain"
                "md" -> "text/markdown"
                "csv" -> "text/csv"
                "pdf" -> "application/pdf"
                else -> "application/octet-stream"
            }
    }
}

/** A `multipart/form-data` body: text fields and files, in order. A name may repeat (`timestamp_granularities[]`). */
public class MultipartForm {
    /** One part. */
    public sealed interface Part {
        /** The form field name. */
        public val name: String
    }

    /** A text part. */
    public class Field(override val name: String, public val value: String) : Part

    /** A file part. */
    public class File(override val name: String, public val source: FileSource) : Part

    private val list = mutableListOf<Part>()

    /** The parts in order. */
    public val parts: List<Part> get() = list

    /** Whether every part can be sent again (no one-shot streams). */
    public val replayable: Boolean get() = list.all { it !is File || it.source.replayable }

    /** Adds a text field; a null value adds nothing. */
    public fun field(name: String, value: Any?): MultipartForm = apply { if (value != null) list += Field(name, value.toString()) }

    /** Adds one field per value under the same name. */
    public fun fields(name: String, values: Iterable<Any>?): MultipartForm = apply { values?.forEach { field(name, it) } }

    /** Adds a file. */
    public fun file(name: String, source: FileSource): MultipartForm = apply { list += File(name, source) }
}
