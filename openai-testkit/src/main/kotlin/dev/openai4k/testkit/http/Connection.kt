package dev.openai4k.testkit.http

import java.io.BufferedOutputStream
import java.io.IOException
import java.io.OutputStream
import java.net.Socket
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

/** Thrown inside the writer when the client is gone, to stop writing at once. */
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
            val reader = RequestReader(inbound)
            try {
                while (true) {
                    val request = try {
                        reader.read(out) ?: break
                    } catch (e: BadRequestException) {
                        writeBadRequest(out, e)
                        break
                    }
                    if (!answer(request, out)) break
                }
            } finally {
                inbound.stop()
            }
        } catch (_: IOException) {
            // the client went away; a hang-up during an answer was counted where it was seen
        } finally {
            close(reset = false)
        }
    }

    /** Answers one request; returns whether the connection stays open for another. */
    private fun answer(request: HttpRequest, out: OutputStream): Boolean {
        lock.withLock {
            answering = true
            counted = false
            if (clientGone) countOnce()
        }
        return try {
            val reply = exchange.answer(request, id)
            val keepAlive = ReplyWriter(out, this, exchange.commonHeaders(), request.wantsClose).write(reply)
            keepAlive && !request.wantsClose
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

    private fun writeBadRequest(out: OutputStream, e: BadRequestException) {
        out.write(badRequestBytes(e))
        out.flush()
    }
}

internal fun jsonString(text: String): String = kotlinx.serialization.json.JsonPrimitive(text).toString()
