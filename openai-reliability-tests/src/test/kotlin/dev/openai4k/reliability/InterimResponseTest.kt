package dev.openai4k.reliability

import dev.openai4k.HttpEngine
import dev.openai4k.OpenAIConnectionException
import dev.openai4k.OpenAITimeoutException
import dev.openai4k.chat.ChatCompletion
import dev.openai4k.chat.accumulate
import dev.openai4k.chat.chat
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import java.io.ByteArrayOutputStream
import java.io.InputStream
import java.net.InetAddress
import java.net.ServerSocket
import java.net.Socket
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import kotlin.concurrent.thread
import kotlin.time.Duration.Companion.seconds

/**
 * Issue 24, item 7: a server (or a proxy in front of it) may send interim 1xx answers before the final one, unasked:
 * `100 Continue`, `103 Early Hints`. The client must never take one for the final answer, and must never leave the
 * final answer unread on a connection that a later request then reads (answers shifted by one).
 *
 * On the JAVA engine (java.net.http) the interim answer is skipped and the call returns the final 200. Ktor's CIO
 * engine cannot skip one (it returns the interim status as the response and gives no access to the connection after
 * it): there the call fails with an [OpenAIConnectionException] naming the status, is not retried (the server already
 * has the request), and the connection is closed, so the next request gets its own answer.
 */
class InterimResponseTest : FunSpec({
    val interims = mapOf(
        100 to "HTTP/1.1 100 Continue\r\n\r\n",
        103 to "HTTP/1.1 103 Early Hints\r\nLink: </x>; rel=preload\r\n\r\n",
    )
    for (engine in listOf(HttpEngine.JAVA, HttpEngine.CIO)) context("engine $engine") {
        for ((status, interim) in interims) for (stream in listOf(false, true)) for (split in listOf(false, true)) {
            val how = (if (stream) "stream" else "JSON") + ", " + (if (split) "interim and final in two writes" else "in one write")
            test("$status before the final 200 ($how); the next request on the same client gets its own answer") {
                InterimServer(interim, split, stream).use { server ->
                    client(server.baseUrl, engine) {
                        timeout = 10.seconds // a cold JVM's first java.net.http exchange can take over a second
                        streamIdleTimeout = 10.seconds
                        maxRetries = 2
                    }.use { c ->
                        suspend fun once() = timed { if (stream) c.chat.stream(ask()).accumulate() else c.chat.create(ask()) }
                        val first = once()
                        withClue("the first call was not retried") { server.served.get() shouldBe 1 }
                        if (engine == HttpEngine.JAVA) {
                            withClue("error=${first.error}") { first.answer() shouldBe "answer 1" }
                        } else {
                            withClue("expected an OpenAIConnectionException, got value=${first.value} error=${first.error}") {
                                first.error.shouldNotBeNull().shouldBeInstanceOf<OpenAIConnectionException>()
                            }
                            val e = first.error as OpenAIConnectionException
                            (e is OpenAITimeoutException) shouldBe false
                            e.attempts shouldBe 1
                            e.message.shouldNotBeNull() shouldContain "$status"
                            e.message.shouldNotBeNull() shouldContain "HttpEngine.JAVA"
                            withClue("the connection that carried the interim answer was closed by the client") {
                                server.connections.first().closedByClient.await(5, TimeUnit.SECONDS) shouldBe true
                            }
                        }
                        val second = once()
                        withClue("error=${second.error}") { second.answer() shouldBe "answer 2" }
                        server.served.get() shouldBe 2
                    }
                }
            }
        }
    }
})

private fun Outcome<ChatCompletion>.answer(): String? = value?.choices?.firstOrNull()?.message?.content?.toString()

/**
 * A keep-alive HTTP/1.1 server on 127.0.0.1: answers request n with "answer n" (a JSON completion, or a stream of
 * two chunks), the first request preceded by [interim] (in the same write, or in a write of its own 150 ms earlier).
 */
private class InterimServer(private val interim: String, private val split: Boolean, private val stream: Boolean) : AutoCloseable {
    class Connection {
        val closedByClient = CountDownLatch(1)
    }

    private val socket = ServerSocket(0, 50, InetAddress.getLoopbackAddress())
    val baseUrl = "http://127.0.0.1:${socket.localPort}/v1"
    val served = AtomicInteger()
    val connections = ConcurrentLinkedQueue<Connection>()
    private val acceptor = thread(isDaemon = true, name = "interim-server") {
        while (!socket.isClosed) {
            val s = try { socket.accept() } catch (_: Exception) { break }
            val connection = Connection().also { connections += it }
            thread(isDaemon = true) { s.use { serve(it, connection) } }
        }
    }

    private fun serve(s: Socket, connection: Connection) {
        s.soTimeout = 15_000
        try {
            val input = s.getInputStream()
            val out = s.getOutputStream()
            while (true) {
                val head = readHead(input) ?: break
                readBody(input, head)
                val n = served.incrementAndGet()
                val final = finalAnswer(n)
                if (n == 1 && split) {
                    out.write(interim.toByteArray())
                    out.flush()
                    Thread.sleep(150)
                    out.write(final)
                } else if (n == 1) {
                    out.write(interim.toByteArray() + final)
                } else {
                    out.write(final)
                }
                out.flush()
            }
        } catch (_: Exception) {
            // A reset or a write to a connection the client closed also ends it.
        }
        connection.closedByClient.countDown()
    }

    private fun finalAnswer(n: Int): ByteArray {
        val (type, body) = if (stream) {
            "text/event-stream" to "data: ${chunk("answer")}\n\ndata: ${chunk(" $n", "stop")}\n\ndata: [DONE]\n\n"
        } else {
            "application/json" to
                """{"id":"c$n","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"answer $n"},"finish_reason":"stop"}]}"""
        }
        val bytes = body.toByteArray()
        return ("HTTP/1.1 200 OK\r\nContent-Type: $type\r\nContent-Length: ${bytes.size}\r\nConnection: keep-alive\r\n\r\n")
            .toByteArray() + bytes
    }

    private fun chunk(content: String, finish: String? = null) =
        """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"$content"},"finish_reason":${finish?.let { "\"$it\"" } ?: "null"}}]}"""

    /** The request line and headers, or null at the end of the connection. */
    private fun readHead(input: InputStream): String? {
        val buf = ByteArrayOutputStream()
        var last4 = 0
        while (buf.size() < 65_536) {
            val b = input.read()
            if (b < 0) return null
            buf.write(b)
            last4 = (last4 shl 8) or b
            if (last4 == 0x0D0A0D0A) return buf.toString(Charsets.ISO_8859_1)
        }
        return null
    }

    private fun readBody(input: InputStream, head: String) {
        val length = Regex("(?im)^content-length:\\s*(\\d+)").find(head)?.groupValues?.get(1)?.toInt()
        if (length != null) {
            input.readNBytes(length)
        } else if (Regex("(?im)^transfer-encoding:\\s*chunked").containsMatchIn(head)) {
            while (true) {
                val size = readLine(input).substringBefore(';').trim().toInt(16)
                if (size == 0) {
                    while (readLine(input).isNotEmpty()) Unit
                    return
                }
                input.readNBytes(size)
                readLine(input)
            }
        }
    }

    private fun readLine(input: InputStream): String {
        val sb = StringBuilder()
        while (true) {
            val b = input.read()
            if (b < 0 || b == '\n'.code) return sb.toString().trimEnd('\r')
            sb.append(b.toChar())
        }
    }

    override fun close() {
        socket.close()
        acceptor.join(2_000)
    }
}
