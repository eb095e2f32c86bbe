package dev.openai4k.testkit

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.net.InetSocketAddress
import java.net.Socket
import java.net.SocketTimeoutException
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

private val SLOW_WORDS = (1..40).joinToString(" ") { "word$it" }
private const val STREAM = """{"model":"m","stream":true,"messages":[{"role":"user","content":"x"}]}"""

/** Opens a socket, sends [request], and returns it for the test to read from and close. */
private fun open(port: Int, request: String): Socket = Socket().apply {
    connect(InetSocketAddress("127.0.0.1", port), 2_000)
    soTimeout = 5_000
    getOutputStream().write(request.toByteArray())
    getOutputStream().flush()
}

class DisconnectTest : FunSpec({

    test("closing the socket in the middle of a stream counts one disconnect and stops the stream") {
        OpenAITestServer.start().use { server ->
            server.enqueue("chat/completions", Scripted.text(SLOW_WORDS, SseOptions(delayMillis = 100)))
            open(server.port, rawPost("chat/completions", STREAM)).use { socket ->
                val reader = ByteReader(socket.getInputStream())
                reader.line() shouldBe "HTTP/1.1 200 OK"
                var line = reader.line()
                while (line != null && !line.startsWith("data:")) line = reader.line()
                (line != null) shouldBe true
            }
            server.awaitDisconnects(1, 5.seconds) shouldBe true
            server.disconnects shouldBe 1
        }
    }

    test("a client that gives up during a stall is counted (blocking helper)") {
        OpenAITestServer.start().use { server ->
            server.enqueue("chat/completions", Scripted.fault(Fault.stall(10_000)))
            val started = System.nanoTime()
            open(server.port, rawPost("chat/completions", STREAM)).use { socket ->
                socket.soTimeout = 200
                val timedOut = try {
                    socket.getInputStream().read()
                    false
                } catch (_: SocketTimeoutException) {
                    true
                }
                timedOut shouldBe true
            }
            server.awaitDisconnects(1, java.time.Duration.ofSeconds(5)) shouldBe true
            ((System.nanoTime() - started) / 1_000_000 < 5_000) shouldBe true
        }
    }

    test("a client that hangs up while a delayed answer waits is counted") {
        OpenAITestServer.start().use { server ->
            server.enqueue("models", Scripted.delayed(10_000, Scripted.json("{}")))
            open(server.port, "GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n").close()
            server.awaitDisconnects(1, 5.seconds) shouldBe true
        }
    }

    test("answers read to the end are not disconnects, even when the client closes right after") {
        OpenAITestServer.start().use { server ->
            repeat(3) {
                rawExchange(server.port, rawPost("chat/completions", STREAM)).ending shouldBe RawResponse.Ending.COMPLETE
                rawExchange(server.port, rawPost("chat/completions", """{"model":"m","messages":[]}""")).ending shouldBe RawResponse.Ending.COMPLETE
            }
            server.post("chat/completions", STREAM).statusCode() shouldBe 200
            server.awaitDisconnects(1, 300.milliseconds) shouldBe false
            server.disconnects shouldBe 0
        }
    }

    test("faults the server causes are not client disconnects") {
        OpenAITestServer.start().use { server ->
            server.enqueue("chat/completions", Scripted.fault(Fault.closeAfterEvents(1)), Scripted.fault(Fault.closeBeforeHeaders()))
            rawExchange(server.port, rawPost("chat/completions", STREAM)).ending shouldBe RawResponse.Ending.EOF
            rawExchange(server.port, rawPost("chat/completions", STREAM)).ending shouldBe RawResponse.Ending.EOF
            server.awaitDisconnects(1, 300.milliseconds) shouldBe false
        }
    }
})
