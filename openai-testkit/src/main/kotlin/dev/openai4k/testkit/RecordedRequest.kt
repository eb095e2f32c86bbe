package dev.openai4k.testkit

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject

/**
 * A request as the server received it, for assertions. Header names are lowercased; [path] is the raw path as sent
 * (still percent-encoded, without the query).
 */
public class RecordedRequest internal constructor(
    /** The HTTP method, e.g. `POST`. */
    public val method: String,
    /** The raw path, e.g. `/v1/models/ft%3Agpt-4o`. */
    public val path: String,
    /** The raw query string without `?`, or null when there was none. */
    public val query: String?,
    /** Every header under its lowercased name, values in arrival order. */
    public val headers: Map<String, List<String>>,
    /** The body bytes (chunked bodies de-chunked). */
    public val body: ByteArray,
    /** The parts of a `multipart/form-data` body, in order; empty for other bodies. */
    public val parts: List<RecordedPart>,
    /** Which connection carried the request: equal numbers mean a reused (kept-alive) connection. */
    public val connectionId: Int,
) {
    /** The body as UTF-8 text. */
    public val bodyText: String by lazy { body.decodeToString() }

    /** The body parsed as JSON when it is JSON (by content type or by its first character), else null. */
    public val json: JsonElement? by lazy {
        val looksJson = header("content-type")?.contains("json", ignoreCase = true) == true ||
            bodyText.trimStart().let { it.startsWith("{") || it.startsWith("[") }
        if (!looksJson || body.isEmpty()) null else runCatching { Json.parseToJsonElement(bodyText) }.getOrNull()
    }

    /** [json] when it is an object, else null. */
    public val jsonObject: JsonObject? get() = json as? JsonObject

    /** The path below `/v1/`, still percent-encoded (e.g. `chat/completions`). */
    public val relativePath: String get() = path.removePrefix("/").removePrefix("v1/").removePrefix("v1").trim('/')

    /** The decoded query parameters; a name may repeat. */
    public val queryParameters: Map<String, List<String>> by lazy { parseQuery(query) }

    /** The first value of header [name] (any case), or null. */
    public fun header(name: String): String? = headers[name.lowercase()]?.firstOrNull()

    /** The first value of query parameter [name], or null. */
    public fun queryParameter(name: String): String? = queryParameters[name]?.firstOrNull()

    /** The first multipart part named [name], or null. */
    public fun part(name: String): RecordedPart? = parts.firstOrNull { it.name == name }

    override fun toString(): String = "$method $path${query?.let { "?$it" } ?: ""} (${body.size} bytes)"
}

/** One part of a recorded `multipart/form-data` body. */
public class RecordedPart internal constructor(
    /** The form field name. */
    public val name: String,
    /** The filename of a file part, or null for a text field. */
    public val filename: String?,
    /** The part's `Content-Type`, or null when it had none. */
    public val contentType: String?,
    /** The part's content. */
    public val bytes: ByteArray,
) {
    /** The content as UTF-8 text. */
    public val text: String get() = bytes.decodeToString()

    override fun toString(): String = "RecordedPart($name, filename=$filename, $contentType, ${bytes.size} bytes)"
}

internal fun parseQuery(query: String?): Map<String, List<String>> {
    if (query.isNullOrEmpty()) return emptyMap()
    val result = LinkedHashMap<String, MutableList<String>>()
    for (pair in query.split('&')) {
        if (pair.isEmpty()) continue
        val eq = pair.indexOf('=')
        val name = decodeQueryComponent(if (eq < 0) pair else pair.substring(0, eq))
        val value = if (eq < 0) "" else decodeQueryComponent(pair.substring(eq + 1))
        result.getOrPut(name) { mutableListOf() } += value
    }
    return result
}

private fun decodeQueryComponent(text: String): String = percentDecode(text.replace('+', ' '))

/** Decodes `%XX` escapes as UTF-8; a malformed escape is kept as it is. */
internal fun percentDecode(text: String): String {
    if (!text.contains('%')) return text
    val out = java.io.ByteArrayOutputStream(text.length)
    var i = 0
    while (i < text.length) {
        val c = text[i]
        if (c == '%' && i + 2 < text.length) {
            val hex = text.substring(i + 1, i + 3).toIntOrNull(16)
            if (hex != null) {
                out.write(hex)
                i += 3
                continue
            }
        }
        out.write(c.toString().toByteArray(Charsets.UTF_8))
        i++
    }
    return out.toString(Charsets.UTF_8)
}
