package dev.openai4k.images

import java.nio.file.Files
import java.nio.file.Path
import java.util.Base64

/**
 * Decodes base64 image data. Tolerates what servers add around it: a `data:image/...;base64,` prefix and line
 * breaks (the MIME decoder skips characters outside the alphabet).
 */
internal fun decodeImageBase64(encoded: String): ByteArray {
    val comma = encoded.indexOf(',')
    val payload = if (encoded.startsWith("data:") && comma > 0) encoded.substring(comma + 1) else encoded
    require(payload.isNotBlank()) { "The image data is empty" }
    return Base64.getMimeDecoder().decode(payload)
}

internal fun writeImage(path: Path, bytes: ByteArray): Path {
    path.toAbsolutePath().parent?.let { Files.createDirectories(it) }
    return Files.write(path, bytes)
}

internal fun extensionOf(outputFormat: String?): String = when (outputFormat?.lowercase()) {
    null, "" -> "png"
    "jpeg" -> "jpg"
    else -> outputFormat.lowercase()
}
