package dev.openai4k.http

import dev.openai4k.OpenAIDecodeException

/**
 * An incremental parser of a `text/event-stream` body following the WHATWG rules: LF, CR and CRLF line ends;
 * `:` comments skipped; `data:` with or without one space; several `data:` lines joined with `\n`; `event:` and
 * `id:` kept; an event dispatched on a blank line, never at end of input without one.
 *
 * Feed bytes with [feed]; complete events go to the sink given at construction. Bytes are scanned in place: a
 * line that lies whole in one read is parsed where it is (only a line split across reads is gathered first), and an
 * event with one `data:` line gets its data decoded once, straight from the bytes.
 *
 * @param maxEventBytes the largest line or event accepted; a larger one raises [OpenAIDecodeException]
 * instead of exhausting memory.
 */
public class SseParser(
    private val maxEventBytes: Int = 8 * 1024 * 1024,
    private val sink: (ServerSentEvent) -> Unit,
) {
    // A line split across reads is gathered here; a line that lies whole in one read is parsed in place.
    private var line = ByteArray(256)
    private var lineLength = 0
    private var afterCr = false

    // The event's data: its only line as is (the usual case: no copy), or several lines joined in [joined].
    private var data: String? = null
    private var joined: StringBuilder? = null
    private var dataBytes = 0
    private var event: String? = null
    private var lastId: String? = null

    /** Parses [length] bytes of [bytes] from [offset], dispatching every event they complete. */
    public fun feed(bytes: ByteArray, offset: Int = 0, length: Int = bytes.size - offset) {
        val end = offset + length
        var i = offset
        if (afterCr) {
            afterCr = false
            if (i < end && bytes[i] == LF) i++
        }
        var start = i
        while (i < end) {
            val b = bytes[i]
            // Every byte of a line end is below 0x0E; one comparison rejects almost every other byte.
            if (b < FIRST_NON_CONTROL && (b == LF || b == CR)) {
                if (lineLength == 0) {
                    val n = i - start
                    if (n > maxEventBytes) throw lineTooLong()
                    processLine(bytes, start, n)
                } else {
                    append(bytes, start, i - start)
                    val n = lineLength
                    lineLength = 0
                    processLine(line, 0, n)
                }
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
        if (needed > maxEventBytes) throw lineTooLong()
        if (needed > line.size) line = line.copyOf(maxOf(needed, minOf(line.size * 2, maxEventBytes)))
        System.arraycopy(bytes, from, line, lineLength, count)
        lineLength = needed
    }

    private fun lineTooLong() = OpenAIDecodeException("A server-sent-event line exceeds $maxEventBytes bytes")

    /** Handles the line of [n] bytes at [from] in [buf] (without its line end). */
    private fun processLine(buf: ByteArray, from: Int, n: Int) {
        if (n == 0) {
            dispatch()
            return
        }
        if (buf[from] == COLON) return
        val end = from + n
        var colon = -1
        for (k in from until end) {
            if (buf[k] == COLON) {
                colon = k
                break
            }
        }
        val nameEnd = if (colon < 0) end else colon
        var valueStart = if (colon < 0) end else colon + 1
        if (valueStart < end && buf[valueStart] == SPACE) valueStart++
        val valueLength = end - valueStart
        when {
            matches(buf, from, nameEnd, DATA) -> {
                dataBytes += valueLength + 1
                if (dataBytes > maxEventBytes) {
                    throw OpenAIDecodeException("A server-sent event exceeds $maxEventBytes bytes")
                }
                val value = String(buf, valueStart, valueLength, Charsets.UTF_8)
                val first = data
                when {
                    first == null -> data = value
                    else -> {
                        val sb = joined ?: StringBuilder(first.length + valueLength + 16).append(first).also { joined = it }
                        sb.append('\n').append(value)
                    }
                }
            }
            matches(buf, from, nameEnd, EVENT) -> event = String(buf, valueStart, valueLength, Charsets.UTF_8)
            matches(buf, from, nameEnd, ID) -> {
                val id = String(buf, valueStart, valueLength, Charsets.UTF_8)
                if (!id.contains('\u0000')) lastId = id
            }
            else -> {} // retry: and unknown fields are ignored, as the spec says
        }
    }

    private fun dispatch() {
        val first = data
        if (first == null) {
            event = null
            return
        }
        val ev = ServerSentEvent(event, joined?.toString() ?: first, lastId)
        data = null
        joined = null
        dataBytes = 0
        event = null
        sink(ev)
    }

    private fun matches(buf: ByteArray, from: Int, nameEnd: Int, name: ByteArray): Boolean {
        if (nameEnd - from != name.size) return false
        for (k in name.indices) if (buf[from + k] != name[k]) return false
        return true
    }

    private companion object {
        const val LF: Byte = '\n'.code.toByte()
        const val CR: Byte = '\r'.code.toByte()
        const val FIRST_NON_CONTROL: Byte = 0x0E
        const val COLON: Byte = ':'.code.toByte()
        const val SPACE: Byte = ' '.code.toByte()
        val DATA = "data".encodeToByteArray()
        val EVENT = "event".encodeToByteArray()
        val ID = "id".encodeToByteArray()
    }
}
