package dev.openai4k.files

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
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject

/** A MockEngine client that records requests and answers with [handler]. */
class Recorded(
    configure: OpenAIConfig.() -> Unit = {},
    handler: suspend MockRequestHandleScope.(HttpRequestData) -> HttpResponseData,
) {
    val requests = mutableListOf<HttpRequestData>()
    val engine = MockEngine { request ->
        requests += request
        handler(request)
    }
    val client = OpenAI {
        apiKey = "sk-test"
        baseUrl = "https://api.example.test/v1"
        engine = this@Recorded.engine
        maxRetries = 0
        configure()
    }
}

fun MockRequestHandleScope.json(body: String, status: Int = 200): HttpResponseData =
    respond(body, HttpStatusCode.fromValue(status), headersOf(HttpHeaders.ContentType, "application/json"))

fun MockRequestHandleScope.binary(bytes: ByteArray, status: Int = 200): HttpResponseData =
    respond(bytes, HttpStatusCode.fromValue(status), headersOf(HttpHeaders.ContentType, "application/octet-stream"))

suspend fun HttpRequestData.bodyBytes(): ByteArray = when (val b = body) {
    is OutgoingContent.ByteArrayContent -> b.bytes()
    is OutgoingContent.ReadChannelContent -> b.readFrom().toByteArray()
    is OutgoingContent.WriteChannelContent -> {
        val ch = ByteChannel()
        b.writeTo(ch)
        ch.flushAndClose()
        ch.toByteArray()
    }
    else -> ByteArray(0)
}

suspend fun HttpRequestData.bodyJson(): JsonObject = Json.parseToJsonElement(bodyBytes().decodeToString()).jsonObject

/** The path and query of a request, e.g. `/v1/files?limit=2`. */
val HttpRequestData.target: String get() = url.encodedPathAndQuery

/** One part of a multipart body as the server would see it. */
data class Part(val name: String?, val filename: String?, val contentType: String?, val bytes: ByteArray) {
    val text: String get() = bytes.decodeToString()
}

/** Splits a `multipart/form-data` body into its parts (enough of RFC 7578 for our own requests). */
suspend fun HttpRequestData.parts(): List<Part> {
    val contentType = body.contentType?.toString() ?: error("no content type")
    val boundary = contentType.substringAfter("boundary=").trim('"').substringBefore(';')
    val raw = bodyBytes()
    val text = String(raw, Charsets.ISO_8859_1)
    val delimiter = "--$boundary"
    val pieces = text.split(delimiter).drop(1).takeWhile { !it.startsWith("--") }
    return pieces.map { piece ->
        val body = piece.removePrefix("\r\n")
        val headerEnd = body.indexOf("\r\n\r\n")
        // A header may repeat (Content-Disposition is sent once by Ktor and once more with the filename).
        val headers = body.substring(0, headerEnd).split("\r\n")
            .groupBy({ it.substringBefore(':').trim().lowercase() }, { it.substringAfter(':').trim() })
            .mapValues { (_, values) -> values.joinToString("; ") }
        val content = body.substring(headerEnd + 4).removeSuffix("\r\n")
        val disposition = headers["content-disposition"].orEmpty()
        fun param(key: String) = Regex("""(?:^|[;\s])$key="([^"]*)"""").find(disposition)?.groupValues?.get(1)
            ?: Regex("""(?:^|[;\s])$key=([^";\s]+)""").find(disposition)?.groupValues?.get(1)
        Part(param("name"), param("filename"), headers["content-type"], content.toByteArray(Charsets.ISO_8859_1))
    }
}
