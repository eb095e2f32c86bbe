package dev.openai4k.testkit

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldEndWith
import java.io.ByteArrayOutputStream
import java.net.InetSocketAddress
import java.net.Socket
import java.net.SocketException
import java.net.SocketTimeoutException

private const val CHAT = """{"model":"m","messages":[{"role":"user","content":"one two three four five"}]}"""
private const val CHAT_STREAM = """{"model":"m","stream":true,"messages":[{"role":"user","content":"one two three four five"}]}"""

/** A second request sent in the same write: answered only when the first answer leaves the connection open. */
private const val NEXT = "GET /v1/models HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"

/**
 * One row of the fault table: [script] queued on [path] (none: the default answer), [request] written at once,
 * the first line the client must receive ([firstLine], empty for no byte at all), and how the connection must end
 * ([ending]) after at least [minMillis].
 */
private class Row(
    val name: String,
    val script: Scripted?,
    val request: String,
    val firstLine: String,
    val ending: String,
    val path: String = "chat/completions",
    val minMillis: Long = 0,
)

private val STREAM = rawPost("chat/completions", CHAT_STREAM) + NEXT
private val PLAIN = rawPost("chat/completions", CHAT) + NEXT
private val SLOW = SseOptions.DEFAULT.withDelayMillis(20)
private const val OK = "HTTP/1.1 200 OK"
private const val EOF = "EOF"
private const val RST = "RST"

private val ROWS = listOf(
    Row("a JSON answer, then the next request", null, PLAIN, OK, EOF),
    Row("a stream, then the next request", null, STREAM, OK, EOF),
    Row("a paced stream of scripted text", Scripted.text("a b c", SLOW), STREAM, OK, EOF, minMillis = 80),
    Row(
        "raw events with comments, CRLF, names and ids",
        Scripted.sseEvents(listOf(SseEvent("one\ntwo", "e", "1"), SseEvent("three")), SLOW.withKeepAliveComment("ka").withCrlf()),
        STREAM, OK, EOF, minMillis = 40,
    ),
    Row(
        "a scripted error with headers",
        Scripted.error(429, null, mapOf("retry-after" to "2", "x-request-id" to "req_x")),
        PLAIN, "HTTP/1.1 429 Too Many Requests", EOF,
    ),
    Row("a delayed answer", Scripted.delayed(100, Scripted.json("""{"ok":true}""")), PLAIN, OK, EOF, minMillis = 100),
    Row("close before headers", Scripted.fault(Fault.closeBeforeHeaders()), PLAIN, "", EOF),
    Row("reset before headers", Scripted.fault(Fault.resetBeforeHeaders()), PLAIN, "", RST),
    Row("close after bytes of a body", Scripted.fault(Fault.closeAfterBytes(37)), PLAIN, OK, EOF),
    Row("close after more bytes than the body has", Scripted.fault(Fault.closeAfterBytes(100_000)), PLAIN, OK, EOF),
    Row("close after bytes of a stream", Scripted.fault(Fault.closeAfterBytes(50)), STREAM, OK, EOF),
    Row("reset after bytes of a stream", Scripted.fault(Fault.resetAfterBytes(20)), STREAM, OK, RST),
    Row("close after events", Scripted.fault(Fault.closeAfterEvents(3), Scripted.text("a b c d", SLOW)), STREAM, OK, EOF, minMillis = 40),
    Row("close after events of an answer that is not a stream", Scripted.fault(Fault.closeAfterEvents(2)), PLAIN, OK, EOF),
    Row("reset after events", Scripted.fault(Fault.resetAfterEvents(2)), STREAM, OK, RST),
    Row("stall", Scripted.fault(Fault.stall(150)), PLAIN, "", EOF, minMillis = 150),
    Row("stall after headers", Scripted.fault(Fault.stallAfterHeaders(150)), STREAM, OK, EOF, minMillis = 150),
    Row("trickle a body, then the next request", Scripted.fault(Fault.trickle(7, 5)), PLAIN, OK, EOF, minMillis = 50),
    Row("trickle a stream, then the next request", Scripted.fault(Fault.trickle(64, 5)), STREAM, OK, EOF, minMillis = 20),
    Row(
        "a delay, then a close after bytes",
        Scripted.fault(Fault.closeAfterBytes(10), Scripted.delayed(60, Scripted.json("{}"))),
        PLAIN, OK, EOF, minMillis = 60,
    ),
    Row("malformed JSON", Scripted.fault(Fault.malformedJson()), PLAIN, OK, EOF),
    Row("a malformed JSON event", Scripted.fault(Fault.malformedJson()), STREAM, OK, EOF),
    Row("an HTML 502", Scripted.fault(Fault.html502()), PLAIN, "HTTP/1.1 502 Bad Gateway", EOF),
    Row("Connection: close", null, rawPost("chat/completions", CHAT).replace("Host:", "Connection: close\r\nHost:"), OK, EOF),
    Row("HTTP/1.0", null, "GET /v1/models HTTP/1.0\r\n\r\n", OK, EOF),
    Row(
        "Expect: 100-continue, then the next request",
        null,
        "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n" +
            "${Integer.toHexString(CHAT.length)}\r\n$CHAT\r\n0\r\n\r\n$NEXT",
        "HTTP/1.1 100 Continue", EOF,
    ),
    // Each bad request ends with the byte that makes it bad, so that the server has read everything when it closes.
    Row("a malformed request line", null, "BROKEN\r\n", "HTTP/1.1 400 Bad Request", EOF),
    Row("a request line over 64 KiB", null, "GET /" + "a".repeat(64 * 1024 - 4), "HTTP/1.1 431 Request Header Fields Too Large", EOF),
    Row(
        "headers over 64 KiB",
        null,
        "GET / HTTP/1.1\r\n" + ("X-Big: " + "h".repeat(40_000) + "\r\n").repeat(2),
        "HTTP/1.1 431 Request Header Fields Too Large", EOF,
    ),
    Row("a body over the limit", null, "POST / HTTP/1.1\r\nContent-Length: 999999999999\r\n\r\n", "HTTP/1.1 413 Payload Too Large", EOF),
)

/** Everything a fresh server on [transport] writes for [row], as text, with how the connection ended. */
private fun wireTranscript(row: Row, transport: ServerTransport): Pair<String, Long> =
    OpenAITestServer.start(transport = transport).use { server ->
        row.script?.let { server.enqueue(row.path, it) }
        Socket().use { socket ->
            socket.connect(InetSocketAddress("127.0.0.1", server.port), 2_000)
            socket.soTimeout = 10_000
            val started = System.nanoTime()
            socket.getOutputStream().write(row.request.toByteArray())
            val received = ByteArrayOutputStream()
            val buffer = ByteArray(8192)
            val ending = try {
                while (true) {
                    val n = socket.getInputStream().read(buffer)
                    if (n < 0) break
                    received.write(buffer, 0, n)
                }
                "EOF"
            } catch (_: SocketTimeoutException) {
                "TIMEOUT"
            } catch (_: SocketException) {
                "RST"
            }
            val millis = (System.nanoTime() - started) / 1_000_000
            (received.toString(Charsets.ISO_8859_1) + "\n<$ending>") to millis
        }
    }

class WireParityTest : FunSpec({

    test("every reply and fault puts the same bytes on the wire on both transports") {
        for (row in ROWS) {
            val (blocking, blockingMillis) = wireTranscript(row, ServerTransport.BLOCKING)
            val (nio, nioMillis) = wireTranscript(row, ServerTransport.NIO)
            withClue("${row.name}: NIO against blocking") { nio shouldBe blocking }
            withClue(row.name) {
                blocking.substringBefore('\r') shouldBe row.firstLine.ifEmpty { "\n<${row.ending}>" }
                blocking shouldEndWith "<${row.ending}>"
                blockingMillis shouldBeGreaterThanOrEqual row.minMillis
                nioMillis shouldBeGreaterThanOrEqual row.minMillis
            }
        }
    }
})
