package dev.openai4k.vision

/**
 * The image formats the vision models accept, recognised by their first bytes (the "magic number"), never by a
 * file name: a `.png` file holding a JPEG is sent as `image/jpeg`.
 */
public enum class ImageFormat(
    /** The MIME type put into the `data:` URL. */
    public val mimeType: String,
) {
    /** `89 50 4E 47 0D 0A 1A 0A`. */
    PNG("image/png"),

    /** `FF D8 FF`. */
    JPEG("image/jpeg"),

    /** `GIF87a` or `GIF89a`. */
    GIF("image/gif"),

    /** `RIFF`, four length bytes, then `WEBP`. */
    WEBP("image/webp"),
    ;

    public companion object {
        /** The format of [bytes] by their first bytes, or null when they are none of PNG, JPEG, GIF and WebP. */
        @JvmStatic
        public fun detect(bytes: ByteArray): ImageFormat? = when {
            bytes.startsWith(PNG_SIGNATURE) -> PNG
            bytes.startsWith(JPEG_SIGNATURE) -> JPEG
            bytes.startsWith(GIF87A) || bytes.startsWith(GIF89A) -> GIF
            bytes.startsWith(RIFF) && bytes.startsWith(WEBP_TAG, at = 8) -> WEBP
            else -> null
        }

        /**
         * The format of [bytes].
         *
         * @throws IllegalArgumentException when the content is not PNG, JPEG, GIF or WebP; the message says what
         * the content looks like instead (a PDF, SVG text, base64 text, ...) and shows its first bytes.
         */
        @JvmStatic
        public fun of(bytes: ByteArray): ImageFormat =
            detect(bytes) ?: throw IllegalArgumentException(unsupportedContentMessage(bytes, source = null))
    }
}

/** Why [bytes] are not an accepted image, naming what they look like and showing their first bytes. */
internal fun unsupportedContentMessage(bytes: ByteArray, source: String?): String {
    val where = if (source == null) "" else " in $source"
    if (bytes.isEmpty()) return "The image content$where is empty (0 bytes); expected PNG, JPEG, GIF or WebP"
    return "Unsupported image content$where: ${lookalike(bytes)} (${bytes.size} bytes, starting ${hexPreview(bytes)}); " +
        "expected PNG, JPEG, GIF or WebP"
}

/** A best guess at what non-image content is, so the error points at the real mistake. */
private fun lookalike(bytes: ByteArray): String {
    val head = String(bytes, 0, minOf(bytes.size, 512), Charsets.ISO_8859_1)
    val text = head.trimStart('\uFEFF', '\u00EF', '\u00BB', '\u00BF', ' ', '\t', '\r', '\n')
    return when {
        PNG_SIGNATURE.size > bytes.size && PNG_SIGNATURE.copyOf(bytes.size).contentEquals(bytes) -> "a truncated PNG signature"
        bytes.startsWith("%PDF-".toByteArray()) -> "looks like a PDF document"
        bytes.startsWith(RIFF) && bytes.size < 12 -> "a truncated RIFF header"
        bytes.startsWith(RIFF) -> "a RIFF file of type '${String(bytes, 8, 4, Charsets.ISO_8859_1)}' (WAV, AVI, ...), not WebP"
        bytes.startsWith(byteArrayOf(0x49, 0x49, 0x2A, 0x00)) || bytes.startsWith(byteArrayOf(0x4D, 0x4D, 0x00, 0x2A)) ->
            "looks like a TIFF image"
        bytes.startsWith("ftyp".toByteArray(), at = 4) -> isoMediaKind(String(bytes, 8, minOf(4, bytes.size - 8), Charsets.ISO_8859_1))
        bytes.startsWith("BM".toByteArray()) && bytes.size >= 14 && bytes[6].toInt() == 0 && bytes[7].toInt() == 0 ->
            "looks like a BMP image"
        bytes.startsWith(byteArrayOf(0x00, 0x00, 0x01, 0x00)) -> "looks like an ICO icon"
        bytes.startsWith(byteArrayOf(0x50, 0x4B, 0x03, 0x04)) -> "looks like a ZIP archive"
        text.startsWith("data:", ignoreCase = true) -> "a data: URL as text (pass it to ImageInput.url instead)"
        text.startsWith("<") && text.contains("<svg", ignoreCase = true) -> "looks like SVG text"
        text.startsWith("<") -> "looks like HTML or XML text"
        BASE64_IMAGE_PREFIXES.any { text.startsWith(it) } && text.all { it in BASE64_CHARS } ->
            "looks like base64 text of an image (decode it first, or pass a data: URL to ImageInput.url)"
        head.all { it == '\t' || it == '\n' || it == '\r' || it in ' '..'~' } -> "looks like plain text"
        else -> "unrecognised binary content"
    }
}

private fun isoMediaKind(brand: String): String = when (brand) {
    "heic", "heix", "hevc", "heim", "heis", "mif1", "msf1" -> "looks like a HEIC/HEIF image"
    "avif", "avis" -> "looks like an AVIF image"
    else -> "looks like an ISO media file (brand '$brand': MP4, MOV, HEIF, ...)"
}

private fun hexPreview(bytes: ByteArray): String {
    val shown = bytes.take(PREVIEW_BYTES).joinToString(" ") { "%02X".format(it.toInt() and 0xff) }
    val ascii = bytes.take(PREVIEW_BYTES).joinToString("") { b ->
        val c = b.toInt() and 0xff
        if (c in 0x20..0x7e) c.toChar().toString() else "."
    }
    return "$shown${if (bytes.size > PREVIEW_BYTES) " ..." else ""} \"$ascii\""
}

private fun ByteArray.startsWith(prefix: ByteArray, at: Int = 0): Boolean {
    if (size < at + prefix.size) return false
    for (i in prefix.indices) if (this[at + i] != prefix[i]) return false
    return true
}

private const val PREVIEW_BYTES = 16
private val PNG_SIGNATURE = byteArrayOf(0x89.toByte(), 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)
private val JPEG_SIGNATURE = byteArrayOf(0xFF.toByte(), 0xD8.toByte(), 0xFF.toByte())
private val GIF87A = "GIF87a".toByteArray(Charsets.US_ASCII)
private val GIF89A = "GIF89a".toByteArray(Charsets.US_ASCII)
private val RIFF = "RIFF".toByteArray(Charsets.US_ASCII)
private val WEBP_TAG = "WEBP".toByteArray(Charsets.US_ASCII)

/** The base64 spellings of the PNG, JPEG, GIF and WebP signatures. */
private val BASE64_IMAGE_PREFIXES = listOf("iVBORw0KGgo", "/9j/", "R0lGOD", "UklGR")
private val BASE64_CHARS: Set<Char> = (('A'..'Z') + ('a'..'z') + ('0'..'9') + listOf('+', '/', '=', '-', '_', '\r', '\n')).toSet()
