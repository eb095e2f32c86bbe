package dev.openai4k.testkit.http

import dev.openai4k.testkit.Fault
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
        out.write(chunkOf(bytes))
    }

    private fun head(reply: Reply): ByteArray = responseHead(reply, common, closeAfter)

    private fun bodyOf(reply: Reply): ByteArray = replyBody(reply)
}
