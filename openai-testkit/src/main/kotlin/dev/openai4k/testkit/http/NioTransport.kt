package dev.openai4k.testkit.http

import java.io.IOException
import java.net.StandardSocketOptions
import java.nio.ByteBuffer
import java.nio.channels.CancelledKeyException
import java.nio.channels.ClosedSelectorException
import java.nio.channels.SelectionKey
import java.nio.channels.Selector
import java.nio.channels.ServerSocketChannel
import java.nio.channels.SocketChannel
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.RejectedExecutionException
import java.util.concurrent.ScheduledFuture
import java.util.concurrent.ScheduledThreadPoolExecutor
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger

/**
 * The non-blocking transport: one selector thread does every accept, read and write; one worker thread decides
 * the answers (the dispatcher) and runs the timers of delays, paced streams, trickles and stalls. No thread per
 * connection, so thousands of concurrent streams cost two threads.
 *
 * It serves the same replies as [BlockingTransport], faults included: the same [Step]s ([answerSteps]), which each
 * [NioConnection] carries out as its socket accepts bytes and its timers fire. A client's hang-up is seen by the
 * selector (end of input, or a failed write) and counted under the same rules as [Connection]'s.
 *
 * Every field of a connection is touched only by the selector thread; the worker hands results back through
 * [post].
 */
internal class NioTransport(
    private val serverChannel: ServerSocketChannel,
    private val exchange: Exchange,
    threadPrefix: String,
    private val nextConnectionId: () -> Int,
) : Transport {
    private val selector: Selector = Selector.open()
    private val tasks = ConcurrentLinkedQueue<Runnable>()
    private val threads = ThreadTracker()
    private val worker = ScheduledThreadPoolExecutor(1) { task ->
        threads.track(Thread(task, "$threadPrefix-nio-worker").apply { isDaemon = true })
    }.apply {
        removeOnCancelPolicy = true
        executeExistingDelayedTasksAfterShutdownPolicy = false
    }
    /** Where the selector thread reads each connection's bytes before they go to its parser. */
    val readBuffer: ByteBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES)
    private val connections = HashSet<NioConnection>()
    private val openCount = AtomicInteger()
    private val pendingCloses = ArrayList<Pair<SocketChannel, Boolean>>()
    private val acceptKey: SelectionKey
    private var acceptErrorReported = false

    @Volatile
    private var closed = false
    private val loop: Thread

    override val openConnections: Int get() = openCount.get()

    override val liveThreads: Int get() = threads.alive

    init {
        serverChannel.configureBlocking(false)
        acceptKey = serverChannel.register(selector, SelectionKey.OP_ACCEPT)
        loop = threads.track(Thread(::run, "$threadPrefix-nio-selector").apply { isDaemon = true })
        loop.start()
    }

    /** Runs [task] on the selector thread. */
    private fun post(task: Runnable) {
        tasks += task
        selector.wakeup()
    }

    private fun run() {
        try {
            while (!closed) {
                // A channel is closed only once its key is deregistered (by the next selection): closing a
                // registered non-blocking channel would only shut its output down, turning a reset into a FIN.
                if (pendingCloses.isEmpty()) selector.select() else selector.selectNow()
                closePending()
                runTasks()
                if (closed) break
                val keys = selector.selectedKeys().iterator()
                while (keys.hasNext()) {
                    val key = keys.next()
                    keys.remove()
                    handle(key)
                }
            }
        } catch (_: ClosedSelectorException) {
            // closed under us
        } catch (e: IOException) {
            if (!closed) e.printStackTrace()
        } finally {
            shutDown()
        }
    }

    private fun handle(key: SelectionKey) {
        if (!key.isValid) return
        if (key === acceptKey) {
            acceptAll()
            return
        }
        val connection = key.attachment() as NioConnection
        try {
            if (key.isWritable) connection.onWritable()
            if (key.isValid && key.isReadable) connection.onReadable()
        } catch (_: CancelledKeyException) {
            // closed while handling
        } catch (e: RuntimeException) {
            e.printStackTrace()
            connection.closeNow(reset = false, byServer = true)
        }
    }

    private fun runTasks() {
        while (true) {
            val task = tasks.poll() ?: return
            try {
                task.run()
            } catch (_: CancelledKeyException) {
                // the connection closed meanwhile
            } catch (e: RuntimeException) {
                e.printStackTrace()
            }
        }
    }

    private fun acceptAll() {
        while (!closed) {
            val channel = try {
                serverChannel.accept() ?: return
            } catch (e: IOException) {
                // Typically out of file descriptors: stop accepting for a moment instead of spinning on the backlog.
                if (!acceptErrorReported) {
                    acceptErrorReported = true
                    System.err.println("openai-testkit: accepting a connection failed (${e.message}); retrying every 100 ms")
                }
                acceptKey.interestOps(0)
                schedule(ACCEPT_RETRY_MILLIS) { if (acceptKey.isValid) acceptKey.interestOps(SelectionKey.OP_ACCEPT) }
                return
            }
            try {
                channel.configureBlocking(false)
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true)
                val connection = NioConnection(this, channel, nextConnectionId(), exchange)
                connection.key = channel.register(selector, SelectionKey.OP_READ, connection)
                connections += connection
                openCount.incrementAndGet()
            } catch (_: IOException) {
                channel.close()
            }
        }
    }

    /** Runs [action] on the selector thread after [millis]; null when the server is shutting down. */
    fun schedule(millis: Long, action: () -> Unit): ScheduledFuture<*>? = try {
        worker.schedule({ post { if (!closed) action() } }, millis, TimeUnit.MILLISECONDS)
    } catch (_: RejectedExecutionException) {
        null
    }

    /**
     * Runs [decision] on the worker thread, then [then] with its result on the selector thread; false when the
     * server is shutting down.
     */
    fun <T> decide(decision: () -> T, then: (T) -> Unit): Boolean = try {
        worker.execute {
            val result = decision()
            post { then(result) }
        }
        true
    } catch (_: RejectedExecutionException) {
        false
    }

    /** Forgets [connection], whose key is cancelled; its [channel] closes (with an RST when [reset]) next round. */
    fun release(connection: NioConnection, channel: SocketChannel, reset: Boolean) {
        connections -= connection
        openCount.decrementAndGet()
        pendingCloses += channel to reset
    }

    private fun closePending() {
        if (pendingCloses.isEmpty()) return
        for ((channel, reset) in pendingCloses) {
            try {
                if (reset) channel.setOption(StandardSocketOptions.SO_LINGER, 0)
                channel.close()
            } catch (_: IOException) {
                // already gone
            }
        }
        pendingCloses.clear()
    }

    private fun shutDown() {
        closed = true
        connections.toList().forEach { it.closeNow(reset = false, byServer = true) }
        try {
            // Deregisters every channel, so that the closes below take effect at once.
            selector.close()
        } catch (_: IOException) {
            // nothing to do
        }
        closePending()
        try {
            serverChannel.close()
        } catch (_: IOException) {
            // nothing to do
        }
        worker.shutdownNow()
    }

    override fun close() {
        if (closed) return
        closed = true
        selector.wakeup()
        if (Thread.currentThread() !== loop) loop.join(CLOSE_WAIT_MILLIS)
        worker.shutdownNow()
    }

    private companion object {
        const val READ_BUFFER_BYTES = 64 * 1024
        const val ACCEPT_RETRY_MILLIS = 100L
        const val CLOSE_WAIT_MILLIS = 5_000L
    }
}
