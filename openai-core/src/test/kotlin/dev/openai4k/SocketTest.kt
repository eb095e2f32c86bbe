package dev.openai4k

import dev.openai4k.http.ApiBody
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.shouldBe
import io.ktor.utils.io.readAvailable
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.serialization.json.JsonObject
import java.net.InetAddress
import java.net.ServerSocket
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

private val models = ApiCall(ApiMethod.GET, ApiPath.fixed("models"))
private val chat = ApiCall(ApiMethod.POST, ApiPath.fixed("chat/completions"), ApiBody.Json(JsonObject(emptyMap())))

private inline fun <T> timed(block: () -> T): Pair<T, Long> {
    val start = System.nanoTime()
    val r = block()
    return r to (System.nanoTime() - start) / 1_000_000
}

class SocketTest : FunSpec({
  for (engine in HttpEngine.entries) context("engine $engine") {
    test("connection refused is a connection error after the configured retries") {
        val port = ServerSocket(0, 1, InetAddress.getLoopbackAddress()).use { it.localPort }
        OpenAI { httpEngine = engine; baseUrl = "http://127.0.0.1:$port/v1"; maxRetries = 1 }.use { client ->
            val e = shouldThrow<OpenAIConnectionException> { client.execute(models, Echo.serializer()) }
            e.kind shouldBe ErrorKind.TRANSPORT
            e.attempts shouldBe 2
        }
    }

    test("the server closing mid-body is a connection error, retried before anything was delivered") {
        RawServer { headers(length = 100); write("""{"ok":tr"""); close() }.use { server ->
            OpenAI { httpEngine = engine; baseUrl = server.baseUrl; maxRetries = 2 }.use { client ->
                val e = shouldThrow<OpenAIConnectionException> { client.execute(models, Echo.serializer()) }
                e.attempts shouldBe 3
                server.requests.get() shouldBe 3
            }
        }
    }

    test("a non-streaming call stalled before headers times out at the configured deadline, not CIO's 15 s") {
        RawServer { Thread.sleep(5_000) }.use { server ->
            OpenAI { httpEngine = engine; baseUrl = server.baseUrl; maxRetries = 0; timeout = 1.seconds }.use { client ->
                val (e, ms) = timed { shouldThrow<OpenAITimeoutException> { client.execute(models, Echo.serializer()) } }
                e.kind shouldBe ErrorKind.TRANSPORT
                ms shouldBeGreaterThanOrEqual 900
                ms shouldBeLessThan 3_000
            }
        }
    }

    test("a call longer than CIO's 15 s default is not cut when the deadline allows it") {
        RawServer { Thread.sleep(16_000); json("""{"ok":true}""") }.use { server ->
            OpenAI { httpEngine = engine; baseUrl = server.baseUrl; maxRetries = 0; timeout = 30.seconds }.use { client ->
                client.execute(models, Echo.serializer()).ok shouldBe true
            }
        }
    }

    test("a stream stalled before headers times out at the idle timeout") {
        RawServer { Thread.sleep(5_000) }.use { server ->
            OpenAI { httpEngine = engine; baseUrl = server.baseUrl; maxRetries = 0; streamIdleTimeout = 1.seconds }.use { client ->
                val (e, ms) = timed { shouldThrow<OpenAITimeoutException> { client.events(chat).toList() } }
                e.message!!.startsWith("No response within 1000 ms") shouldBe true
                ms shouldBeGreaterThanOrEqual 900
                ms shouldBeLessThan 3_000
            }
        }
    }

    test("an idle stream hits its idle timeout after delivering what it had") {
        RawServer {
            headers(contentType = "text/event-stream")
            write("data: {\"n\":1}\n\n")
            Thread.sleep(4_000)
        }.use { server ->
            OpenAI { httpEngine = engine; baseUrl = server.baseUrl; maxRetries = 0; streamIdleTimeout = 1.seconds }.use { client ->
                val seen = mutableListOf<String>()
                val (e, ms) = timed {
                    shouldThrow<OpenAITimeoutException> { client.events(chat).collect { seen += it.data } }
                }
                seen shouldBe listOf("{\"n\":1}")
                ms shouldBeGreaterThanOrEqual 900
                ms shouldBeLessThan 3_500
                server.requests.get() shouldBe 1
            }
        }
    }

    test("a 20-second trickling stream is not cut by the idle timeout or the call deadline") {
        RawServer {
            headers(contentType = "text/event-stream")
            repeat(20) { i ->
                write(": keep-alive\n\n")
                Thread.sleep(500)
                write("data: {\"n\":$i}\n\n")
                Thread.sleep(500)
            }
            write("data: [DONE]\n\n")
            close()
        }.use { server ->
            OpenAI { httpEngine = engine; baseUrl = server.baseUrl; streamIdleTimeout = 2.seconds; timeout = 3.seconds }.use { client ->
                val (events, ms) = timed { client.events(chat).toList() }
                events shouldHaveSize 20
                events.last().data shouldBe "{\"n\":19}"
                ms shouldBeGreaterThanOrEqual 19_000
            }
        }
    }

    test("cancelling a stream closes the socket: the server sees the client hang up") {
        var hungUp = false
        RawServer {
            headers(contentType = "text/event-stream")
            repeat(3) { write("data: {\"n\":$it}\n\n") }
            hungUp = awaitClientHangup(5)
            close()
        }.use { server ->
            OpenAI { httpEngine = engine; baseUrl = server.baseUrl; streamIdleTimeout = 10.seconds }.use { client ->
                client.events(chat).take(3).toList() shouldHaveSize 3
                // The server thread records the hang-up; wait for it in bounded steps.
                repeat(50) { if (!hungUp) Thread.sleep(100) }
                hungUp shouldBe true
            }
        }
    }

    test("closing the client fails a call in flight with a connection error") {
        RawServer { Thread.sleep(3_000) }.use { server ->
            val client = OpenAI { httpEngine = engine; baseUrl = server.baseUrl; maxRetries = 0 }
            val closer = Thread { Thread.sleep(300); client.close() }.apply { start() }
            val (e, ms) = timed { shouldThrow<OpenAIException> { client.execute(models, Echo.serializer()) } }
            closer.join()
            ms shouldBeLessThan 2_500
            e.kind shouldBe ErrorKind.TRANSPORT
        }
    }
  }
})

class StreamingBodyTest : FunSpec({
    test("executeStreaming fails, instead of truncating silently, when the body ends before its Content-Length") {
        RawServer { headers(contentType = "application/octet-stream", length = 50_000); write("x".repeat(20_000)); close() }.use { server ->
            OpenAI { baseUrl = server.baseUrl; maxRetries = 0 }.use { client ->
                var copied = 0L
                val e = shouldThrow<OpenAIConnectionException> {
                    client.executeStreaming(models) { channel ->
                        val buf = ByteArray(4096)
                        while (true) {
                            val n = channel.readAvailable(buf, 0, buf.size)
                            if (n < 0) break
                            copied += n
                        }
                    }
                }
                e.message shouldBe "The connection closed after 20000 of 50000 body bytes"
                copied shouldBe 20_000L
            }
        }
    }

    test("executeStreaming delivers a complete body") {
        RawServer { headers(contentType = "application/octet-stream", length = 70_000); write("y".repeat(70_000)) }.use { server ->
            OpenAI { baseUrl = server.baseUrl; maxRetries = 0 }.use { client ->
                val total = client.executeStreaming(models) { channel ->
                    var t = 0L
                    val buf = ByteArray(4096)
                    while (true) {
                        val n = channel.readAvailable(buf, 0, buf.size)
                        if (n < 0) break
                        t += n
                    }
                    t
                }
                total shouldBe 70_000L
            }
        }
    }
})
