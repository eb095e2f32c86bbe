package dev.openai4k.http

import dev.openai4k.OpenAIDecodeException
import java.lang.invoke.MethodHandles
import java.lang.invoke.VarHandle
import java.nio.ByteOrder

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
        while (true) {
            i = lineEnd(bytes, i, end)
            if (i >= end) break
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
            if (bytes[i] == CR) {
                if (i + 1 < end) {
                    if (bytes[i + 1] == LF) i++
                } else {
                    afterCr = true
                }
            }
            i++
            start = i
        }
        if (start < end) append(bytes, start, end - start)
    }

    /** The index of the first CR or LF in [bytes] from [from] to [end], or [end]; eight bytes at a time. */
    private fun lineEnd(bytes: ByteArray, from: Int, end: Int): Int {
        var i = from
        while (i + 8 <= end) {
            val w = LONGS.get(bytes, i) as Long
            val lf = w xor LF_WORD
            val cr = w xor CR_WORD
            // A byte of lf or cr is zero where w holds LF or CR; the lowest flagged byte is the first one.
            val found = (((lf - ONES) and lf.inv()) or ((cr - ONES) and cr.inv())) and HIGHS
            if (found != 0L) return i + (java.lang.Long.numberOfTrailingZeros(found) ushr 3)
            i += 8
        }
        while (i < end) {
            val b = bytes[i]
            if (b == LF || b == CR) return i
            i++
        }
        return end
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
        /** Reads eight bytes of an array as one little-endian long. */
        val LONGS: VarHandle = MethodHandles.byteArrayViewVarHandle(LongArray::class.java, ByteOrder.LITTLE_ENDIAN)
        const val ONES = 0x0101010101010101L
        const val HIGHS = -0x7f7f7f7f7f7f7f80L // 0x8080808080808080
        const val LF_WORD = 0x0A0A0A0A0A0A0A0AL
        const val CR_WORD = 0x0D0D0D0D0D0D0D0DL
        const val COLON: Byte = ':'.code.toByte()
        const val SPACE: Byte = ' '.code.toByte()
        val DATA = "data".encodeToByteArray()
        val EVENT = "event".encodeToByteArray()
        val ID = "id".encodeToByteArray()
    }
}
