package dev.openai4k.testkit.http

import dev.openai4k.testkit.Fault
import java.io.ByteArrayOutputStream
import java.io.OutputStream

/** Writes one [Reply] on a connection, faults included. */
internal class ReplyWriter(
    private val out: OutputStream,
    private val connection: Connection,
    private val common: List<Pair<String, String>>,
    private val closeAfter: Boolean,
) {
    /** Writes [reply]; returns whether the connection can carry another request. */
    fun write(reply: Reply): Boolean = when (reply) {
        is Reply.Body -> {
            out.write(head(reply))
            out.write(reply.body)
            finish()
            true
        }
        is Reply.Events -> {
            out.write(head(reply))
            reply.events.forEachIndexed { i, event ->
                if (i > 0) pause(reply.options.delayMillis)
                writeChunk(renderEvent(event, reply.options))
                // The last event travels with the end of the body, so a client that hangs up as soon as it has
                // read it is not counted as leaving early.
                if (i < reply.events.lastIndex) {
                    out.flush()
                    if (connection.isClientGone) throw ClientGoneException()
                }
            }
            out.write(LAST_CHUNK)
            finish()
            true
        }
        is Reply.Delayed -> {
            pause(reply.millis)
            write(reply.inner)
        }
        is Reply.Faulted -> writeFault(reply.fault, reply.base)
    }

    private fun writeFault(fault: Fault, base: Reply): Boolean {
        if (base is Reply.Delayed) {
            pause(base.millis)
            return writeFault(fault, base.inner)
        }
        when (fault) {
            is Fault.CloseBeforeHeaders -> connection.close(fault.reset)
            is Fault.CloseAfterBytes -> {
                out.write(head(base))
                val body = bodyOf(base)
                val n = minOf(fault.bytes, body.size)
                if (n > 0) {
                    if (base is Reply.Events) writeChunk(body.copyOf(n)) else out.write(body, 0, n)
                }
                out.flush()
                connection.close(fault.reset)
            }
            is Fault.CloseAfterEvents -> {
                out.write(head(base))
                if (base is Reply.Events) {
                    base.events.take(fault.events).forEachIndexed { i, event ->
                        if (i > 0) pause(base.options.delayMillis)
                        writeChunk(renderEvent(event, base.options))
                        out.flush()
                    }
                }
                out.flush()
                connection.close(fault.reset)
            }
            is Fault.Stall -> {
                if (fault.afterHeaders) {
                    out.write(head(base))
                    out.flush()
                }
                if (connection.awaitClientGone(fault.millis)) throw ClientGoneException()
                connection.close(reset = false)
            }
            is Fault.Trickle -> {
                out.write(head(base))
                out.flush()
                val body = bodyOf(base)
                var at = 0
                while (at < body.size) {
                    if (at > 0) pause(fault.everyMillis)
                    val n = minOf(fault.bytes, body.size - at)
                    if (base is Reply.Events) writeChunk(body.copyOfRange(at, at + n)) else out.write(body, at, n)
                    out.flush()
                    at += n
                }
                if (base is Reply.Events) out.write(LAST_CHUNK)
                finish()
                return true
            }
            // Answered as ordinary bodies by the dispatcher; never reach the writer.
            Fault.MalformedJson, Fault.Html502 -> return write(base)
        }
        return false
    }

    private fun pause(millis: Long) {
        if (millis > 0 && connection.awaitClientGone(millis)) throw ClientGoneException()
        if (connection.isClientGone) throw ClientGoneException()
    }

    private fun finish() {
        connection.finished()
        out.flush()
    }

    private fun writeChunk(bytes: ByteArray) {
        if (bytes.isEmpty()) return
        out.write((Integer.toHexString(bytes.size) + "\r\n").toByteArray(Charsets.ISO_8859_1))
        out.write(bytes)
        out.write(CRLF)
    }

    private fun head(reply: Reply): ByteArray {
        val headers = mutableListOf<Pair<String, String>>()
        val status: Int
        val extra: List<Pair<String, String>>
        when (reply) {
            is Reply.Body -> {
                status = reply.status
                extra = reply.headers
                reply.contentType?.let { headers += "content-type" to it }
                headers += "content-length" to reply.body.size.toString()
            }
            is Reply.Events -> {
                status = reply.status
                extra = reply.headers
                headers += "content-type" to "text/event-stream; charset=utf-8"
                headers += "cache-control" to "no-cache"
                headers += "transfer-encoding" to "chunked"
            }
            is Reply.Delayed -> return head(reply.inner)
            is Reply.Faulted -> return head(reply.base)
        }
        val names = extra.map { it.first.lowercase() }.toSet()
        val all = common.filter { it.first.lowercase() !in names } +
            headers.filter { it.first !in names || it.first == "content-length" || it.first == "transfer-encoding" } +
            extra.filter { it.first.lowercase() != "content-length" && it.first.lowercase() != "transfer-encoding" } +
            (if (closeAfter) listOf("connection" to "close") else emptyList())
        val sb = StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reasonPhrase(status)).append("\r\n")
        for ((name, value) in all) sb.append(name).append(": ").append(value).append("\r\n")
        sb.append("\r\n")
        return sb.toString().toByteArray(Charsets.UTF_8)
    }

    private fun bodyOf(reply: Reply): ByteArray = when (reply) {
        is Reply.Body -> reply.body
        is Reply.Events -> ByteArrayOutputStream().also { buffer ->
            reply.events.forEach { buffer.write(renderEvent(it, reply.options)) }
        }.toByteArray()
        is Reply.Delayed -> bodyOf(reply.inner)
        is Reply.Faulted -> bodyOf(reply.base)
    }

    private companion object {
        val CRLF = "\r\n".toByteArray(Charsets.ISO_8859_1)
        val LAST_CHUNK = "0\r\n\r\n".toByteArray(Charsets.ISO_8859_1)
    }
}
