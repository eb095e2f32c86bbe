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
 * It serves the same replies as [BlockingTransport], faults included: each reply becomes a list of [Step]s
 * ([planReply]) that a connection works through as its socket accepts bytes and its timers fire. A client's
 * hang-up is seen by the selector (end of input, or a failed write) and counted under the same rules as
 * [Connection]'s.
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
    private val readBuffer: ByteBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES)
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
                val connection = NioConnection(channel, nextConnectionId())
                connection.key = channel.register(selector, SelectionKey.OP_READ, connection)
                connections += connection
                openCount.incrementAndGet()
            } catch (_: IOException) {
                channel.close()
            }
        }
    }

    /** Runs [action] on the selector thread after [millis]; null when the server is shutting down. */
    private fun schedule(millis: Long, action: () -> Unit): ScheduledFuture<*>? = try {
        worker.schedule({ post { if (!closed) action() } }, millis, TimeUnit.MILLISECONDS)
    } catch (_: RejectedExecutionException) {
        null
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

    /** One client connection; see [Connection] for the rules this follows. */
    private inner class NioConnection(private val channel: SocketChannel, private val id: Int) {
        lateinit var key: SelectionKey

        private val parser = RequestParser()
        private val out = ArrayDeque<ByteBuffer>()
        private var plan: ArrayDeque<Step>? = null
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

        private val idle: Boolean get() = plan == null && !dispatching

        fun onReadable() {
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
                        begin(listOf(Step.Send(badRequestBytes(result.error)), Step.Close(reset = false)))
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
            try {
                worker.execute {
                    val steps = try {
                        planReply(exchange.answer(request, id), exchange.commonHeaders(), request.wantsClose)
                    } catch (e: RuntimeException) {
                        // A bug in a handler: the blocking transport's connection thread dies and closes too.
                        e.printStackTrace()
                        listOf(Step.Close(reset = false))
                    }
                    post {
                        dispatching = false
                        if (!closed) begin(steps)
                    }
                }
            } catch (_: RejectedExecutionException) {
                closeNow(reset = false, byServer = true)
            }
        }

        private fun begin(steps: List<Step>) {
            plan = ArrayDeque(steps)
            advance()
        }

        /** Works through the plan until it must wait for the socket or a timer, or it ends. */
        private fun advance() {
            val steps = plan ?: return
            while (!closed) {
                when (val step = steps.firstOrNull()) {
                    null -> {
                        // The answer is done once its bytes are written (the blocking writer flushes inside it).
                        if (!flush()) {
                            awaitingDrain = true
                            return
                        }
                        plan = null
                        inAnswer = false
                        answering = false
                        tryNext()
                        return
                    }
                    is Step.Send -> {
                        out.addLast(ByteBuffer.wrap(step.bytes))
                        steps.removeFirst()
                    }
                    Step.Finished -> {
                        answering = false
                        steps.removeFirst()
                    }
                    is Step.Pause -> {
                        if (!flush()) {
                            awaitingDrain = true
                            return
                        }
                        if (clientGone) {
                            abortGone()
                            return
                        }
                        steps.removeFirst()
                        if (step.millis > 0) {
                            timer = schedule(step.millis) {
                                timer = null
                                if (!closed) {
                                    if (clientGone) abortGone() else advance()
                                }
                            } ?: run {
                                closeNow(reset = false, byServer = true)
                                null
                            }
                            return
                        }
                    }
                    is Step.Close -> {
                        if (!flush()) {
                            awaitingDrain = true
                            return
                        }
                        closeNow(step.reset, byServer = true)
                        return
                    }
                }
            }
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

        fun closeNow(reset: Boolean, byServer: Boolean) {
            if (closed) return
            closed = true
            if (byServer) closedByServer = true
            answering = false
            timer?.cancel(false)
            timer = null
            plan = null
            out.clear()
            connections -= this
            openCount.decrementAndGet()
            key.cancel()
            pendingCloses += channel to reset
        }
    }

    private companion object {
        const val READ_BUFFER_BYTES = 64 * 1024
        const val MAX_BUFFERED_WHILE_ANSWERING = 1024 * 1024
        const val ACCEPT_RETRY_MILLIS = 100L
        const val CLOSE_WAIT_MILLIS = 5_000L
    }
}
