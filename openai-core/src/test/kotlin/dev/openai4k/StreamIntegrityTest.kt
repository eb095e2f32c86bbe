package dev.openai4k

import dev.openai4k.http.ApiBody
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import dev.openai4k.http.ServerSentEvent
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeLessThanOrEqual
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import java.io.File
import kotlin.time.Duration.Companion.seconds

private fun post(path: String) = ApiCall(ApiMethod.POST, ApiPath.fixed(path), ApiBody.Json(JsonObject(emptyMap())))

private fun chunked(vararg parts: String) = parts.joinToString("") { "${it.encodeToByteArray().size.toString(16)}\r\n$it\r\n" }

private const val SSE_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\nx-request-id: req_42\r\n\r\n"

private const val THREE_EVENTS = "data: {\"n\":1}\n\ndata: {\"n\":2}\n\ndata: {\"n\":3}\n\n"

/** A result type with an `error` field of its own, as a failed Response or fine-tuning job has. */
@Serializable
data class JobLike(val id: String? = null, val status: String? = null, val error: JsonObject? = null)

private class Collected(val events: List<ServerSentEvent>, val error: Throwable?)

private suspend fun collect(client: OpenAI, call: ApiCall): Collected {
    val events = mutableListOf<ServerSentEvent>()
    val error = runCatching { client.events(call).collect { events += it } }.exceptionOrNull()
    return Collected(events, error)
}

/** Log lines written since [from] (the test log of this module, see simplelogger.properties). */
private fun logSince(from: Long): String {
    val f = File("target/openai-core-test.log")
    return if (!f.exists()) "" else f.readText().let { if (from < it.length) it.substring(from.toInt()) else "" }
}

private fun logSize(): Long = File("target/openai-core-test.log").let { if (it.exists()) it.readText().length.toLong() else 0 }

/**
 * What the wire can do to an answer after its headers, over real sockets on both engines: an error inside a chunk, a
 * body that breaks, a JSON body where a stream was asked for, an error object in a 200. Nothing received is lost, a
 * stream whose answer has begun is never sent again, and every failure names the request id.
 */
class StreamIntegrityTest : FunSpec({
    for (engine in HttpEngine.entries) context("engine $engine") {
        fun client(server: RawServer, block: OpenAIConfig.() -> Unit = {}) = OpenAI {
            httpEngine = engine
            baseUrl = server.baseUrl
            maxRetries = 2
            streamIdleTimeout = 2.seconds
            timeout = 5.seconds
            block()
        }

        test("an error member anywhere in a chunk raises OpenAIStreamException after delivering the chunk's content") {
            val chunk = """{"id":"gen-1","provider":"X","error":{"code":400,"message":"Token limit reached"},""" +
                """"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":"length"}]}"""
            RawServer { write(SSE_HEAD + chunked("data: $chunk\n\n", "data: [DONE]\n\n", "")); close() }.use { server ->
                client(server).use { c ->
                    val got = collect(c, post("chat/completions"))
                    val e = got.error.shouldBeInstanceOf<OpenAIStreamException>()
                    e.code shouldBe "400"
                    e.message shouldContain "Token limit reached"
                    e.requestId shouldBe "req_42"
                    got.events.map { it.data } shouldBe listOf(chunk) // the content travels to the section's accumulator
                    server.requests.get() shouldBe 1
                }
            }
        }

        test("an error chunk without content is not delivered; a null error member is no error") {
            val ok = """{"id":"a","error":null,"choices":[{"index":0,"delta":{"content":"x"}}]}"""
            val bad = """{"id":"gen-2","provider":"Y","error":{"message":"upstream died","type":"server_error"}}"""
            RawServer { write(SSE_HEAD + chunked("data: $ok\n\ndata: $bad\n\n", "")); close() }.use { server ->
                client(server).use { c ->
                    val got = collect(c, post("chat/completions"))
                    got.events.map { it.data } shouldBe listOf(ok)
                    val e = got.error.shouldBeInstanceOf<OpenAIStreamException>()
                    e.type shouldBe "server_error"
                    e.message shouldContain "upstream died"
                }
            }
        }

        test("a stream whose 200 arrived is not sent again when its body breaks, and the error names the request id") {
            // The events and the broken chunk-size line in one write: both engines drop what they decoded from that
            // read (inside java.net.http and CIO), so no event reaches the SDK; it must still not resend the request.
            RawServer { write(SSE_HEAD + chunked(THREE_EVENTS) + "zz\r\n"); close() }.use { server ->
                client(server).use { c ->
                    val got = collect(c, post("chat/completions"))
                    val e = got.error.shouldBeInstanceOf<OpenAIConnectionException>()
                    e.attempts shouldBe 1
                    e.requestId shouldBe "req_42"
                    server.requests.get() shouldBe 1
                }
            }
        }

        test("events that arrived before a broken body are all delivered, then the failure is raised") {
            RawServer {
                write(SSE_HEAD + chunked(THREE_EVENTS))
                Thread.sleep(200)
                write("zz\r\n")
                close()
            }.use { server ->
                client(server).use { c ->
                    val got = collect(c, post("chat/completions"))
                    got.events.map { it.data } shouldBe listOf("{\"n\":1}", "{\"n\":2}", "{\"n\":3}")
                    val e = got.error.shouldBeInstanceOf<OpenAIConnectionException>()
                    e.requestId shouldBe "req_42"
                    server.requests.get() shouldBe 1
                }
            }
        }

        test("a stream reset right after its 200 headers is not retried") {
            RawServer { write(SSE_HEAD); Thread.sleep(100); reset() }.use { server ->
                client(server).use { c ->
                    val got = collect(c, post("chat/completions"))
                    got.error.shouldBeInstanceOf<OpenAIConnectionException>().requestId shouldBe "req_42"
                    server.requests.get() shouldBe 1
                }
            }
        }

        test("a stream idle after its headers times out with the request id") {
            RawServer { write(SSE_HEAD + chunked("data: {\"n\":1}\n\n")); Thread.sleep(4_000) }.use { server ->
                client(server) { streamIdleTimeout = 1.seconds }.use { c ->
                    val got = collect(c, post("chat/completions"))
                    got.events.size shouldBe 1
                    got.error.shouldBeInstanceOf<OpenAITimeoutException>().requestId shouldBe "req_42"
                }
            }
        }

        test("a decode failure downstream of the events carries the request id") {
            RawServer { write(SSE_HEAD + chunked("data: {\"n\":1}\n\n", "data: [DONE]\n\n", "")); close() }.use { server ->
                client(server).use { c ->
                    val e = shouldThrow<OpenAIDecodeException> {
                        c.events(post("chat/completions")).collect { throw OpenAIDecodeException("bad chunk") }
                    }
                    e.requestId shouldBe "req_42"
                }
            }
        }

        test("a stream answered with a JSON error body raises the API error with its fields and request id") {
            val body = """{"error":{"message":"Model is overloaded","type":"server_error","code":"overloaded"}}"""
            RawServer { write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nx-request-id: req_7\r\nContent-Length: ${body.length}\r\n\r\n$body") }.use { server ->
                client(server).use { c ->
                    val got = collect(c, post("chat/completions"))
                    val e = got.error.shouldBeInstanceOf<OpenAIStreamException>()
                    e.kind shouldBe ErrorKind.API
                    e.message shouldContain "Model is overloaded"
                    e.type shouldBe "server_error"
                    e.code shouldBe "overloaded"
                    e.requestId shouldBe "req_7"
                    server.requests.get() shouldBe 1
                }
            }
        }

        test("a stream answered with a whole JSON result says exactly that") {
            val body = """{"id":"c1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"hello"}}]}"""
            RawServer { write("HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n$body") }.use { server ->
                client(server).use { c ->
                    val e = collect(c, post("chat/completions")).error.shouldBeInstanceOf<OpenAIDecodeException>()
                    e.message shouldContain "one JSON body"
                    e.message shouldContain "instead of an event stream"
                    e.bodySnippet shouldContain "chat.completion"
                }
            }
        }

        test("an event stream labelled application/json is still read as events") {
            RawServer { write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked(THREE_EVENTS, "")); close() }.use { server ->
                client(server).use { c ->
                    val got = collect(c, post("chat/completions"))
                    got.error.shouldBeNull()
                    got.events.size shouldBe 3
                }
            }
        }

        test("a 200 whose body is an error object raises an API error, not an empty result") {
            val body = """{"error":{"message":"No endpoints found","code":404,"type":"not_found"},"user_id":"u1"}"""
            RawServer { write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nx-request-id: req_9\r\nContent-Length: ${body.length}\r\n\r\n$body") }.use { server ->
                client(server).use { c ->
                    val e = shouldThrow<OpenAIStatusException> { c.execute(post("chat/completions"), Echo.serializer()) }
                    e.kind shouldBe ErrorKind.API
                    e.status shouldBe 200
                    e.code shouldBe "404"
                    e.type shouldBe "not_found"
                    e.message shouldContain "No endpoints found"
                    e.requestId shouldBe "req_9"
                    e.attempts shouldBe 1
                    server.requests.get() shouldBe 1
                }
            }
        }

        test("a result whose own error field is set (a failed job) decodes as the result") {
            val body = """{"id":"job_1","object":"fine_tuning.job","status":"failed","error":{"code":"invalid_file","message":"bad"}}"""
            RawServer { json(body) }.use { server ->
                client(server).use { c ->
                    val job = c.execute(post("fine_tuning/jobs/job_1"), JobLike.serializer())
                    job.status shouldBe "failed"
                    job.error?.get("code") shouldBe JsonPrimitive("invalid_file")
                }
            }
        }

        test("closing the client during a call fails it once, without a retry or a 'Retrying' log line") {
            RawServer { Thread.sleep(3_000) }.use { server ->
                val from = logSize()
                val c = client(server) { maxRetries = 2 }
                val e = coroutineScope {
                    val call = async { runCatching { c.execute(post("close-in-flight-$engine"), Echo.serializer()) }.exceptionOrNull() }
                    delay(300)
                    c.close()
                    call.await()
                }
                val error = e.shouldBeInstanceOf<OpenAIConnectionException>()
                error.attempts shouldBe 1
                error.message shouldContain "closed"
                server.requests.get() shouldBe 1
                logSince(from) shouldNotContain "Retrying POST /close-in-flight-$engine"
            }
        }

        test("a redirect loop reports too many redirects") {
            RawServer { write("HTTP/1.1 307 Temporary Redirect\r\nLocation: /v1/loop\r\nContent-Length: 0\r\n\r\n") }.use { server ->
                client(server).use { c ->
                    val e = shouldThrow<OpenAIStatusException> { c.execute(post("loop"), Echo.serializer()) }
                    e.message shouldContain "Too many redirects"
                    e.status shouldBe 307
                    e.kind shouldBe ErrorKind.HTTP
                    server.requests.get() shouldBe 6 // the request and five redirects
                }
            }
        }

        test("logBodies logs at most 8 KiB of a body") {
            val big = "x".repeat(50_000)
            RawServer { json("""{"ok":true,"pad":"$big"}""") }.use { server ->
                val from = logSize()
                client(server) { logBodies = true }.use { c ->
                    val call = ApiCall(ApiMethod.POST, ApiPath.fixed("big-$engine"), ApiBody.Json(JsonObject(mapOf("pad" to JsonPrimitive(big)))))
                    c.execute(call, Echo.serializer()).ok shouldBe true
                }
                val lines = logSince(from).lines().filter { "-> body" in it || "<-- body" in it }
                withClue(lines.map { it.take(100) }) { lines.size shouldBe 2 }
                lines.forEach { it.length shouldBeLessThanOrEqual 8 * 1024 + 200; it shouldContain "more characters)" }
            }
        }
    }
})
