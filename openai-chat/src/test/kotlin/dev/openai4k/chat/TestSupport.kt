package dev.openai4k.chat

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
import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.toByteArray
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject
import java.util.Collections

/** A MockEngine client that records requests (with their bodies) and answers with [handler]. */
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
    fun json(i: Int = bodies.size - 1): JsonObject = Json.parseToJsonElement(bodies[i]).jsonObject
}

fun MockRequestHandleScope.json(body: String, status: Int = 200): HttpResponseData =
    respond(body, HttpStatusCode.fromValue(status), headersOf(HttpHeaders.ContentType, "application/json"))

/** An SSE answer whose events carry [payloads] as `data:`, then `[DONE]` unless [done] is false. */
fun MockRequestHandleScope.sse(payloads: List<String>, done: Boolean = true): HttpResponseData {
    val text = buildString {
        for (p in payloads) append("data: ").append(p).append("\n\n")
        if (done) append("data: [DONE]\n\n")
    }
    return respond(ByteReadChannel(text.encodeToByteArray()), HttpStatusCode.OK, headersOf(HttpHeaders.ContentType, "text/event-stream"))
}

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

/** Parses JSON text for comparisons. */
fun parse(text: String): JsonObject = Json.parseToJsonElement(text).jsonObject

/** A completion body with [content] (or a refusal), as OpenAI sends it. */
fun completionJson(content: String?, refusal: String? = null, finishReason: String = "stop"): String {
    val c = if (content == null) "null" else Json.encodeToString(kotlinx.serialization.json.JsonPrimitive(content))
    val r = if (refusal == null) "null" else Json.encodeToString(kotlinx.serialization.json.JsonPrimitive(refusal))
    return """{"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini",
        "choices":[{"index":0,"message":{"role":"assistant","content":$c,"refusal":$r},"finish_reason":"$finishReason"}],
        "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}"""
}
