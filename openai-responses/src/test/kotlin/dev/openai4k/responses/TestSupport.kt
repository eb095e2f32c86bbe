package dev.openai4k.responses

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
import io.ktor.utils.io.toByteArray
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject
import java.util.Collections

/** A MockEngine client that records requests (with their bodies read) and answers with [handler]. */
class Recorded(
    configure: OpenAIConfig.() -> Unit = {},
    handler: suspend MockRequestHandleScope.(HttpRequestData) -> HttpResponseData,
) {
    val requests: MutableList<HttpRequestData> = Collections.synchronizedList(mutableListOf())
    val bodies: MutableList<String> = Collections.synchronizedList(mutableListOf())
    val engine = MockEngine { request ->
        requests += request
        bodies += request.bodyText()
        handler(request)
    }
    val client = OpenAI {
        apiKey = "sk-test-secret-key-123456"
        baseUrl = "https://api.example.test/v1"
        maxRetries = 0
        engine = this@Recorded.engine
        configure()
    }

    /** The JSON body of request [i]. */
    fun json(i: Int): JsonObject = Json.parseToJsonElement(bodies[i]).jsonObject
}

fun MockRequestHandleScope.json(body: String, status: Int = 200): HttpResponseData =
    respond(body, HttpStatusCode.fromValue(status), headersOf(HttpHeaders.ContentType, "application/json"))

fun MockRequestHandleScope.sse(vararg events: String): HttpResponseData =
    respond(events.joinToString("") { "$it\n\n" }, HttpStatusCode.OK, headersOf(HttpHeaders.ContentType, "text/event-stream"))

/** `data: <json>` lines, one event each. */
fun data(json: String): String = "data: $json"

suspend fun HttpRequestData.bodyText(): String = when (val b = body) {
    is OutgoingContent.ByteArrayContent -> b.bytes().decodeToString()
    is OutgoingContent.ReadChannelContent -> b.readFrom().toByteArray().decodeToString()
    is OutgoingContent.WriteChannelContent -> {
        val ch = io.ktor.utils.io.ByteChannel()
        b.writeTo(ch)
        ch.flushAndClose()
        ch.toByteArray().decodeToString()
    }
    else -> ""
}

/** Parses JSON text for comparison with what was sent. */
fun parse(text: String): JsonElement = Json.parseToJsonElement(text)
