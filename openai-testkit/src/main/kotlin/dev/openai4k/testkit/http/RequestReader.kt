package dev.openai4k.testkit.http

import java.io.ByteArrayOutputStream
import java.io.EOFException
import java.io.InputStream
import java.io.OutputStream

/** A request line, its headers and its complete body. */
internal class HttpRequest(
    val method: String,
    val target: String,
    val version: String,
    val headers: List<Pair<String, String>>,
    val body: ByteArray,
) {
    fun header(name: String): String? = headers.firstOrNull { it.first.equals(name, ignoreCase = true) }?.second

    /** Whether the client asked for the connection to end after this exchange. */
    val wantsClose: Boolean
        get() {
            val connection = header("connection")?.lowercase()
            return connection?.contains("close") == true ||
                (version == "HTTP/1.0" && connection?.contains("keep-alive") != true)
        }
}

/** A request the server cannot parse; answered with 400 and a close. */
internal class BadRequestException(message: String, val status: Int = 400) : Exception(message)

/** Reads HTTP/1.1 requests one after another from [input]. */
internal class RequestReader(private val input: InputStream, private val maxBodyBytes: Int = 256 * 1024 * 1024) {

    /** The next request, or null when the client closed the connection between requests. */
    fun read(interim: OutputStream): HttpRequest? {
        var line = readLine(allowEof = true) ?: return null
        while (line.isEmpty()) line = readLine(allowEof = true) ?: return null
        val parts = line.split(' ')
        if (parts.size != 3 || !parts[2].startsWith("HTTP/")) throw BadRequestException("Malformed request line")
        val headers = mutableListOf<Pair<String, String>>()
        var headerBytes = 0
        while (true) {
            val h = readLine(allowEof = false)!!
            if (h.isEmpty()) break
            headerBytes += h.length
            if (headerBytes > MAX_HEADER_BYTES) throw BadRequestException("Request headers too large", 431)
            val colon = h.indexOf(':')
            if (colon <= 0) throw BadRequestException("Malformed header line")
            headers += h.substring(0, colon).trim() to h.substring(colon + 1).trim()
        }
        val request = HttpRequest(parts[0], parts[1], parts[2], headers, EMPTY)
        val chunked = request.header("transfer-encoding")?.contains("chunked", ignoreCase = true) == true
        val length = request.header("content-length")?.let {
            it.toLongOrNull()?.takeIf { n -> n >= 0 } ?: throw BadRequestException("Bad Content-Length")
        } ?: 0L
        if (length > maxBodyBytes) throw BadRequestException("Request body too large", 413)
        if ((chunked || length > 0) && request.header("expect")?.equals("100-continue", ignoreCase = true) == true) {
            interim.write("HTTP/1.1 100 Continue\r\n\r\n".toByteArray(Charsets.ISO_8859_1))
            interim.flush()
        }
        val body = if (chunked) readChunked() else readExactly(length.toInt())
        return HttpRequest(parts[0], parts[1], parts[2], headers, body)
    }

    private fun readChunked(): ByteArray {
        val out = ByteArrayOutputStream()
        while (true) {
            val sizeLine = readLine(allowEof = false)!!.substringBefore(';').trim()
            val size = sizeLine.toIntOrNull(16)?.takeIf { it >= 0 } ?: throw BadRequestException("Bad chunk size")
            if (size == 0) break
            if (out.size().toLong() + size > maxBodyBytes) throw BadRequestException("Request body too large", 413)
            out.write(readExactly(size))
            if (readLine(allowEof = false)!!.isNotEmpty()) throw BadRequestException("Bad chunk end")
        }
        while (readLine(allowEof = false)!!.isNotEmpty()) {
            // trailers are read and dropped
        }
        return out.toByteArray()
    }

    private fun readExactly(n: Int): ByteArray {
        if (n == 0) return EMPTY
        val bytes = ByteArray(n)
        var done = 0
        while (done < n) {
            val r = input.read(bytes, done, n - done)
            if (r < 0) throw EOFException("The client closed the connection inside a request body")
            done += r
        }
        return bytes
    }

    private fun readLine(allowEof: Boolean): String? {
        val buffer = ByteArrayOutputStream(64)
        while (true) {
            val b = input.read()
            if (b < 0) {
                if (allowEof && buffer.size() == 0) return null
                throw EOFException("The client closed the connection inside a request")
            }
            if (b == '\n'.code) break
            if (buffer.size() >= MAX_HEADER_BYTES) throw BadRequestException("Request line too long", 431)
            buffer.write(b)
        }
        val bytes = buffer.toByteArray()
        val end = if (bytes.isNotEmpty() && bytes.last() == '\r'.code.toByte()) bytes.size - 1 else bytes.size
        return String(bytes, 0, end, Charsets.UTF_8)
    }

    private companion object {
        const val MAX_HEADER_BYTES = 64 * 1024
        val EMPTY = ByteArray(0)
    }
}
