package dev.openai4k

import dev.openai4k.http.ApiBody
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import dev.openai4k.http.FileSource
import dev.openai4k.http.MultipartForm
import dev.openai4k.internal.parseRetryAfter
import dev.openai4k.internal.retryDelayMillis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.longs.shouldBeBetween
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.ktor.client.engine.mock.MockEngine
import io.ktor.client.engine.mock.MockEngineConfig
import io.ktor.client.engine.mock.MockRequestHandleScope
import io.ktor.client.engine.mock.respondError
import io.ktor.client.request.HttpRequestData
import io.ktor.client.request.HttpResponseData
import io.ktor.http.HttpStatusCode
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.runTest
import kotlinx.serialization.json.JsonObject
import java.io.IOException
import java.time.ZoneOffset
import java.time.ZonedDateTime
import java.time.format.DateTimeFormatter
import kotlin.random.Random

/** A client whose engine runs on the test scheduler, so retry waits are virtual and measurable. */
private class VirtualClient(
    scope: TestScope,
    maxRetries: Int = 2,
    responses: List<suspend MockRequestHandleScope.(HttpRequestData) -> HttpResponseData>,
) {
    val times = mutableListOf<Long>()
    private var next = 0
    val client: OpenAI

    init {
        val scheduler = scope.testScheduler
        val engine = MockEngine(
            MockEngineConfig().apply {
                dispatcher = StandardTestDispatcher(scheduler)
                addHandler { request ->
                    times += scheduler.currentTime
                    val handler = responses[minOf(next, responses.size - 1)]
                    next++
                    handler(request)
                }
            },
        )
        client = OpenAI {
            apiKey = "sk-retry"
            baseUrl = "https://api.example.test/v1"
            this.engine = engine
            this.maxRetries = maxRetries
        }
    }

    suspend fun call(body: ApiBody? = ApiBody.Json(JsonObject(emptyMap()))): Echo =
        client.execute(ApiCall(ApiMethod.POST, ApiPath.fixed("chat/completions"), body), Echo.serializer())

    val waits: List<Long> get() = times.zipWithNext { a, b -> b - a }
}

private val ok: suspend MockRequestHandleScope.(HttpRequestData) -> HttpResponseData = { json("""{"ok":true}""") }
private fun status(code: Int, vararg headers: Pair<String, String>): suspend MockRequestHandleScope.(HttpRequestData) -> HttpResponseData =
    { json("""{"error":{"message":"status $code","type":"server_error"}}""", code, *headers) }

class RetryTest : FunSpec({
    test("429 with retry-after-ms waits exactly that long, then succeeds") {
        runTest {
            val v = VirtualClient(this, responses = listOf(status(429, "retry-after-ms" to "1234"), ok))
            v.call().ok shouldBe true
            v.times shouldHaveSize 2
            v.waits shouldBe listOf(1234L)
        }
    }

    test("retry-after in seconds (fractional) and as an HTTP date are honoured") {
        runTest {
            val v = VirtualClient(this, responses = listOf(status(429, "retry-after" to "1.5"), ok))
            v.call().ok shouldBe true
            v.waits shouldBe listOf(1500L)
        }
        val now = 1_700_000_000_000L
        val date = ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(now + 3_000), ZoneOffset.UTC)
            .format(DateTimeFormatter.RFC_1123_DATE_TIME)
        parseRetryAfter(null, date, now) shouldBe 3_000L
        parseRetryAfter("250.7", "9", now) shouldBe 250L
        parseRetryAfter(null, "soon", now) shouldBe null
    }

    test("503 twice then 200 succeeds on the third try with exponential backoff") {
        runTest {
            val v = VirtualClient(this, responses = listOf(status(503), status(503), ok))
            v.call().ok shouldBe true
            v.times shouldHaveSize 3
            v.waits[0].shouldBeBetween(375L, 500L)
            v.waits[1].shouldBeBetween(750L, 1000L)
        }
    }

    test("x-should-retry: false stops a retry of a retryable status; true forces one of a non-retryable status") {
        runTest {
            val v = VirtualClient(this, responses = listOf(status(503, "x-should-retry" to "false"), ok))
            val e = shouldThrow<InternalServerException> { v.call() }
            e.status shouldBe 503
            e.attempts shouldBe 1
            v.times shouldHaveSize 1
        }
        runTest {
            val v = VirtualClient(this, responses = listOf(status(400, "x-should-retry" to "true"), ok))
            v.call().ok shouldBe true
            v.times shouldHaveSize 2
        }
    }

    test("a retry-after over 60 s falls back to the computed backoff") {
        runTest {
            val v = VirtualClient(this, responses = listOf(status(429, "retry-after" to "3600"), ok))
            v.call().ok shouldBe true
            v.waits.single().shouldBeBetween(375L, 500L)
        }
    }

    test("exhaustion throws the last error and says how many tries were made") {
        runTest {
            val v = VirtualClient(this, responses = listOf(status(500), status(502), status(503)))
            val e = shouldThrow<InternalServerException> { v.call() }
            e.status shouldBe 503
            e.attempts shouldBe 3
            e.message shouldContain "gave up after 3 tries"
            v.times shouldHaveSize 3
        }
    }

    test("401 and 400 are not retried") {
        runTest {
            val v = VirtualClient(this, responses = listOf(status(401), ok))
            shouldThrow<AuthenticationException> { v.call() }.attempts shouldBe 1
            v.times shouldHaveSize 1
        }
    }

    test("408, 409 and connection errors are retried; per-call maxRetries overrides the client's") {
        runTest {
            val v = VirtualClient(this, responses = listOf(status(408), status(409), ok))
            v.call().ok shouldBe true
            v.times shouldHaveSize 3
        }
        runTest {
            val v = VirtualClient(this, responses = listOf({ throw IOException("connection reset") }, ok))
            v.call().ok shouldBe true
            v.times shouldHaveSize 2
        }
        runTest {
            val v = VirtualClient(this, maxRetries = 5, responses = listOf(status(500)))
            val e = shouldThrow<InternalServerException> {
                v.client.execute(
                    ApiCall(ApiMethod.GET, ApiPath.fixed("models"), options = requestOptions { maxRetries = 1 }),
                    Echo.serializer(),
                )
            }
            e.attempts shouldBe 2
        }
    }

    test("a connection error that exhausts retries is an OpenAIConnectionException with the try count") {
        runTest {
            val v = VirtualClient(this, responses = listOf({ throw IOException("refused") }))
            val e = shouldThrow<OpenAIConnectionException> { v.call() }
            e.kind shouldBe ErrorKind.TRANSPORT
            e.attempts shouldBe 3
        }
    }

    test("an upload from a one-shot stream is never retried") {
        runTest {
            val v = VirtualClient(this, responses = listOf(status(503), ok))
            val form = MultipartForm().field("purpose", "batch")
                .file("file", FileSource.of("data".byteInputStream(), "a.jsonl"))
            shouldThrow<InternalServerException> { v.call(ApiBody.Form(form)) }.attempts shouldBe 1
            v.times shouldHaveSize 1
        }
    }

    test("backoff is min(0.5 s * 2^n, 8 s) less up to 25 % jitter") {
        val noJitter = object : Random() {
            override fun nextBits(bitCount: Int) = 0
        }
        (1..6).map { retryDelayMillis(it, null, noJitter) } shouldBe listOf(500L, 1000L, 2000L, 4000L, 8000L, 8000L)
        repeat(200) { retryDelayMillis(1, null).shouldBeBetween(375L, 500L) }
        retryDelayMillis(3, 60_000L) shouldBe 60_000L
        retryDelayMillis(3, 60_001L).shouldBeBetween(1500L, 2000L)
    }
})
