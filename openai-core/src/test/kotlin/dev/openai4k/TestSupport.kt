package dev.openai4k

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
        apiKey = "sk-test-secret-key-123456"
        baseUrl = "https://api.example.test/v1"
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
        val ch = io.ktor.utils.io.ByteChannel()
        b.writeTo(ch)
        ch.flushAndClose()
        ch.toByteArray().decodeToString()
    }
    else -> ""
}
