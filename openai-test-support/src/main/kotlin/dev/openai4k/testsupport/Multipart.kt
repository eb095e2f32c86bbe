package dev.openai4k.testsupport

/** One part of a multipart body as a server would see it. */
class Part(
    /** The form field name. */
    val name: String,
    /** The filename, for a file part. */
    val filename: String?,
    /** The part's own `Content-Type`, if it sent one. */
    val contentType: String?,
    /** The part's content, exactly as sent. */
    val bytes: ByteArray,
) {
    /** The content decoded as UTF-8 text. */
    val text: String get() = bytes.decodeToString()

    override fun toString(): String = "Part($name, $filename, $contentType, ${bytes.size} bytes)"
}

/** The boundary of a `multipart/form-data` content type; fails for any other content type. */
fun boundaryOf(contentType: String): String {
    require(contentType.startsWith("multipart/form-data")) { "not multipart: $contentType" }
    return contentType.substringAfter("boundary=").substringBefore(';').trim('"')
}

private val dispositionParam = Regex("""(?:^|;)\s*([A-Za-z0-9*_-]+)\s*=\s*(?:"([^"]*)"|([^";\s]+))""")

/**
 * A strict RFC 7578 parser working on bytes (binary content survives): CRLF line ends, `--boundary` delimiters, a
 * closing `--boundary--`, every part `form-data` with a name. A header sent twice (Ktor may send the disposition once
 * with the name and once more with the filename) counts as one, its values joined with `; `.
 */
fun parseMultipart(body: ByteArray, boundary: String): List<Part> {
    val delimiter = "--$boundary".encodeToByteArray()
    val crlf = "\r\n".encodeToByteArray()
    var pos = indexOf(body, delimiter, 0)
    require(pos >= 0) { "no opening boundary" }
    val parts = mutableListOf<Part>()
    while (true) {
        pos += delimiter.size
        require(pos + 1 < body.size) { "no closing boundary" }
        if (body[pos] == '-'.code.toByte() && body[pos + 1] == '-'.code.toByte()) break
        require(body[pos] == crlf[0] && body[pos + 1] == crlf[1]) { "boundary not followed by CRLF at $pos" }
        pos += 2
        val headersEnd = indexOf(body, "\r\n\r\n".encodeToByteArray(), pos)
        require(headersEnd >= 0) { "unterminated part headers" }
        val headers = body.copyOfRange(pos, headersEnd).decodeToString().split("\r\n")
            .groupBy({ it.substringBefore(':').trim().lowercase() }, { it.substringAfter(':').trim() })
            .mapValues { (_, values) -> values.joinToString("; ") }
        val contentStart = headersEnd + 4
        val next = indexOf(body, crlf + delimiter, contentStart)
        require(next >= 0) { "unterminated part" }
        val disposition = headers["content-disposition"] ?: error("part without Content-Disposition: $headers")
        require(disposition.substringBefore(';').trim() == "form-data") { "not form-data: $disposition" }
        val params = LinkedHashMap<String, String>()
        for (m in dispositionParam.findAll(disposition)) {
            params.putIfAbsent(m.groupValues[1].lowercase(), m.groups[2]?.value ?: m.groupValues[3])
        }
        parts += Part(params["name"] ?: error("part without name: $disposition"), params["filename"], headers["content-type"],
            body.copyOfRange(contentStart, next))
        pos = next + 2
    }
    return parts
}

private fun indexOf(haystack: ByteArray, needle: ByteArray, from: Int): Int {
    outer@ for (i in from..haystack.size - needle.size) {
        for (j in needle.indices) if (haystack[i + j] != needle[j]) continue@outer
        return i
    }
    return -1
}
