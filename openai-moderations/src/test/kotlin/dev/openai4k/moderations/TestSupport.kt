package dev.openai4k.moderations

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
import java.util.concurrent.CopyOnWriteArrayList

/** One request as the mock engine saw it, body already read. */
class Seen(val data: HttpRequestData, val body: String) {
    val method: String get() = data.method.value
    val path: String get() = data.url.encodedPath
    val json: JsonObject get() = Json.parseToJsonElement(body).jsonObject
}

/** A MockEngine client that records requests (thread-safe) and answers with [handler]; no retries by default. */
class Recorded(
    configure: OpenAIConfig.() -> Unit = {},
    handler: suspend MockRequestHandleScope.(Seen) -> HttpResponseData,
) {
    val requests: MutableList<Seen> = CopyOnWriteArrayList()
    val engine = MockEngine { request ->
        val seen = Seen(request, request.bodyText())
        requests += seen
        handler(seen)
    }
    val client = OpenAI {
        apiKey = "sk-test-secret-key-123456"
        baseUrl = "https://api.example.test/v1"
        maxRetries = 0
        engine = this@Recorded.engine
        configure()
    }
}

fun MockRequestHandleScope.json(body: String, status: Int = 200, vararg headers: Pair<String, String>): HttpResponseData =
    respond(
        body,
        HttpStatusCode.fromValue(status),
        headersOf(*(headers.map { it.first to listOf(it.second) } + (HttpHeaders.ContentType to listOf("application/json"))).toTypedArray()),
    )

suspend fun HttpRequestData.bodyText(): String = when (val b = body) {
    is OutgoingContent.ByteArrayContent -> b.bytes().decodeToString()
    is OutgoingContent.ReadChannelContent -> b.readFrom().toByteArray().decodeToString()
    is OutgoingContent.WriteChannelContent -> {
        val ch = ByteChannel()
        b.writeTo(ch)
        ch.flushAndClose()
        ch.toByteArray().decodeToString()
    }
    else -> ""
}
