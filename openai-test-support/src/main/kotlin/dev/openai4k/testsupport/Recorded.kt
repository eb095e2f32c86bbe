package dev.openai4k.testsupport

import dev.openai4k.OpenAI
import dev.openai4k.OpenAIConfig
import io.ktor.client.engine.mock.MockEngine
import io.ktor.client.engine.mock.MockEngineConfig
import io.ktor.client.engine.mock.MockRequestHandleScope
import io.ktor.client.request.HttpRequestData
import io.ktor.client.request.HttpResponseData
import io.ktor.http.Headers
import io.ktor.http.HttpMethod
import io.ktor.http.Url
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject
import java.util.concurrent.CopyOnWriteArrayList

/** The API key a [Recorded] client sends unless told otherwise. */
const val TEST_API_KEY: String = "sk-test-secret-key-123456"

/** The base URL a [Recorded] client talks to; nothing listens there, the MockEngine answers. */
const val TEST_BASE_URL: String = "https://api.example.test/v1"

/**
 * One request as the mock engine saw it, with its body already read (so it can be inspected any number of times,
 * after the call has finished, whatever kind of content the client sent).
 */
class Seen(
    /** The request as Ktor handed it to the engine. */
    val data: HttpRequestData,
    /** The body exactly as sent (empty for a request without one). */
    val bytes: ByteArray,
) {
    /** The HTTP method. */
    val method: HttpMethod get() = data.method

    /** The full URL. */
    val url: Url get() = data.url

    /** The request headers (the body's own `Content-Type` is in [contentType]). */
    val headers: Headers get() = data.headers

    /** The encoded path, e.g. `/v1/files/file-abc`. */
    val path: String get() = data.url.encodedPath

    /** The encoded path and query, e.g. `/v1/files?limit=2`. */
    val target: String get() = data.url.encodedPathAndQuery

    /** The body decoded as UTF-8 text. */
    val body: String get() = bytes.decodeToString()

    /** The body parsed as a JSON object; fails when it is not one. */
    val json: JsonObject get() = Json.parseToJsonElement(body).jsonObject

    /** The content type of the body, with its parameters (such as the multipart boundary). */
    val contentType: String? get() = data.body.contentType?.toString()

    /** The parts of a `multipart/form-data` body; fails when the body is not multipart. */
    val parts: List<Part> get() = parseMultipart(bytes, boundaryOf(contentType ?: error("no content type")))

    override fun toString(): String = "Seen(${data.method.value} $target, ${bytes.size} bytes)"
}

/**
 * A client built over a MockEngine that records every request (thread-safe, body read once) and answers with
 * [handler]. Retries are off, so each call sends exactly one request unless [configure] turns them on.
 *
 * With a [dispatcher] (a test dispatcher), the engine runs on the test's virtual clock, so polling and back-off
 * delays take no real time.
 */
class Recorded(
    configure: OpenAIConfig.() -> Unit = {},
    dispatcher: CoroutineDispatcher? = null,
    apiKey: String = TEST_API_KEY,
    handler: suspend MockRequestHandleScope.(Seen) -> HttpResponseData,
) {
    /** Every request so far, in the order the engine saw them. */
    val requests: MutableList<Seen> = CopyOnWriteArrayList()

    /** The engine; exposed for tests that build a second client over it. */
    val engine: MockEngine = MockEngine(
        MockEngineConfig().apply {
            if (dispatcher != null) this.dispatcher = dispatcher
            reuseHandlers = true
            addHandler { request ->
                val seen = Seen(request, request.bodyBytes())
                requests += seen
                handler(seen)
            }
        },
    )

    /** The client under test. */
    val client: OpenAI = OpenAI {
        this.apiKey = apiKey
        baseUrl = TEST_BASE_URL
        maxRetries = 0
        engine = this@Recorded.engine
        configure()
    }

    /** The bodies of [requests] as text, in order. */
    val bodies: List<String> get() = requests.map { it.body }

    /** The only request; fails when there were none or several. */
    val single: Seen get() = requests.single()

    /** The JSON body of request [i] (by default the last one). */
    fun json(i: Int = requests.size - 1): JsonObject = requests[i].json
}
