package dev.openai4k.testkit.http

import dev.openai4k.testkit.RecordedPart
import dev.openai4k.testkit.percentDecode

/** The parts of a `multipart/form-data` [body], or an empty list when it is not one (or cannot be read). */
internal fun parseMultipart(contentType: String?, body: ByteArray): List<RecordedPart> {
    if (contentType == null || !contentType.trim().startsWith("multipart/", ignoreCase = true)) return emptyList()
    val boundary = headerParameter(contentType, "boundary") ?: return emptyList()
    val delimiter = "--$boundary".toByteArray(Charsets.ISO_8859_1)
    val separator = "\r\n--$boundary".toByteArray(Charsets.ISO_8859_1)
    var at = indexOf(body, delimiter, 0)
    if (at < 0) return emptyList()
    at += delimiter.size
    val parts = mutableListOf<RecordedPart>()
    while (at + 1 < body.size) {
        if (body[at] == '-'.code.toByte() && body[at + 1] == '-'.code.toByte()) break
        at = skipLineEnd(body, at)
        val headersEnd = indexOf(body, CRLF_CRLF, at)
        if (headersEnd < 0) break
        val headerText = String(body, at, headersEnd - at, Charsets.UTF_8)
        val contentStart = headersEnd + CRLF_CRLF.size
        val contentEnd = indexOf(body, separator, contentStart)
        if (contentEnd < 0) break
        val headers = headerText.split("\r\n").mapNotNull { line ->
            val colon = line.indexOf(':')
            if (colon <= 0) null else line.substring(0, colon).trim().lowercase() to line.substring(colon + 1).trim()
        }.toMap()
        val disposition = headers["content-disposition"].orEmpty()
        val name = headerParameter(disposition, "name") ?: ""
        val filename = headerParameter(disposition, "filename*")?.let { extended ->
            percentDecode(extended.substringAfter("''"))
        } ?: headerParameter(disposition, "filename")
        parts += RecordedPart(name, filename, headers["content-type"], body.copyOfRange(contentStart, contentEnd))
        at = contentEnd + separator.size
    }
    return parts
}

/** A `name=value` or `name="value"` parameter of a header value, unescaping `\"`. */
internal fun headerParameter(header: String, name: String): String? {
    var i = 0
    while (i < header.length) {
        val semi = header.indexOf(';', i).let { if (it < 0) header.length else it }
        var start = semi + 1
        while (start < header.length && header[start] == ' ') start++
        if (start >= header.length) return null
        val eq = header.indexOf('=', start)
        if (eq < 0) return null
        val key = header.substring(start, eq).trim()
        var j = eq + 1
        val value: String
        if (j < header.length && header[j] == '"') {
            val sb = StringBuilder()
            j++
            while (j < header.length && header[j] != '"') {
                if (header[j] == '\\' && j + 1 < header.length) j++
                sb.append(header[j])
                j++
            }
            value = sb.toString()
            j++
        } else {
            val end = header.indexOf(';', j).let { if (it < 0) header.length else it }
            value = header.substring(j, end).trim()
            j = end
        }
        if (key.equals(name, ignoreCase = true)) return value
        i = j
        if (i < header.length && header[i] != ';') i = header.indexOf(';', i).let { if (it < 0) header.length else it }
    }
    return null
}

private fun skipLineEnd(body: ByteArray, from: Int): Int {
    var at = from
    if (at < body.size && body[at] == '\r'.code.toByte()) at++
    if (at < body.size && body[at] == '\n'.code.toByte()) at++
    return at
}

private fun indexOf(haystack: ByteArray, needle: ByteArray, from: Int): Int {
    if (needle.isEmpty()) return from
    val last = haystack.size - needle.size
    var i = from
    outer@ while (i <= last) {
        for (k in needle.indices) if (haystack[i + k] != needle[k]) {
            i++
            continue@outer
        }
        return i
    }
    return -1
}

private val CRLF_CRLF = "\r\n\r\n".toByteArray(Charsets.ISO_8859_1)
