package dev.openai4k.reliability

import dev.openai4k.AuthenticationException
import dev.openai4k.ErrorKind
import dev.openai4k.HttpEngine
import dev.openai4k.InternalServerException
import dev.openai4k.OpenAIConnectionException
import dev.openai4k.OpenAIDecodeException
import dev.openai4k.OpenAIException
import dev.openai4k.OpenAITimeoutException
import dev.openai4k.chat.ChatCompletion
import dev.openai4k.chat.accumulate
import dev.openai4k.chat.chat
import dev.openai4k.testkit.Fault
import dev.openai4k.testkit.OpenAITestServer
import dev.openai4k.testkit.Scripted
import dev.openai4k.testkit.SseOptions
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeInRange
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import java.io.ByteArrayOutputStream
import java.util.zip.GZIPOutputStream

private const val TEXT = "one two three four five"

/** A call under test: a plain completion or a stream accumulated into one. */
private enum class Mode { CREATE, STREAM }

private suspend fun call(server: String, engine: HttpEngine, mode: Mode, configure: dev.openai4k.OpenAIConfig.() -> Unit = {}, text: String = TEXT): Outcome<ChatCompletion> =
    client(server, engine, configure).use { c ->
        timed {
            when (mode) {
                Mode.CREATE -> c.chat.create(ask(text))
                Mode.STREAM -> c.chat.stream(ask(text)).accumulate()
            }
        }
    }

private fun Outcome<*>.tookBetween(lo: Long, hi: Long) = withClue("elapsed ms") { millis shouldBeInRange lo..hi }

private inline fun <reified E : Throwable> Outcome<*>.failed(): E {
    withClue("expected ${E::class.simpleName} but got value=$value error=$error") { error.shouldNotBeNull() }
    return error.shouldBeInstanceOf<E>()
}

private fun Outcome<ChatCompletion>.text(): String? = value?.choices?.firstOrNull()?.message?.content?.toString()

private fun gzip(text: String): ByteArray = ByteArrayOutputStream().also { b -> GZIPOutputStream(b).use { it.write(text.toByteArray()) } }.toByteArray()

private fun completionJson(content: String) =
    """{"id":"c1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"$content"},"finish_reason":"stop"}]}"""

private fun chunkJson(content: String, finish: String? = null) =
    """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"$content"},"finish_reason":${finish?.let { "\"$it\"" } ?: "null"}}]}"""

class FaultMatrixTest : FunSpec({
    for (engine in listOf(HttpEngine.CIO, HttpEngine.JAVA)) context("engine $engine") {
        for (mode in Mode.values()) context("$mode") {
            lateinit var server: OpenAITestServer
            beforeTest { server = OpenAITestServer.start() }
            afterTest { server.close() }
            val path = "chat/completions"

            test("healthy baseline returns the echoed text") {
                // Generous deadline: the first java.net.http exchange of a cold JVM can take over a second.
                val o = call(server.baseUrl, engine, mode, { timeout = kotlin.time.Duration.parse("20s"); streamIdleTimeout = timeout })
                o.text() shouldBe TEXT
                server.requests.size shouldBe 1
            }

            test("connection refused: OpenAIConnectionException, attempts = tries, quick") {
                val o = call("http://127.0.0.1:${closedPort()}/v1", engine, mode, { maxRetries = 1 })
                val e = o.failed<OpenAIConnectionException>()
                (e is OpenAITimeoutException) shouldBe false
                e.kind shouldBe ErrorKind.TRANSPORT
                e.attempts shouldBe 2
                o.tookBetween(300, 3_000) // one backoff of 375..500 ms
            }

            test("reset before headers: retried, then gives up with attempts") {
                server.enqueue(path, Scripted.fault(Fault.resetBeforeHeaders()), Scripted.fault(Fault.resetBeforeHeaders()))
                val o = call(server.baseUrl, engine, mode, { maxRetries = 1 })
                val e = o.failed<OpenAIConnectionException>()
                e.kind shouldBe ErrorKind.TRANSPORT
                e.attempts shouldBe 2
                server.requests.size shouldBe 2
                o.tookBetween(300, 3_000)
            }

            test("reset before headers once, then healthy: succeeds on the retry") {
                server.enqueue(path, Scripted.fault(Fault.resetBeforeHeaders()))
                val o = call(server.baseUrl, engine, mode, { maxRetries = 2 })
                o.text() shouldBe TEXT
                server.requests.size shouldBe 2
            }

            test("reset mid-body: OpenAIConnectionException, content so far is a prefix") {
                server.enqueue(path, Scripted.fault(Fault.resetAfterBytes(if (mode == Mode.STREAM) 400 else 60)))
                val o = call(server.baseUrl, engine, mode)
                val e = o.failed<OpenAIConnectionException>()
                e.attempts shouldBe 1
                server.requests.size shouldBe 1
                e.partialText?.let { TEXT shouldStartWith it }
                o.tookBetween(0, 3_000)
            }

            if (mode == Mode.STREAM) {
                test("reset mid-stream: OpenAIConnectionException carrying a prefix of the content") {
                    server.enqueue(path, Scripted.fault(Fault.resetAfterEvents(3)))
                    val o = call(server.baseUrl, engine, mode)
                    val e = o.failed<OpenAIConnectionException>()
                    server.requests.size shouldBe 1
                    // A reset may drop bytes that had arrived unread: assert a prefix, not the exact text.
                    e.partialText?.let { "one two" shouldStartWith it }
                    if (e.partialText != null) e.partial.shouldBeInstanceOf<ChatCompletion>()
                }

                // Ktor's own Java engine dropped these events (it fails its body channel at once); core's JdkEngine
                // raises the failure only after every byte that arrived has been read.
                test("clean close mid-stream: the exception carries exactly what arrived") {
                    server.enqueue(path, Scripted.fault(Fault.closeAfterEvents(3)))
                    val o = call(server.baseUrl, engine, mode, { maxRetries = 2 })
                    val e = o.failed<OpenAIConnectionException>()
                    e.attempts shouldBe 1 // content was delivered: not retried
                    server.requests.size shouldBe 1
                    e.partialText shouldBe "one two"
                    (e.partial as ChatCompletion).choices[0].message.content.toString() shouldBe "one two"
                }

                test("stall mid-stream: idle timeout fires, OpenAITimeoutException with the partial text") {
                    server.enqueue(path, Scripted.text(TEXT, SseOptions(delayMillis = 4_000)))
                    val o = call(server.baseUrl, engine, mode)
                    val e = o.failed<OpenAITimeoutException>()
                    e.kind shouldBe ErrorKind.TRANSPORT
                    e.partialText shouldBe ""
                    e.partial.shouldNotBeNull()
                    server.requests.size shouldBe 1
                    o.tookBetween(800, 3_000)
                }

                test("stall after headers: idle timeout fires") {
                    server.enqueue(path, Scripted.fault(Fault.stallAfterHeaders(5_000)))
                    val o = call(server.baseUrl, engine, mode)
                    o.failed<OpenAITimeoutException>().attempts shouldBe 1
                    o.tookBetween(800, 3_000)
                }

                test("slow trickle below the idle timeout is not cut") {
                    server.enqueue(path, Scripted.fault(Fault.trickle(bytes = 200, everyMillis = 150), Scripted.text(TEXT)))
                    val o = call(server.baseUrl, engine, mode)
                    withClue("error=${o.error}") { o.text() shouldBe TEXT }
                    o.tookBetween(300, 6_000)
                }

                test("an SSE event larger than maxEventBytes: OpenAIDecodeException") {
                    server.enqueue(path, Scripted.sse(listOf(chunkJson("x".repeat(5_000), "stop"))))
                    val o = call(server.baseUrl, engine, mode, { maxEventBytes = 1_000 })
                    val e = o.failed<OpenAIDecodeException>()
                    e.kind shouldBe ErrorKind.DECODE
                    e.attempts shouldBe 1
                    server.requests.size shouldBe 1
                }

                test("SSE events within maxEventBytes pass") {
                    server.enqueue(path, Scripted.sse(listOf(chunkJson("x".repeat(500), "stop"))))
                    val o = call(server.baseUrl, engine, mode, { maxEventBytes = 1_000 })
                    o.text() shouldBe "x".repeat(500)
                }
            } else {
                test("stall after headers: the total deadline fires at the configured time") {
                    server.enqueue(path, Scripted.fault(Fault.stallAfterHeaders(5_000)))
                    val o = call(server.baseUrl, engine, mode)
                    o.failed<OpenAITimeoutException>().attempts shouldBe 1
                    o.tookBetween(800, 3_000)
                }

                test("slow trickle within the deadline is not cut") {
                    server.enqueue(path, Scripted.fault(Fault.trickle(bytes = 64, everyMillis = 100), Scripted.text(TEXT)))
                    val o = call(server.baseUrl, engine, mode, { timeout = kotlin.time.Duration.parse("5s") })
                    withClue("error=${o.error}") { o.text() shouldBe TEXT }
                    o.tookBetween(200, 5_000)
                }

                test("a body larger than maxResponseBytes: OpenAIDecodeException") {
                    server.enqueue(path, Scripted.text("x".repeat(5_000)))
                    val o = call(server.baseUrl, engine, mode, { maxResponseBytes = 1_000 })
                    val e = o.failed<OpenAIDecodeException>()
                    e.status shouldBe 200
                    e.message shouldContain "exceeds the limit"
                    e.attempts shouldBe 1
                    server.requests.size shouldBe 1
                }

                test("a JSON body cut short by a clean close: OpenAIConnectionException (Content-Length)") {
                    server.enqueue(path, Scripted.fault(Fault.closeAfterBytes(40)))
                    val o = call(server.baseUrl, engine, mode)
                    o.failed<OpenAIConnectionException>().attempts shouldBe 1
                    server.requests.size shouldBe 1
                }

                test("a truncated JSON body sent whole: OpenAIDecodeException with a snippet") {
                    server.enqueue(path, Scripted.json("""{"id":"c1","object":"chat.completion","choices":[{"index":0,"mess"""))
                    val o = call(server.baseUrl, engine, mode, { maxRetries = 2 })
                    val e = o.failed<OpenAIDecodeException>()
                    e.status shouldBe 200
                    e.attempts shouldBe 1 // decode errors are not retried
                    e.bodySnippet.shouldNotBeNull() shouldContain "chat.completion"
                    server.requests.size shouldBe 1
                }
            }

            // A stream has no total deadline: core's idle timeout also covers the wait for headers, on every engine.
            test("stall before headers: the timeout fires at the configured 1 s, not CIO's 15 s") {
                server.enqueue(path, Scripted.fault(Fault.stall(5_000)))
                val o = call(server.baseUrl, engine, mode)
                val e = o.failed<OpenAITimeoutException>()
                e.kind shouldBe ErrorKind.TRANSPORT
                e.attempts shouldBe 1
                server.requests.size shouldBe 1
                o.tookBetween(800, 3_000)
            }

            test("429 with retry-after: 1 waits about a second, then succeeds") {
                server.enqueue(path, Scripted.error(429, headers = mapOf("retry-after" to "1")))
                val o = call(server.baseUrl, engine, mode, { maxRetries = 2 })
                withClue("error=${o.error}") { o.text() shouldBe TEXT }
                server.requests.size shouldBe 2
                o.tookBetween(900, 4_000)
            }

            test("500, 500, 200: succeeds on the third try after backing off") {
                server.enqueue(path, Scripted.error(500), Scripted.error(500))
                val o = call(server.baseUrl, engine, mode, { maxRetries = 2 })
                withClue("error=${o.error}") { o.text() shouldBe TEXT }
                server.requests.size shouldBe 3
                o.tookBetween(1_000, 5_000) // backoff 375..500 ms + 750..1000 ms
            }

            test("500 x 3: gives up with the last error and attempts = 3") {
                server.enqueue(path, Scripted.error(500, headers = mapOf("x-request-id" to "req_1")),
                    Scripted.error(500, headers = mapOf("x-request-id" to "req_2")),
                    Scripted.error(500, headers = mapOf("x-request-id" to "req_3")))
                val o = call(server.baseUrl, engine, mode, { maxRetries = 2 })
                val e = o.failed<InternalServerException>()
                e.status shouldBe 500
                e.kind shouldBe ErrorKind.API
                e.attempts shouldBe 3
                e.requestId shouldBe "req_3"
                e.message shouldContain "gave up after 3 tries"
                server.requests.size shouldBe 3
                o.tookBetween(1_000, 5_000)
            }

            test("401: AuthenticationException, never retried") {
                server.enqueue(path, Scripted.error(401))
                val o = call(server.baseUrl, engine, mode, { maxRetries = 2 })
                val e = o.failed<AuthenticationException>()
                e.status shouldBe 401
                e.kind shouldBe ErrorKind.API
                e.code shouldBe "invalid_api_key"
                e.attempts shouldBe 1
                server.requests.size shouldBe 1
                o.tookBetween(0, 2_000)
            }

            test("an HTML 502 page: InternalServerException of kind HTTP with a snippet, retried") {
                server.enqueue(path, Scripted.fault(Fault.html502()), Scripted.fault(Fault.html502()))
                val o = call(server.baseUrl, engine, mode, { maxRetries = 1 })
                val e = o.failed<InternalServerException>()
                e.status shouldBe 502
                e.kind shouldBe ErrorKind.HTTP
                e.attempts shouldBe 2
                e.bodySnippet.shouldNotBeNull() shouldContain "502"
                server.requests.size shouldBe 2
            }

            test("a 200 with malformed JSON: OpenAIDecodeException, not retried") {
                server.enqueue(path, Scripted.fault(Fault.malformedJson()))
                val o = call(server.baseUrl, engine, mode, { maxRetries = 2 })
                val e = o.failed<OpenAIDecodeException>()
                e.kind shouldBe ErrorKind.DECODE
                e.attempts shouldBe 1
                server.requests.size shouldBe 1
                if (mode == Mode.STREAM) e.partialText shouldBe "" // the role chunk arrived before the broken one
            }

            test("invalid UTF-8 inside a string: decoded with U+FFFD or a decode error, never anything else") {
                val bad = byteArrayOf('h'.code.toByte(), 0xC3.toByte(), 0x28, 0xFF.toByte(), 'i'.code.toByte())
                val (head, body) = if (mode == Mode.CREATE) {
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json" to completionJson("@@").toByteArray().let { splice(it, bad) }
                } else {
                    "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream" to
                        ("data: " + chunkJson("@@", "stop") + "\n\ndata: [DONE]\n\n").toByteArray().let { splice(it, bad) }
                }
                RawServer(head, body).use { raw ->
                    val o = call(raw.baseUrl, engine, mode)
                    if (o.error != null) {
                        o.error.shouldBeInstanceOf<OpenAIDecodeException>()
                    } else {
                        o.text() shouldBe "h\uFFFD(\uFFFDi"
                    }
                }
            }

            test("a redirect to another host does not carry the Authorization header") {
                OpenAITestServer.start().use { other ->
                    server.enqueue(path, Scripted.error(307, "", mapOf("Location" to "${other.baseUrl}/chat/completions")))
                    val o = call(server.baseUrl, engine, mode)
                    withClue("error=${o.error}") { o.text() shouldBe TEXT }
                    server.requests.single().header("authorization") shouldBe "Bearer $TEST_KEY"
                    val followed = other.requests.single()
                    followed.header("authorization").shouldBeNull()
                    followed.method shouldBe "POST" // 307 keeps the method and the body
                    followed.jsonObject.shouldNotBeNull()["model"].toString() shouldBe "\"gpt-4o-mini\""
                }
            }
        }
    }
})

/** [template] with its `@@` placeholder replaced by [bytes]. */
private fun splice(template: ByteArray, bytes: ByteArray): ByteArray {
    val text = String(template, Charsets.ISO_8859_1)
    val at = text.indexOf("@@")
    return template.copyOfRange(0, at) + bytes + template.copyOfRange(at + 2, template.size)
}

/** Gzip-encoded bodies, as some proxies send even unasked: core decodes gzip and deflate for JSON and streams. */
class GzipTest : FunSpec({
    for (engine in listOf(HttpEngine.CIO, HttpEngine.JAVA)) {
        test("$engine: a gzip-encoded JSON body is decoded") {
            RawServer("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip", gzip(completionJson("zipped"))).use { raw ->
                val o = client(raw.baseUrl, engine).use { c -> timed { c.chat.create(ask()) } }
                withClue("error=${o.error}") { o.value?.choices?.first()?.message?.content?.toString() shouldBe "zipped" }
            }
        }
        test("$engine: a gzip-encoded stream is decoded") {
            val sse = "data: ${chunkJson("zipped", "stop")}\n\ndata: [DONE]\n\n"
            RawServer("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Encoding: gzip", gzip(sse)).use { raw ->
                val o = client(raw.baseUrl, engine).use { c -> timed { c.chat.stream(ask()).accumulate() } }
                withClue("error=${o.error}") { o.value?.choices?.first()?.message?.content?.toString() shouldBe "zipped" }
            }
        }
    }
})
