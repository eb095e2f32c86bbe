package dev.openai4k.assistants

import dev.openai4k.OpenAI
import dev.openai4k.OpenAIConfig
import io.ktor.client.engine.mock.MockEngine
import io.ktor.client.engine.mock.MockEngineConfig
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
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject

/**
 * A MockEngine client that records requests and answers with [handler]. With a [dispatcher] (a test dispatcher),
 * the engine runs on the test's virtual clock.
 */
class Recorded(
    dispatcher: CoroutineDispatcher? = null,
    configure: OpenAIConfig.() -> Unit = {},
    handler: suspend MockRequestHandleScope.(HttpRequestData) -> HttpResponseData,
) {
    val requests = mutableListOf<HttpRequestData>()
    val engine = MockEngine(
        MockEngineConfig().apply {
            if (dispatcher != null) this.dispatcher = dispatcher
            reuseHandlers = true
            addHandler { request ->
                requests += request
                handler(request)
            }
        },
    )
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

suspend fun HttpRequestData.bodyJson(): JsonObject = Json.parseToJsonElement(bodyText()).jsonObject

/** Parses expected JSON written in a test, so comparisons ignore formatting but not keys, values or nesting. */
fun parse(json: String): JsonElement = Json.parseToJsonElement(json)

/** The path and query of a request, e.g. `/v1/assistants?limit=2`. */
val HttpRequestData.target: String get() = url.encodedPathAndQuery

/** The Assistants beta header as sent. */
val HttpRequestData.beta: String? get() = headers["OpenAI-Beta"]
