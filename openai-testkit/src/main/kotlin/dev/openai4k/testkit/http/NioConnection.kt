package dev.openai4k.testkit.http

import java.io.IOException
import java.nio.ByteBuffer
import java.nio.channels.SelectionKey
import java.nio.channels.SocketChannel
import java.util.concurrent.ScheduledFuture

/**
 * One client connection of the [NioTransport], following the rules of the blocking [Connection]: parses requests
 * as bytes arrive, has the transport's worker decide each answer ([answerSteps]), and carries out the answer's
 * [Step]s as the socket accepts bytes and timers fire. It knows no reply kind and no fault: those are steps.
 *
 * Touched only by the selector thread.
 */
internal class NioConnection(
    private val transport: NioTransport,
    private val channel: SocketChannel,
    private val id: Int,
    private val exchange: Exchange,
) {
    lateinit var key: SelectionKey

    private val parser = RequestParser()
    private val out = ArrayDeque<ByteBuffer>()
    private var steps: ArrayDeque<Step>? = null
    private var dispatching = false
    private var awaitingDrain = false
    private var timer: ScheduledFuture<*>? = null

    /** From a request's dispatch until its answer is written (blocking: inside Connection.answer). */
    private var inAnswer = false

    /** Until the answer is marked finished (blocking: Connection.answering). */
    private var answering = false
    private var counted = false
    private var clientGone = false
    private var closedByServer = false
    private var closed = false
    private var reading = true
    private var writing = false

    private val idle: Boolean get() = steps == null && !dispatching

    fun onReadable() {
        val readBuffer = transport.readBuffer
        readBuffer.clear()
        val n = try {
            channel.read(readBuffer)
        } catch (_: IOException) {
            -1
        }
        if (n < 0) {
            inputEnded()
            return
        }
        if (n == 0) return
        readBuffer.flip()
        parser.feed(readBuffer)
        if (idle) {
            tryNext()
        } else if (parser.buffered > MAX_BUFFERED_WHILE_ANSWERING) {
            // Back-pressure: stop reading until this answer is done (the blocking pump does the same).
            setInterest(read = false, write = writing)
        }
    }

    fun onWritable() {
        if (flush() && awaitingDrain) {
            awaitingDrain = false
            advance()
        }
    }

    private fun inputEnded() {
        clientGone = true
        setInterest(read = false, write = writing)
        if (answering && !closedByServer) countOnce()
        val pending = timer
        if (pending != null) {
            // A pause gives up as soon as the client hangs up.
            pending.cancel(false)
            timer = null
            abortGone()
        } else if (idle) {
            tryNext()
        }
    }

    /** Starts on the next buffered request when there is one; closes when the client is gone and none is. */
    private fun tryNext() {
        while (!closed && idle) {
            when (val result = parser.next()) {
                RequestParser.Result.NeedMore -> {
                    if (clientGone) begin(listOf(Step.Close(reset = false))) else setInterest(read = true, write = writing)
                    return
                }
                RequestParser.Result.Interim -> {
                    out.addLast(ByteBuffer.wrap(RequestParser.INTERIM))
                    flush()
                }
                is RequestParser.Result.Complete -> dispatch(result.request)
                is RequestParser.Result.Bad -> {
                    // Not an answer: a client leaving during it is not counted (as in the blocking transport).
                    begin(badRequestSteps(result.error))
                    return
                }
            }
        }
    }

    private fun dispatch(request: HttpRequest) {
        inAnswer = true
        answering = true
        counted = false
        if (clientGone) countOnce()
        dispatching = true
        val accepted = transport.decide({ answerSteps(exchange, request, id) }) { planned ->
            dispatching = false
            if (!closed) begin(planned)
        }
        if (!accepted) closeNow(reset = false, byServer = true)
    }

    private fun begin(planned: List<Step>) {
        steps = ArrayDeque(planned)
        advance()
    }

    /** Carries out steps until one must wait for the socket or a timer, or they end. */
    private fun advance() {
        val steps = steps ?: return
        while (!closed) {
            val step = steps.firstOrNull()
            // Every step but a write first delivers what is queued (the blocking executor flushes there).
            if (step !is Step.Send && step != Step.Finished && !flush()) {
                awaitingDrain = true
                return
            }
            when (step) {
                null -> {
                    this.steps = null
                    inAnswer = false
                    answering = false
                    tryNext()
                    return
                }
                is Step.Send -> out.addLast(ByteBuffer.wrap(step.bytes))
                Step.Finished -> answering = false
                is Step.Pause -> if (clientGone) {
                    abortGone()
                    return
                } else if (step.millis > 0) {
                    steps.removeFirst()
                    pause(step.millis)
                    return
                }
                is Step.Close -> {
                    closeNow(step.reset, byServer = true)
                    return
                }
            }
            steps.removeFirst()
        }
    }

    private fun pause(millis: Long) {
        timer = transport.schedule(millis) {
            timer = null
            if (!closed) {
                if (clientGone) abortGone() else advance()
            }
        }
        if (timer == null) closeNow(reset = false, byServer = true)
    }

    /** Writes what is queued; returns whether everything is written. */
    private fun flush(): Boolean {
        try {
            while (out.isNotEmpty()) {
                val head = out.first()
                channel.write(head)
                if (head.hasRemaining()) break
                out.removeFirst()
            }
        } catch (_: IOException) {
            writeFailed()
            return false
        }
        val done = out.isEmpty()
        if (writing == done) setInterest(read = reading, write = !done)
        return done
    }

    private fun writeFailed() {
        clientGone = true
        if (inAnswer) countOnce()
        closeNow(reset = false, byServer = false)
    }

    /** The client is gone in the middle of an answer: count it (once) and end the connection. */
    private fun abortGone() {
        countOnce()
        closeNow(reset = false, byServer = true)
    }

    private fun countOnce() {
        if (!counted && !closedByServer) {
            counted = true
            exchange.clientDisconnected()
        }
    }

    private fun setInterest(read: Boolean, write: Boolean) {
        val r = read && !clientGone
        if (closed || (r == reading && write == writing)) return
        reading = r
        writing = write
        key.interestOps((if (r) SelectionKey.OP_READ else 0) or (if (write) SelectionKey.OP_WRITE else 0))
    }

    /** Ends the connection: [byServer] when the server chose to (a fault, a shutdown), not a failed write. */
    fun closeNow(reset: Boolean, byServer: Boolean) {
        if (closed) return
        closed = true
        if (byServer) closedByServer = true
        answering = false
        timer?.cancel(false)
        timer = null
        steps = null
        out.clear()
        key.cancel()
        transport.release(this, channel, reset)
    }

    private companion object {
        const val MAX_BUFFERED_WHILE_ANSWERING = 1024 * 1024
    }
}
