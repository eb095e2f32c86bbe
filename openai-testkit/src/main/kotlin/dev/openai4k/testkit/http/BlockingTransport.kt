package dev.openai4k.testkit.http

import java.io.IOException
import java.net.ServerSocket
import java.net.Socket
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors
import java.util.concurrent.RejectedExecutionException
import java.util.concurrent.atomic.AtomicInteger

/** How the server accepts and serves connections; closing it stops listening and ends every connection. */
internal interface Transport : AutoCloseable {
    /** Connections open right now (accepted and not yet closed). */
    val openConnections: Int

    /** The transport's threads that are alive right now. */
    val liveThreads: Int

    override fun close()
}

/**
 * The default transport: `java.net` sockets, a thread per connection plus one reading its input (so a hang-up is
 * seen while the connection's thread writes or sleeps). Every fault is exact on it.
 */
internal class BlockingTransport(
    private val serverSocket: ServerSocket,
    private val exchange: Exchange,
    threadPrefix: String,
    private val nextConnectionId: () -> Int,
) : Transport {
    private val threadCount = AtomicInteger()
    private val sockets = ConcurrentHashMap.newKeySet<Socket>()
    private val threads = ThreadTracker()
    private val executor: ExecutorService = Executors.newCachedThreadPool { task ->
        threads.track(Thread(task, "$threadPrefix-${threadCount.incrementAndGet()}").apply { isDaemon = true })
    }

    @Volatile
    private var closed = false

    override val openConnections: Int get() = sockets.size

    override val liveThreads: Int get() = threads.alive

    init {
        executor.execute(::acceptLoop)
    }

    private fun acceptLoop() {
        while (!closed) {
            val socket = try {
                serverSocket.accept()
            } catch (_: IOException) {
                break
            }
            if (closed) {
                socket.close()
                break
            }
            sockets += socket
            val id = nextConnectionId()
            try {
                executor.execute {
                    try {
                        Connection(socket, id, exchange).serve(executor)
                    } finally {
                        sockets -= socket
                    }
                }
            } catch (_: RejectedExecutionException) {
                socket.close()
            }
        }
    }

    override fun close() {
        if (closed) return
        closed = true
        try {
            serverSocket.close()
        } catch (_: IOException) {
            // already closed
        }
        sockets.forEach {
            try {
                it.close()
            } catch (_: IOException) {
                // already closed
            }
        }
        executor.shutdownNow()
    }
}

/** Remembers the threads a transport starts, to count the live ones. */
internal class ThreadTracker {
    private val threads = ConcurrentHashMap.newKeySet<Thread>()

    fun track(thread: Thread): Thread {
        threads += thread
        return thread
    }

    val alive: Int
        get() {
            threads.removeIf { it.state == Thread.State.TERMINATED }
            return threads.count { it.isAlive }
        }
}
