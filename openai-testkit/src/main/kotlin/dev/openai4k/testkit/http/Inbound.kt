package dev.openai4k.testkit.http

import java.io.IOException
import java.io.InputStream
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit

/**
 * The bytes a client sends, read by a pump thread of their own so that a client's hang-up is seen at once, even
 * while the connection's thread is busy writing (or deliberately not writing) a response.
 */
internal class Inbound(private val socketInput: InputStream, private val onEnd: () -> Unit) : InputStream() {
    private val chunks = LinkedBlockingQueue<ByteArray>(QUEUED_CHUNKS)
    @Volatile private var ended = false
    @Volatile private var stopped = false
    private var current = EMPTY
    private var position = 0

    /** Reads the socket until end of stream or an error; runs on its own thread. */
    fun pump() {
        val buffer = ByteArray(16 * 1024)
        try {
            while (!stopped) {
                val n = socketInput.read(buffer)
                if (n < 0) break
                if (n == 0) continue
                val chunk = buffer.copyOf(n)
                while (!stopped && !chunks.offer(chunk, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    // back-pressure: the connection is not reading yet
                }
            }
        } catch (_: IOException) {
            // a reset or our own close: both end the input
        } catch (_: InterruptedException) {
            Thread.currentThread().interrupt()
        } finally {
            ended = true
            onEnd()
        }
    }

    /** Lets the pump and any reader give up. */
    fun stop() {
        stopped = true
    }

    private fun fill(): Boolean {
        while (position >= current.size) {
            val next = try {
                chunks.poll(POLL_MILLIS, TimeUnit.MILLISECONDS)
            } catch (_: InterruptedException) {
                // The server is closing (its threads are interrupted): the input ends here.
                Thread.currentThread().interrupt()
                return false
            }
            if (next != null) {
                current = next
                position = 0
            } else if ((ended && chunks.isEmpty()) || stopped) {
                return false
            }
        }
        return true
    }

    override fun read(): Int = if (!fill()) -1 else current[position++].toInt() and 0xff

    override fun read(b: ByteArray, off: Int, len: Int): Int {
        if (len == 0) return 0
        if (!fill()) return -1
        val n = minOf(len, current.size - position)
        System.arraycopy(current, position, b, off, n)
        position += n
        return n
    }

    private companion object {
        const val QUEUED_CHUNKS = 64
        const val POLL_MILLIS = 50L
        val EMPTY = ByteArray(0)
    }
}
