package dev.openai4k.testkit.http

import java.io.ByteArrayOutputStream
import java.nio.ByteBuffer

/**
 * Parses HTTP/1.1 requests from bytes as they arrive, for both transports: the blocking one feeds it what it reads
 * from its socket's stream, the non-blocking one what its selector reads. It never waits: [next] gives a complete
 * request, says that more bytes are needed, or gives the error to answer (400; 413 for a body over the limit; 431
 * for a line or headers over 64 KiB). Pipelined requests come out one after another. Not thread-safe: one
 * connection, one thread.
 */
internal class RequestParser(private val maxBodyBytes: Int = 256 * 1024 * 1024) {
    /** What [next] found. */
    sealed interface Result {
        /** Not enough bytes yet. */
        data object NeedMore : Result

        /** The head of a request that expects `100 Continue` before it sends its body: write [INTERIM] now. */
        data object Interim : Result

        /** A complete request. */
        class Complete(val request: HttpRequest) : Result

        /** A request that cannot be parsed: answer [error] and close. */
        class Bad(val error: BadRequestException) : Result
    }

    private enum class State { REQUEST_LINE, HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS }

    private var buffer = EMPTY
    private var start = 0
    private var end = 0

    /** How far past [start] a line end has already been looked for in vain (so that a slow line is scanned once). */
    private var scanned = 0

    private var state = State.REQUEST_LINE
    private var requestLine: List<String> = emptyList()
    private var headers = mutableListOf<Pair<String, String>>()
    private var headerBytes = 0
    private var remaining = 0L
    private var fixedBody: ByteArray? = null
    private var fixedFilled = 0
    private var chunkedBody: ByteArrayOutputStream? = null
    private var failed: BadRequestException? = null

    /** Bytes received and not yet consumed by a complete request. */
    val buffered: Int get() = end - start

    /** Appends the readable bytes of [bytes]. */
    fun feed(bytes: ByteBuffer) {
        val n = bytes.remaining()
        if (end + n > buffer.size) {
            val live = end - start
            if (live + n <= buffer.size / 2 + buffer.size / 4) {
                System.arraycopy(buffer, start, buffer, 0, live)
            } else {
                val grown = ByteArray(maxOf(buffer.size * 2, live + n, INITIAL_CAPACITY))
                System.arraycopy(buffer, start, grown, 0, live)
                buffer = grown
            }
            start = 0
            end = live
        }
        bytes.get(buffer, end, n)
        end += n
    }

    /** Advances as far as the buffered bytes allow. After [Result.Bad] the parser stays failed. */
    fun next(): Result {
        failed?.let { return Result.Bad(it) }
        return try {
            advance()
        } catch (e: BadRequestException) {
            failed = e
            Result.Bad(e)
        }
    }

    private fun advance(): Result {
        while (true) {
            when (state) {
                State.REQUEST_LINE -> {
                    val line = readLine() ?: return Result.NeedMore
                    if (line.isEmpty()) continue
                    val parts = line.split(' ')
                    if (parts.size != 3 || !parts[2].startsWith("HTTP/")) throw BadRequestException("Malformed request line")
                    requestLine = parts
                    headers = mutableListOf()
                    headerBytes = 0
                    state = State.HEADERS
                }
                State.HEADERS -> {
                    val h = readLine() ?: return Result.NeedMore
                    if (h.isNotEmpty()) {
                        headerBytes += h.length
                        if (headerBytes > MAX_HEADER_BYTES) throw BadRequestException("Request headers too large", 431)
                        val colon = h.indexOf(':')
                        if (colon <= 0) throw BadRequestException("Malformed header line")
                        headers += h.substring(0, colon).trim() to h.substring(colon + 1).trim()
                        continue
                    }
                    val head = HttpRequest(requestLine[0], requestLine[1], requestLine[2], headers, EMPTY)
                    val chunked = head.header("transfer-encoding")?.contains("chunked", ignoreCase = true) == true
                    val length = head.header("content-length")?.let {
                        it.toLongOrNull()?.takeIf { n -> n >= 0 } ?: throw BadRequestException("Bad Content-Length")
                    } ?: 0L
                    if (length > maxBodyBytes) throw BadRequestException("Request body too large", 413)
                    if (chunked) {
                        chunkedBody = ByteArrayOutputStream()
                        state = State.CHUNK_SIZE
                    } else {
                        remaining = length
                        fixedBody = if (length == 0L) EMPTY else ByteArray(length.toInt())
                        fixedFilled = 0
                        state = State.BODY
                    }
                    if ((chunked || length > 0) && head.header("expect")?.equals("100-continue", ignoreCase = true) == true) {
                        return Result.Interim
                    }
                }
                State.BODY -> {
                    val body = fixedBody!!
                    val n = minOf(remaining, (end - start).toLong()).toInt()
                    System.arraycopy(buffer, start, body, fixedFilled, n)
                    start += n
                    fixedFilled += n
                    remaining -= n
                    if (remaining > 0) return Result.NeedMore
                    return complete(body)
                }
                State.CHUNK_SIZE -> {
                    val sizeLine = (readLine() ?: return Result.NeedMore).substringBefore(';').trim()
                    val size = sizeLine.toIntOrNull(16)?.takeIf { it >= 0 } ?: throw BadRequestException("Bad chunk size")
                    if (size == 0) {
                        state = State.TRAILERS
                    } else {
                        if (chunkedBody!!.size().toLong() + size > maxBodyBytes) throw BadRequestException("Request body too large", 413)
                        remaining = size.toLong()
                        state = State.CHUNK_DATA
                    }
                }
                State.CHUNK_DATA -> {
                    val n = minOf(remaining, (end - start).toLong()).toInt()
                    chunkedBody!!.write(buffer, start, n)
                    start += n
                    remaining -= n
                    if (remaining > 0) return Result.NeedMore
                    state = State.CHUNK_END
                }
                State.CHUNK_END -> {
                    val line = readLine() ?: return Result.NeedMore
                    if (line.isNotEmpty()) throw BadRequestException("Bad chunk end")
                    state = State.CHUNK_SIZE
                }
                State.TRAILERS -> {
                    // trailers are read and dropped
                    val line = readLine() ?: return Result.NeedMore
                    if (line.isEmpty()) return complete(chunkedBody!!.toByteArray())
                }
            }
        }
    }

    private fun complete(body: ByteArray): Result {
        val request = HttpRequest(requestLine[0], requestLine[1], requestLine[2], headers, body)
        state = State.REQUEST_LINE
        fixedBody = null
        chunkedBody = null
        if (start == end) {
            start = 0
            end = 0
            // An idle connection keeps a small buffer, not the one a large body needed.
            if (buffer.size > RETAINED_CAPACITY) buffer = EMPTY
        }
        return Result.Complete(request)
    }

    /** The next whole line without its CR LF (or LF), or null when it has not all arrived. */
    private fun readLine(): String? {
        var i = start + scanned
        while (i < end && buffer[i] != LF) i++
        if (i == end) {
            if (end - start > MAX_HEADER_BYTES) throw BadRequestException("Request line too long", 431)
            scanned = end - start
            return null
        }
        scanned = 0
        if (i - start > MAX_HEADER_BYTES) throw BadRequestException("Request line too long", 431)
        val stop = if (i > start && buffer[i - 1] == CR) i - 1 else i
        val line = String(buffer, start, stop - start, Charsets.UTF_8)
        start = i + 1
        return line
    }

    companion object {
        /** The interim answer to `Expect: 100-continue`. */
        val INTERIM: ByteArray = "HTTP/1.1 100 Continue\r\n\r\n".toByteArray(Charsets.ISO_8859_1)

        private const val MAX_HEADER_BYTES = 64 * 1024
        private const val INITIAL_CAPACITY = 2 * 1024
        private const val RETAINED_CAPACITY = 16 * 1024
        private const val LF = '\n'.code.toByte()
        private const val CR = '\r'.code.toByte()
        private val EMPTY = ByteArray(0)
    }
}
