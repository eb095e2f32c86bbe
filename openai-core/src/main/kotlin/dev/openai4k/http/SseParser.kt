package dev.openai4k.http

import dev.openai4k.OpenAIDecodeException

/**
 * An incremental parser of a `text/event-stream` body following the WHATWG rules: LF, CR and CRLF line ends;
 * `:` comments skipped; `data:` with or without one space; several `data:` lines joined with `\n`; `event:` and
 * `id:` kept; an event dispatched on a blank line, never at end of input without one.
 *
 * Feed bytes with [feed]; complete events go to the sink given at construction. Bytes are scanned in place:
 * nothing is copied per line except the field value that is kept.
 *
 * @param maxEventBytes the largest line or event accepted; a larger one raises [OpenAIDecodeException]
 * instead of exhausting memory.
 */
public class SseParser(
    private val maxEventBytes: Int = 8 * 1024 * 1024,
    private val sink: (ServerSentEvent) -> Unit,
) {
    private var line = ByteArray(256)
    private var lineLength = 0
    private var afterCr = false
    private var data: StringBuilder? = null
    private var dataBytes = 0
    private var event: String? = null
    private var lastId: String? = null

    /** Parses [length] bytes of [bytes] from [offset], dispatching every event they complete. */
    public fun feed(bytes: ByteArray, offset: Int = 0, length: Int = bytes.size - offset) {
        var start = offset
        val end = offset + length
        var i = offset
        if (afterCr && i < end && bytes[i] == LF) {
            i++
            start = i
        }
        afterCr = false
        while (i < end) {
            val b = bytes[i]
            if (b == LF || b == CR) {
                append(bytes, start, i - start)
                processLine()
                if (b == CR) {
                    if (i + 1 < end) {
                        if (bytes[i + 1] == LF) i++
                    } else {
                        afterCr = true
                    }
                }
                start = i + 1
            }
            i++
        }
        if (start < end) append(bytes, start, end - start)
    }

    private fun append(bytes: ByteArray, from: Int, count: Int) {
        if (count == 0) return
        val needed = lineLength + count
        if (needed > maxEventBytes) {
            throw OpenAIDecodeException("A server-sent-event line exceeds $maxEventBytes bytes")
        }
        if (needed > line.size) line = line.copyOf(maxOf(needed, minOf(line.size * 2, maxEventBytes)))
        System.arraycopy(bytes, from, line, lineLength, count)
        lineLength = needed
    }

    private fun processLine() {
        val n = lineLength
        lineLength = 0
        if (n == 0) {
            dispatch()
            return
        }
        val buf = line
        if (buf[0] == COLON) return
        var colon = -1
        for (k in 0 until n) if (buf[k] == COLON) { colon = k; break }
        val nameEnd = if (colon < 0) n else colon
        var valueStart = if (colon < 0) n else colon + 1
        if (valueStart < n && buf[valueStart] == SPACE) valueStart++
        when {
            matches(buf, nameEnd, DATA) -> {
                val valueLength = n - valueStart
                dataBytes += valueLength + 1
                if (dataBytes > maxEventBytes) {
                    throw OpenAIDecodeException("A server-sent event exceeds $maxEventBytes bytes")
                }
                val sb = data ?: StringBuilder().also { data = it }
                if (sb.isNotEmpty() || dataBytes > valueLength + 1) sb.append('\n')
                sb.append(String(buf, valueStart, valueLength, Charsets.UTF_8))
            }
            matches(buf, nameEnd, EVENT) -> event = String(buf, valueStart, n - valueStart, Charsets.UTF_8)
            matches(buf, nameEnd, ID) -> {
                val id = String(buf, valueStart, n - valueStart, Charsets.UTF_8)
                if (!id.contains('\u0000')) lastId = id
            }
            else -> {} // retry: and unknown fields are ignored, as the spec says
        }
    }

    private fun dispatch() {
        val sb = data
        if (sb == null) {
            event = null
            return
        }
        val ev = ServerSentEvent(event, sb.toString(), lastId)
        data = null
        dataBytes = 0
        event = null
        sink(ev)
    }

    private fun matches(buf: ByteArray, length: Int, name: ByteArray): Boolean {
        if (length != name.size) return false
        for (k in name.indices) if (buf[k] != name[k]) return false
        return true
    }

    private companion object {
        const val LF: Byte = '\n'.code.toByte()
        const val CR: Byte = '\r'.code.toByte()
        const val COLON: Byte = ':'.code.toByte()
        const val SPACE: Byte = ' '.code.toByte()
        val DATA = "data".encodeToByteArray()
        val EVENT = "event".encodeToByteArray()
        val ID = "id".encodeToByteArray()
    }
}
