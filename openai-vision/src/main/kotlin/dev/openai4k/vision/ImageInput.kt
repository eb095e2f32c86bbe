package dev.openai4k.vision

import dev.openai4k.chat.ContentPart
import java.nio.file.Files
import java.nio.file.Path
import java.util.Base64

/**
 * An image to show a model: a URL the server fetches ([Url]) or content sent inline as a `data:` URL ([Content]).
 *
 * ```kotlin
 * ImageInput.url("https://example.com/cat.png")
 * ImageInput.file(Path.of("scan.jpg"))       // read now; the type comes from the content, not the name
 * ImageInput.bytes(pngBytes)
 * ```
 *
 * Use [toContentPart] to put an image into a message of your own, or [Vision.userMessage] for a whole message.
 */
public sealed class ImageInput {
    /** What is sent as `image_url.url`: the URL as given, or a `data:<mime>;base64,...` URL for content. */
    public abstract val url: String

    /** This image as a chat content part, with an optional [detail] (see `ImageDetail`: `low`, `high`, `auto`). */
    @JvmOverloads
    public fun toContentPart(detail: String? = null): ContentPart {
        require(detail == null || detail.isNotBlank()) { "detail must not be blank (use low, high or auto, or null)" }
        return ContentPart.imageUrl(url, detail)
    }

    /** An image by URL: an `http(s)` link the server downloads, or a `data:image/...;base64,...` URL. */
    public class Url internal constructor(
        override val url: String,
    ) : ImageInput() {
        /** Whether [url] is a `data:` URL (the image travels in the request) rather than a link. */
        public val isDataUrl: Boolean get() = url.startsWith("data:", ignoreCase = true)

        override fun equals(other: Any?): Boolean = other is Url && other.url == url
        override fun hashCode(): Int = url.hashCode()
        override fun toString(): String =
            if (isDataUrl) "ImageInput.Url(${url.substringBefore(',')},... ${url.length} chars)" else "ImageInput.Url($url)"
    }

    /** Image content sent inline as a `data:` URL whose MIME type was read from the content's first bytes. */
    public class Content internal constructor(
        private val content: ByteArray,
        /** The format detected from the content. */
        public val format: ImageFormat,
        /** Where the content came from (a file path), for messages; null for bytes. */
        public val source: String?,
    ) : ImageInput() {
        /** A copy of the content. */
        public val bytes: ByteArray get() = content.copyOf()

        /** The content's length in bytes. */
        public val size: Int get() = content.size

        /** The MIME type put into the `data:` URL. */
        public val mimeType: String get() = format.mimeType

        override val url: String by lazy {
            "data:${format.mimeType};base64,${Base64.getEncoder().encodeToString(content)}"
        }

        override fun equals(other: Any?): Boolean = other is Content && other.format == format && other.content.contentEquals(content)
        override fun hashCode(): Int = content.contentHashCode()
        override fun toString(): String = "ImageInput.Content(${format.mimeType}, $size bytes${source?.let { ", from $it" } ?: ""})"
    }

    public companion object {
        /**
         * An image by URL: `http://` or `https://` (fetched by the server), or `data:image/<type>;base64,<payload>`
         * (sent as it is). Surrounding whitespace is ignored.
         *
         * @throws IllegalArgumentException for any other scheme (`file:`, `ftp:`, a bare path: use [file] for local
         * files), a link without a host, or a `data:` URL that is not a base64 image.
         */
        @JvmStatic
        public fun url(url: String): Url {
            val trimmed = url.trim()
            require(trimmed.isNotEmpty()) { "The image URL is empty" }
            val scheme = trimmed.substringBefore(':', missingDelimiterValue = "").lowercase()
            when (scheme) {
                "http", "https" -> checkLink(trimmed)
                "data" -> checkDataUrl(trimmed)
                else -> throw IllegalArgumentException(
                    "An image URL must be http(s) or a data: URL, got '${trimmed.take(80)}'" +
                        (if (scheme.isEmpty() || scheme == "file" || scheme.length == 1) "; use ImageInput.file(path) for a local file" else ""),
                )
            }
            return Url(trimmed)
        }

        /**
         * The image in the file at [path], read now; its type comes from its content (PNG, JPEG, GIF, WebP), not
         * its name.
         *
         * @throws IllegalArgumentException when there is no file at [path], it is not a regular file, or its
         * content is not a supported image (the message says what it looks like).
         * @throws java.io.IOException when the file cannot be read.
         */
        @JvmStatic
        public fun file(path: Path): Content {
            require(Files.exists(path)) { "No image file at $path (${path.toAbsolutePath()})" }
            require(Files.isRegularFile(path)) { "Not a regular file: $path" }
            val content = Files.readAllBytes(path)
            val format = ImageFormat.detect(content)
                ?: throw IllegalArgumentException(unsupportedContentMessage(content, source = path.toString()))
            return Content(content, format, path.toString())
        }

        /**
         * The image in [bytes] (copied), whose type comes from its first bytes (PNG, JPEG, GIF, WebP).
         *
         * @throws IllegalArgumentException when the content is empty or not a supported image (the message says
         * what it looks like and shows its first bytes).
         */
        @JvmStatic
        public fun bytes(bytes: ByteArray): Content {
            val content = bytes.copyOf()
            return Content(content, ImageFormat.of(content), null)
        }

        private fun checkLink(url: String) {
            val rest = url.substringAfter("://", missingDelimiterValue = "")
            require(rest.isNotEmpty() && !rest.startsWith("/") && !rest.startsWith("?") && !rest.startsWith("#")) {
                "The image URL has no host: '$url'"
            }
            require(url.none { it.isWhitespace() }) { "The image URL contains whitespace (encode it as %20): '$url'" }
        }

        private fun checkDataUrl(url: String) {
            val comma = url.indexOf(',')
            require(comma >= 0) { "A data: URL needs a comma before its payload: '${url.take(40)}...'" }
            val header = url.substring("data:".length, comma)
            val mediaType = header.substringBefore(';').trim()
            require(mediaType.startsWith("image/", ignoreCase = true)) {
                "A data: URL for an image needs an image/* media type, got '${mediaType.ifEmpty { "(none)" }}'"
            }
            require(header.split(';').drop(1).any { it.trim().equals("base64", ignoreCase = true) }) {
                "A data: URL for an image must be base64 encoded (data:$mediaType;base64,...)"
            }
            require(comma < url.length - 1) { "The data: URL has an empty payload" }
        }
    }
}
