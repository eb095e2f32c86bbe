package dev.openai4k.reliability

import dev.openai4k.HttpEngine
import dev.openai4k.OpenAI
import dev.openai4k.OpenAIConfig
import dev.openai4k.chat.ChatMessage
import dev.openai4k.chat.ChatRequest
import java.io.ByteArrayOutputStream
import java.io.InputStream
import java.net.InetAddress
import java.net.ServerSocket
import java.net.Socket
import java.util.concurrent.ConcurrentLinkedQueue
import kotlin.concurrent.thread
import kotlin.time.Duration.Companion.seconds

/** The key every test client uses; the secret scan looks for it (and for its tail) everywhere. */
const val TEST_KEY = "sk-reliability-SECRET-0123456789abcdef"

/** Everything raised in the fault matrix, for the secret scan. */
val raisedExceptions: ConcurrentLinkedQueue<Throwable> = ConcurrentLinkedQueue()

fun client(baseUrl: String, engine: HttpEngine, block: OpenAIConfig.() -> Unit = {}): OpenAI = OpenAI {
    this.baseUrl = baseUrl
    apiKey = TEST_KEY
    httpEngine = engine
    timeout = 1.seconds
    connectTimeout = 1.seconds
    streamIdleTimeout = 1.seconds
    maxRetries = 0
    block()
}

fun ask(text: String = "one two three four five"): ChatRequest = ChatRequest("gpt-4o-mini", listOf(ChatMessage.user(text)))

/** What a call did: its value or its failure, and how long it took. */
class Outcome<T>(val value: T?, val error: Throwable?, val millis: Long)

suspend fun <T> timed(block: suspend () -> T): Outcome<T> {
    val started = System.nanoTime()
    return try {
        val v = block()
        Outcome(v, null, (System.nanoTime() - started) / 1_000_000)
    } catch (e: Throwable) {
        if (e is kotlinx.coroutines.CancellationException && e !is kotlinx.coroutines.TimeoutCancellationException) throw e
        raisedExceptions += e
        Outcome(null, e, (System.nanoTime() - started) / 1_000_000)
    }
}

/** A port on which nothing listens (bound, then released). */
fun closedPort(): Int = ServerSocket(0, 1, InetAddress.getLoopbackAddress()).use { it.localPort }

/**
 * A one-purpose HTTP/1.1 server for what the testkit cannot send (raw bytes: gzip, invalid UTF-8): every request
 * is read (headers and a Content-Length body) and answered with [head] + [body], then the connection is closed.
 */
class RawServer(private val head: String, private val body: ByteArray) : AutoCloseable {
    private val socket = ServerSocket(0, 50, InetAddress.getLoopbackAddress())
    val requests = ConcurrentLinkedQueue<String>()
    val baseUrl = "http://127.0.0.1:${socket.localPort}/v1"
    private val acceptor = thread(isDaemon = true, name = "raw-server") {
        while (!socket.isClosed) {
            val s = try { socket.accept() } catch (_: Exception) { break }
            thread(isDaemon = true) { s.use { serve(it) } }
        }
    }

    private fun serve(s: Socket) {
        s.soTimeout = 5_000
        val input = s.getInputStream()
        val headers = readHeaders(input)
        requests += headers
        val length = Regex("(?im)^content-length:\\s*(\\d+)").find(headers)?.groupValues?.get(1)?.toInt() ?: 0
        input.readNBytes(length)
        val out = s.getOutputStream()
        out.write((head.trimEnd() + "\r\nContent-Length: ${body.size}\r\nConnection: close\r\n\r\n").toByteArray())
        out.write(body)
        out.flush()
    }

    private fun readHeaders(input: InputStream): String {
        val buf = ByteArrayOutputStream()
        var last4 = 0
        while (buf.size() < 65_536) {
            val b = input.read()
            if (b < 0) break
            buf.write(b)
            last4 = (last4 shl 8) or b
            if (last4 == 0x0D0A0D0A) break
        }
        return buf.toString(Charsets.ISO_8859_1)
    }

    override fun close() {
        socket.close()
        acceptor.join(2_000)
    }
}
