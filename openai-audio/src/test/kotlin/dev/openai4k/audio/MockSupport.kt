package dev.openai4k.audio

import dev.openai4k.OpenAI
import dev.openai4k.OpenAIConfig
import io.ktor.client.engine.mock.MockEngine
import io.ktor.client.engine.mock.MockRequestHandleScope
import io.ktor.client.engine.mock.respond
import io.ktor.client.request.HttpRequestData
import io.ktor.client.request.HttpResponseData
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.http.content.OutgoingContent
import io.ktor.http.headersOf
import io.ktor.utils.io.ByteChannel
import io.ktor.utils.io.toByteArray
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject

/** A MockEngine client that records each request (with its body read once) and answers with [handler]. */
class Recorded(
    configure: OpenAIConfig.() -> Unit = {},
    handler: suspend MockRequestHandleScope.(HttpRequestData) -> HttpResponseData,
) {
    val requests = mutableListOf<Sent>()
    private val engine = MockEngine { request ->
        requests += Sent(request, bodyBytes(request.body))
        handler(request)
    }
    val client = OpenAI {
        apiKey = "sk-test-secret-key-123456"
        baseUrl = "https://api.example.test/v1"
        maxRetries = 0
        engine = this@Recorded.engine
        configure()
    }

    val single: Sent get() = requests.single()
}

/** A recorded request and the bytes of its body. */
class Sent(val data: HttpRequestData, val body: ByteArray) {
    val path: String get() = data.url.encodedPath
    val json: JsonObject get() = Json.parseToJsonElement(body.decodeToString()).jsonObject
    val contentType: String? get() = data.body.contentType?.toString()
    val parts: List<Part> get() = parseMultipart(body, boundaryOf(contentType ?: error("no content type")))
}

/** Reads a request body. A multipart body is written by a coroutine while this one reads, so no size can deadlock. */
suspend fun bodyBytes(content: OutgoingContent): ByteArray = when (content) {
    is OutgoingContent.ByteArrayContent -> content.bytes()
    is OutgoingContent.ReadChannelContent -> content.readFrom().toByteArray()
    is OutgoingContent.WriteChannelContent -> coroutineScope {
        val channel = ByteChannel()
        launch {
            content.writeTo(channel)
            channel.flushAndClose()
        }
        channel.toByteArray()
    }
    else -> ByteArray(0)
}

fun MockRequestHandleScope.json(body: String, status: Int = 200, vararg headers: Pair<String, String>): HttpResponseData =
    respond(
        body,
        HttpStatusCode.fromValue(status),
        headersOf(*(headers.map { it.first to listOf(it.second) } + (HttpHeaders.ContentType to listOf("application/json"))).toTypedArray()),
    )

fun MockRequestHandleScope.sse(vararg events: String): HttpResponseData =
    respond(events.joinToString(""), HttpStatusCode.OK, headersOf(HttpHeaders.ContentType, "text/event-stream"))

/** One part of a multipart body as a server would see it. */
class Part(val name: String, val filename: String?, val contentType: String?, val bytes: ByteArray) {
    val text: String get() = bytes.decodeToString()
    override fun toString(): String = "Part($name, $filename, $contentType, ${bytes.size} bytes)"
}

fun boundaryOf(contentType: String): String {
    require(contentType.startsWith("multipart/form-data")) { "not multipart: $contentType" }
    return contentType.substringAfter("boundary=").substringBefore(';').trim('"')
}

/** A strict RFC 7578 parser: CRLF line ends, `--boundary` delimiters, a closing `--boundary--`. */
fun parseMultipart(body: ByteArray, boundary: String): List<Part> {
    val delimiter = "--$boundary".encodeToByteArray()
    val crlf = "\r\n".encodeToByteArray()
    var pos = indexOf(body, delimiter, 0)
    require(pos >= 0) { "no opening boundary" }
    val parts = mutableListOf<Part>()
    while (true) {
        pos += delimiter.size
        if (body[pos] == '-'.code.toByte() && body[pos + 1] == '-'.code.toByte()) break
        require(body[pos] == crlf[0] && body[pos + 1] == crlf[1]) { "boundary not followed by CRLF at $pos" }
        pos += 2
        val headersEnd = indexOf(body, "\r\n\r\n".encodeToByteArray(), pos)
        require(headersEnd >= 0) { "unterminated part headers" }
        val headers = body.copyOfRange(pos, headersEnd).decodeToString().split("\r\n").associate { line ->
            line.substringBefore(':').trim().lowercase() to line.substringAfter(':').trim()
        }
        val contentStart = headersEnd + 4
        val next = indexOf(body, crlf + delimiter, contentStart)
        require(next >= 0) { "unterminated part" }
        val disposition = headers["content-disposition"] ?: error("part without Content-Disposition: $headers")
        val params = disposition.split(';').drop(1).associate { p ->
            p.substringBefore('=').trim() to p.substringAfter('=').trim().removeSurrounding("\"")
        }
        require(disposition.substringBefore(';').trim() == "form-data") { "not form-data: $disposition" }
        parts += Part(params["name"] ?: error("part without name"), params["filename"], headers["content-type"],
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

/** Bytes that are not valid UTF-8, so a text round trip would corrupt them. */
fun binary(size: Int, seed: Int = 0): ByteArray = ByteArray(size) { ((it * 31 + seed) and 0xff).toByte() }
