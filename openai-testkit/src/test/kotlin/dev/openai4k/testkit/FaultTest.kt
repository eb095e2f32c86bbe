package dev.openai4k.testkit

import io.kotest.assertions.throwables.shouldThrowAny
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import kotlinx.serialization.json.Json
import java.net.InetSocketAddress
import java.net.Socket
import java.net.SocketTimeoutException

private const val CHAT = """{"model":"m","messages":[{"role":"user","content":"one two three four five"}]}"""
private const val CHAT_STREAM = """{"model":"m","stream":true,"messages":[{"role":"user","content":"one two three four five"}]}"""

class FaultTest : FunSpec({

    test("close before headers: the client reads end of stream and no byte") {
        OpenAITestServer.start().use { server ->
            server.enqueue("chat/completions", Scripted.fault(Fault.closeBeforeHeaders()))
            val r = rawExchange(server.port, rawPost("chat/completions", CHAT))
            r.ending shouldBe RawResponse.Ending.EOF
            r.status shouldBe 0
            server.requests("chat/completions").size shouldBe 1
            server.post("chat/completions", CHAT).statusCode() shouldBe 200
        }
    }

    test("reset before headers: the client sees a connection reset") {
        OpenAITestServer.start().use { server ->
            server.enqueue("chat/completions", Scripted.fault(Fault.resetBeforeHeaders()))
            val r = rawExchange(server.port, rawPost("chat/completions", CHAT))
            r.ending shouldBe RawResponse.Ending.RESET
        }
    }

    test("close after N bytes: the full headers, then exactly N body bytes, then EOF") {
        OpenAITestServer.start().use { server ->
            val full = server.post("chat/completions", CHAT).body()
            server.enqueue("chat/completions", Scripted.fault(Fault.closeAfterBytes(37)))
            val r = rawExchange(server.port, rawPost("chat/completions", CHAT))
            r.status shouldBe 200
            r.headers["content-length"]!!.toInt() shouldBe full.toByteArray().size
            r.body.size shouldBe 37
            r.ending shouldBe RawResponse.Ending.EOF
            // ids are deterministic: the faulted answer is the second chat completion of this server
            r.text shouldBe full.replace("chatcmpl-000001", "chatcmpl-000002").substring(0, 37)
        }
    }

    test("close after N bytes of a stream: N payload bytes in the chunked body, then EOF without the last chunk") {
        OpenAITestServer.start().use { server ->
            server.enqueue("chat/completions", Scripted.fault(Fault.closeAfterBytes(50)))
            val r = rawExchange(server.port, rawPost("chat/completions", CHAT_STREAM))
            r.headers["transfer-encoding"] shouldBe "chunked"
            r.body.size shouldBe 50
            r.text shouldStartWith "data: {"
            r.ending shouldBe RawResponse.Ending.EOF
        }
    }

    test("close after N events: exactly N whole events, then EOF") {
        OpenAITestServer.start().use { server ->
            server.enqueue("chat/completions", Scripted.fault(Fault.closeAfterEvents(3)))
            val r = rawExchange(server.port, rawPost("chat/completions", CHAT_STREAM))
            r.ending shouldBe RawResponse.Ending.EOF
            val events = sseEvents(r.text)
            events.size shouldBe 3
            events.forEach { Json.parseToJsonElement(it.data) }
            r.text.endsWith("\n\n") shouldBe true
        }
    }

    test("reset after N events of scripted tool calls") {
        OpenAITestServer.start().use { server ->
            server.enqueue(
                "chat/completions",
                Scripted.fault(Fault.resetAfterEvents(2), Scripted.toolCalls(ToolCallSpec("c", "f", """{"x":1}"""))),
            )
            val r = rawExchange(server.port, rawPost("chat/completions", CHAT_STREAM))
            (r.ending == RawResponse.Ending.RESET || r.ending == RawResponse.Ending.EOF) shouldBe true
            val events = sseEvents(r.text)
            (events.size <= 2) shouldBe true
            Socket().use { s ->
                // a reset connection is gone: the server still accepts new ones
                s.connect(InetSocketAddress("127.0.0.1", server.port), 2_000)
            }
        }
    }

    test("stall: nothing at all for the duration, then a close") {
        OpenAITestServer.start().use { server ->
            server.enqueue("chat/completions", Scripted.fault(Fault.stall(800)))
            Socket().use { socket ->
                socket.connect(InetSocketAddress("127.0.0.1", server.port), 2_000)
                socket.getOutputStream().write(rawPost("chat/completions", CHAT).toByteArray())
                socket.soTimeout = 300
                shouldThrowAny { socket.getInputStream().read() }.javaClass shouldBe SocketTimeoutException::class.java
                socket.soTimeout = 5_000
                socket.getInputStream().read() shouldBe -1
            }
        }
    }

    test("stall after headers: the status line and headers, then nothing, then a close") {
        OpenAITestServer.start().use { server ->
            server.enqueue("chat/completions", Scripted.fault(Fault.stallAfterHeaders(1_500)))
            Socket().use { socket ->
                socket.connect(InetSocketAddress("127.0.0.1", server.port), 2_000)
                socket.soTimeout = 5_000
                socket.getOutputStream().write(rawPost("chat/completions", CHAT_STREAM).toByteArray())
                val reader = ByteReader(socket.getInputStream())
                reader.line() shouldBe "HTTP/1.1 200 OK"
                val headers = generateSequence { reader.line()?.takeIf { it.isNotEmpty() } }.toList()
                headers.any { it.startsWith("content-type: text/event-stream") } shouldBe true
                socket.soTimeout = 300
                shouldThrowAny { socket.getInputStream().read() }.javaClass shouldBe SocketTimeoutException::class.java
                socket.soTimeout = 5_000
                socket.getInputStream().read() shouldBe -1
            }
        }
    }

    test("trickle: the body arrives N bytes at a time, complete, and takes its time") {
        OpenAITestServer.start().use { server ->
            server.enqueue("models", Scripted.fault(Fault.trickle(100, 40), Scripted.json("x".repeat(500))))
            val started = System.nanoTime()
            val r = rawExchange(server.port, "GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n")
            val elapsed = (System.nanoTime() - started) / 1_000_000
            r.ending shouldBe RawResponse.Ending.COMPLETE
            r.text shouldBe "x".repeat(500)
            (elapsed >= 160) shouldBe true
        }
    }

    test("trickle keeps the connection usable afterwards") {
        OpenAITestServer.start().use { server ->
            server.enqueue("chat/completions", Scripted.fault(Fault.trickle(64, 5)))
            val streamed = sseEvents(server.post("chat/completions", CHAT_STREAM).body())
            streamed.last().data shouldBe "[DONE]"
            server.post("chat/completions", CHAT).statusCode() shouldBe 200
        }
    }

    test("malformed JSON: a 200 whose body does not parse; for a stream, one broken event") {
        OpenAITestServer.start().use { server ->
            server.enqueue("chat/completions", Scripted.fault(Fault.malformedJson()), Scripted.fault(Fault.malformedJson()))
            val r = server.post("chat/completions", CHAT)
            r.statusCode() shouldBe 200
            r.body() shouldStartWith "{"
            shouldThrowAny { Json.parseToJsonElement(r.body()) }
            val events = sseEvents(server.post("chat/completions", CHAT_STREAM).body())
            events.last().data shouldBe "[DONE]"
            Json.parseToJsonElement(events[0].data)
            shouldThrowAny { Json.parseToJsonElement(events[1].data) }
        }
    }

    test("an HTML 502 page") {
        OpenAITestServer.start().use { server ->
            server.enqueue("chat/completions", Scripted.fault(Fault.html502()))
            val r = server.post("chat/completions", CHAT)
            r.statusCode() shouldBe 502
            r.headers().firstValue("content-type").get() shouldBe "text/html"
            r.body() shouldContain "<title>502 Bad Gateway</title>"
        }
    }
})
