package dev.openai4k

import java.io.InputStream
import java.io.OutputStream
import java.net.InetAddress
import java.net.ServerSocket
import java.net.Socket
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import kotlin.concurrent.thread

/**
 * A tiny HTTP/1.1 server on 127.0.0.1 driven by a script per connection, for what only a real socket shows:
 * resets, stalls, trickles and the client hanging up.
 */
class RawServer(private val script: RawServer.Exchange.() -> Unit) : AutoCloseable {
    private val socket = ServerSocket(0, 50, InetAddress.getLoopbackAddress())
    val port: Int = socket.localPort
    val baseUrl = "http://127.0.0.1:$port/v1"
    val requests = AtomicInteger()
    val connections = AtomicInteger()
    /** Each request's head and body, in arrival order (chunked request bodies are de-chunked). */
    val received = java.util.concurrent.ConcurrentLinkedQueue<Pair<String, ByteArray>>()
    val clientHangups = CountDownLatch(1)
    /** Connections the client closed between requests (an idle kept-alive connection released). */
    val idleClosed = AtomicInteger()

    init {
        thread(isDaemon = true, name = "raw-server-$port") {
            while (!socket.isClosed) {
                val s = try { socket.accept() } catch (_: Exception) { break }
                connections.incrementAndGet()
                thread(isDaemon = true) { serve(s) }
            }
        }
    }

    private fun serve(s: Socket) = s.use {
        val input = s.getInputStream()
        while (true) {
            val head = readHead(input) ?: run { idleClosed.incrementAndGet(); return }
            val length = Regex("(?im)^content-length:\\s*(\\d+)").find(head)?.groupValues?.get(1)?.toInt() ?: 0
            val body = if (Regex("(?im)^transfer-encoding:\\s*chunked").containsMatchIn(head)) readChunked(input) else input.readNBytes(length)
            received += head to body
            requests.incrementAndGet()
            val ex = Exchange(s, input, s.getOutputStream())
            try { ex.script() } catch (_: Exception) { return }
            if (ex.closed) return
        }
    }

    private fun readChunked(input: InputStream): ByteArray {
        val out = java.io.ByteArrayOutputStream()
        while (true) {
            val size = (readLine(input) ?: return out.toByteArray()).substringBefore(';').trim().toInt(16)
            if (size == 0) {
                while ((readLine(input) ?: "").isNotEmpty()) { }
                return out.toByteArray()
            }
            out.write(input.readNBytes(size))
            readLine(input)
        }
    }

    private fun readLine(input: InputStream): String? {
        val sb = StringBuilder()
        while (!sb.endsWith("\r\n")) {
            val b = input.read()
            if (b < 0) return null
            sb.append(b.toChar())
        }
        return sb.substring(0, sb.length - 2)
    }

    private fun readHead(input: InputStream): String? {
        val sb = StringBuilder()
        while (!sb.endsWith("\r\n\r\n")) {
            val b = input.read()
            if (b < 0) return null
            sb.append(b.toChar())
        }
        return sb.toString()
    }

    class Exchange(private val socket: Socket, private val input: InputStream, val out: OutputStream) {
        var closed = false
        fun write(text: String) { out.write(text.encodeToByteArray()); out.flush() }
        fun headers(status: Int = 200, contentType: String = "application/json", length: Int? = null) = write(
            "HTTP/1.1 $status X\r\nContent-Type: $contentType\r\n" +
                (if (length != null) "Content-Length: $length\r\n" else "Connection: close\r\n") + "\r\n",
        )
        fun json(body: String, status: Int = 200) { headers(status, length = body.encodeToByteArray().size); write(body) }
        fun close() { closed = true; socket.close() }
        fun reset() { closed = true; socket.setSoLinger(true, 0); socket.close() }
        /** Blocks until the client closes its side (read returns -1) or [seconds] pass; true if it hung up. */
        fun awaitClientHangup(seconds: Long): Boolean {
            socket.soTimeout = (seconds * 1000).toInt()
            return try { input.read() < 0 } catch (_: Exception) { false }
        }
    }

    override fun close() = socket.close()
}

fun CountDownLatch.awaitSeconds(s: Long) = await(s, TimeUnit.SECONDS)
