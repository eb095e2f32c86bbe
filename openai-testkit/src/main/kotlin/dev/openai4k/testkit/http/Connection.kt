package dev.openai4k.testkit.http

import java.io.BufferedOutputStream
import java.io.IOException
import java.io.OutputStream
import java.net.Socket
import java.nio.ByteBuffer
import java.util.concurrent.Executor
import java.util.concurrent.TimeUnit
import java.util.concurrent.locks.ReentrantLock
import kotlin.concurrent.withLock

/** What a connection needs from the server: a place to send each request, and a count of hang-ups. */
internal interface Exchange {
    /** Records [request] and decides the answer. */
    fun answer(request: HttpRequest, connectionId: Int): Reply

    /** Headers that every answer carries (`x-request-id`, ...). */
    fun commonHeaders(): List<Pair<String, String>>

    /** A client closed its connection before the server finished an answer. */
    fun clientDisconnected()
}

/** Thrown by [BlockingSteps] when the client is gone, to stop writing at once. */
internal class ClientGoneException : IOException("The client closed the connection")

/**
 * One client connection: reads requests one after another and writes each answer, keeping the connection alive
 * between them unless a fault or the client ends it. Tracks whether the client hung up before an answer was done.
 */
internal class Connection(
    private val socket: Socket,
    private val id: Int,
    private val exchange: Exchange,
) {
    private val lock = ReentrantLock()
    private val changed = lock.newCondition()
    private var clientGone = false
    private var answering = false
    private var counted = false
    private var closedByServer = false

    fun serve(executor: Executor) {
        try {
            socket.tcpNoDelay = true
            val inbound = Inbound(socket.getInputStream()) { inputEnded() }
            executor.execute { inbound.pump() }
            val out = BufferedOutputStream(socket.getOutputStream(), 32 * 1024)
            try {
                serveRequests(inbound, out)
            } finally {
                inbound.stop()
            }
        } catch (_: IOException) {
            // the client went away; a hang-up during an answer was counted where it was seen
        } finally {
            close(reset = false)
        }
    }

    /** Feeds the client's bytes to the parser and answers each request, until the connection is to end. */
    private fun serveRequests(inbound: Inbound, out: OutputStream) {
        val parser = RequestParser()
        val steps = BlockingSteps(out, this)
        val buffer = ByteArray(READ_BYTES)
        while (true) {
            when (val result = parser.next()) {
                RequestParser.Result.NeedMore -> {
                    // End of input between requests or inside one: either way there is nothing to answer.
                    val n = inbound.read(buffer)
                    if (n < 0) return
                    parser.feed(ByteBuffer.wrap(buffer, 0, n))
                }
                RequestParser.Result.Interim -> {
                    out.write(RequestParser.INTERIM)
                    out.flush()
                }
                is RequestParser.Result.Complete -> if (!answer(result.request, steps)) return
                is RequestParser.Result.Bad -> {
                    // Not an answer: a client leaving during it is not counted.
                    steps.run(badRequestSteps(result.error))
                    return
                }
            }
        }
    }

    /** Answers one request; returns whether the connection stays open for another. */
    private fun answer(request: HttpRequest, steps: BlockingSteps): Boolean {
        lock.withLock {
            answering = true
            counted = false
            if (clientGone) countOnce()
        }
        return try {
            steps.run(answerSteps(exchange, request, id))
        } catch (e: IOException) {
            lock.withLock { countOnce() }
            throw e
        } finally {
            lock.withLock { answering = false }
        }
    }

    private fun inputEnded() {
        lock.withLock {
            clientGone = true
            if (answering && !closedByServer) countOnce()
            changed.signalAll()
        }
    }

    /** Marks the answer complete; called before the last flush, so that a client closing after it is not counted. */
    fun finished() {
        lock.withLock { answering = false }
    }

    /** Whether the client has hung up. */
    val isClientGone: Boolean get() = lock.withLock { clientGone }

    /** Waits [millis], returning early with true when the client hangs up meanwhile. */
    fun awaitClientGone(millis: Long): Boolean {
        if (millis <= 0) return isClientGone
        val deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis)
        lock.withLock {
            while (!clientGone) {
                val left = deadline - System.nanoTime()
                if (left <= 0) return false
                changed.awaitNanos(left)
            }
            return true
        }
    }

    /** Ends the connection from the server side: a FIN, or an RST when [reset]. */
    fun close(reset: Boolean) {
        lock.withLock {
            closedByServer = true
            answering = false
        }
        try {
            if (reset) socket.setSoLinger(true, 0)
            socket.close()
        } catch (_: IOException) {
            // already closed
        }
    }

    private fun countOnce() {
        if (!counted && !closedByServer) {
            counted = true
            exchange.clientDisconnected()
        }
    }

    private companion object {
        const val READ_BYTES = 16 * 1024
    }
}

internal fun jsonString(text: String): String = kotlinx.serialization.json.JsonPrimitive(text).toString()
