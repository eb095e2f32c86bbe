package dev.openai4k.testkit

import dev.openai4k.testkit.api.ApiState
import dev.openai4k.testkit.api.DEFAULT_MODELS
import dev.openai4k.testkit.api.Dispatcher
import dev.openai4k.testkit.api.addModel
import dev.openai4k.testkit.http.BlockingTransport
import dev.openai4k.testkit.http.Exchange
import dev.openai4k.testkit.http.HttpRequest
import dev.openai4k.testkit.http.NioTransport
import dev.openai4k.testkit.http.Reply
import dev.openai4k.testkit.http.Transport
import dev.openai4k.testkit.http.parseMultipart
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.withTimeoutOrNull
import java.io.IOException
import java.net.InetAddress
import java.net.InetSocketAddress
import java.net.ServerSocket
import java.net.StandardSocketOptions
import java.nio.channels.ServerSocketChannel
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong
import kotlin.time.Duration

/**
 * An OpenAI-compatible HTTP/1.1 server on loopback for tests: every endpoint the SDK covers answers plausibly and
 * deterministically by default, answers can be scripted per path ([enqueue]), every request is recorded
 * ([requests]), and client hang-ups during an answer are counted ([disconnects]).
 *
 * ```kotlin
 * OpenAITestServer.start().use { server ->
 *     server.enqueue("chat/completions", Scripted.text("hi"))
 *     val client = OpenAI { baseUrl = server.baseUrl }
 *     ...
 *     server.requests("chat/completions").single().jsonObject
 * }
 * ```
 *
 * State (files, assistants, threads, responses, models) lives in memory and belongs to this instance. The server
 * is thread-safe. With the default [ServerTransport.BLOCKING] each connection is served on its own daemon threads;
 * [ServerTransport.NIO] serves any number of connections on two threads (`start(transport = ServerTransport.NIO)`).
 */
public class OpenAITestServer private constructor(
    listening: Listening,
    /** How this server serves connections. */
    public val transport: ServerTransport,
    /** How many requests [requests] keeps at most (the most recent ones); [requestCount] counts them all. */
    public val maxRecordedRequests: Int,
) : AutoCloseable {
    /** The address the server listens on, e.g. `127.0.0.1`. */
    public val host: String = listening.address.address.hostAddress

    /** The port the server listens on. */
    public val port: Int = listening.address.port

    /** The server's root, e.g. `http://127.0.0.1:41234`. */
    public val rootUrl: String = "http://${if (host.contains(':')) "[$host]" else host}:$port"

    /** The API base URL to give a client, e.g. `http://127.0.0.1:41234/v1`. */
    public val baseUrl: String = "$rootUrl/v1"

    private val scripts = ScriptQueues()
    private val recorded = ArrayDeque<RecordedRequest>()
    private val recordedLock = Object()
    private val requestTotal = AtomicLong()
    private val disconnectCount = MutableStateFlow(0)
    private val disconnectLock = Object()
    private val connectionCount = AtomicInteger()
    private val requestIds = AtomicLong()
    private val state = ApiState { rootUrl }
    private val dispatcher = Dispatcher(state, scripts)

    @Volatile
    private var closed = false

    private val exchange = object : Exchange {
        override fun answer(request: HttpRequest, connectionId: Int): Reply = dispatcher.answer(record(request, connectionId))

        override fun commonHeaders(): List<Pair<String, String>> = listOf(
            "x-request-id" to "req_" + requestIds.incrementAndGet().toString().padStart(8, '0'),
            "openai-version" to "2020-10-01",
            "openai-processing-ms" to "1",
        )

        override fun clientDisconnected() {
            synchronized(disconnectLock) {
                disconnectCount.value += 1
                disconnectLock.notifyAll()
            }
        }
    }

    private val served: Transport

    init {
        synchronized(state) { DEFAULT_MODELS.forEach { (id, owner) -> state.addModel(id, owner, ApiState.BASE_EPOCH_SECONDS) } }
        val threadPrefix = "openai-testkit-$port"
        served = when (listening) {
            is Listening.Blocking -> BlockingTransport(listening.socket, exchange, threadPrefix) { connectionCount.incrementAndGet() }
            is Listening.Nio -> NioTransport(listening.channel, exchange, threadPrefix) { connectionCount.incrementAndGet() }
        }
    }

    private fun record(request: HttpRequest, connectionId: Int): RecordedRequest {
        val headers = LinkedHashMap<String, MutableList<String>>()
        request.headers.forEach { (name, value) -> headers.getOrPut(name.lowercase()) { mutableListOf() } += value }
        val target = request.target.let { if (it.startsWith("http://") || it.startsWith("https://")) "/" + it.substringAfter("://").substringAfter('/', "") else it }
        val recordedRequest = RecordedRequest(
            method = request.method.uppercase(),
            path = target.substringBefore('?'),
            query = if (target.contains('?')) target.substringAfter('?') else null,
            headers = headers,
            body = request.body,
            parts = parseMultipart(request.header("content-type"), request.body),
            connectionId = connectionId,
        )
        requestTotal.incrementAndGet()
        if (maxRecordedRequests > 0) {
            synchronized(recordedLock) {
                if (recorded.size >= maxRecordedRequests) recorded.removeFirst()
                recorded.addLast(recordedRequest)
            }
        }
        return recordedRequest
    }

    /**
     * Queues [responses] for [path], answered in order (FIFO) to the next requests on it; when the queue is empty,
     * the endpoint's default behaviour answers again. [path] is relative to `/v1` (`"chat/completions"`), may name
     * a method (`"POST threads/{id}/runs"`), and may use `*` or `{name}` for one segment of any value; when
     * several queues match, the most specific answers (a concrete path before a pattern, one with a method before
     * one without). Scripts work on any path, also ones the server does not
     * implement by default.
     *
     * @return this server, for chaining.
     */
    public fun enqueue(path: String, vararg responses: Scripted): OpenAITestServer {
        require(responses.isNotEmpty()) { "Nothing to enqueue" }
        scripts.add(path, responses.toList())
        return this
    }

    /** Queues [responses] as in the vararg [enqueue]. */
    public fun enqueue(path: String, responses: List<Scripted>): OpenAITestServer = enqueue(path, *responses.toTypedArray())

    /** How many scripted answers are still queued under exactly [path] (as it was given to [enqueue]). */
    public fun pending(path: String): Int = scripts.pending(path)

    /** How many scripted answers are still queued in total. */
    public val pendingTotal: Int get() = scripts.pendingTotal()

    /** Drops every queued script. */
    public fun clearScripts() {
        scripts.clear()
    }

    /**
     * Every request received so far, in arrival order (only the last [maxRecordedRequests] when the server was
     * started with a limit).
     */
    public val requests: List<RecordedRequest> get() = synchronized(recordedLock) { recorded.toList() }

    /** How many requests the server has received since it started, recorded or not ([clearRequests] keeps it). */
    public val requestCount: Long get() = requestTotal.get()

    /**
     * The requests whose path matches [path], in arrival order. [path] is written as for [enqueue]: relative to
     * `/v1`, optionally with a method and wildcards (`"GET files/{id}"`).
     */
    public fun requests(path: String): List<RecordedRequest> {
        val pattern = PathPattern.parse(path)
        return requests.filter { pattern.matches(it.method, PathPattern.segmentsOf(it.path)) }
    }

    /** Forgets the recorded requests. */
    public fun clearRequests() {
        synchronized(recordedLock) { recorded.clear() }
    }

    /**
     * How many times a client closed (or reset) its connection before the server finished writing an answer:
     * a cancelled stream, a client timeout during a stall, a hang-up while a delayed answer waited.
     */
    public val disconnects: Int get() = disconnectCount.value

    /** How many connections clients have opened so far (a reused keep-alive connection counts once). */
    public val connections: Int get() = connectionCount.get()

    /**
     * Connections open right now: accepted and not yet closed by either side (a keep-alive connection stays open
     * between requests). For leak checks and load tests.
     */
    public val openConnections: Int get() = served.openConnections

    /**
     * The server's own threads that are alive right now (all named `openai-testkit-<port>-...`): on
     * [ServerTransport.BLOCKING] one accepting and two per open connection (plus idle pooled ones, for up to a
     * minute); on [ServerTransport.NIO] two in all.
     */
    public val serverThreads: Int get() = served.liveThreads

    /**
     * Suspends until [disconnects] reaches [count] or [timeout] passes.
     *
     * @return whether the count was reached.
     */
    public suspend fun awaitDisconnects(count: Int, timeout: Duration): Boolean =
        withTimeoutOrNull(timeout) { disconnectCount.first { it >= count } } != null

    /**
     * Blocks until [disconnects] reaches [count] or [timeout] passes (for Java and blocking tests).
     *
     * @return whether the count was reached.
     */
    public fun awaitDisconnects(count: Int, timeout: java.time.Duration): Boolean {
        val deadline = System.nanoTime() + timeout.toNanos()
        synchronized(disconnectLock) {
            while (disconnectCount.value < count) {
                val left = deadline - System.nanoTime()
                if (left <= 0) return false
                TimeUnit.NANOSECONDS.timedWait(disconnectLock, left)
            }
        }
        return true
    }

    /** Adds a model to `GET /v1/models` (and makes `GET /v1/models/{id}` find it). */
    @JvmOverloads
    public fun addModel(id: String, ownedBy: String = "testkit"): OpenAITestServer {
        synchronized(state) { state.addModel(id, ownedBy) }
        return this
    }

    /** Stops listening, closes every open connection and stops the server's threads. Idempotent. */
    override fun close() {
        if (closed) return
        closed = true
        served.close()
    }

    /** Whether [close] has been called. */
    public val isClosed: Boolean get() = closed

    override fun toString(): String = "OpenAITestServer($baseUrl)"

    /** Starts servers. */
    public companion object {
        /**
         * Starts a server on [host] and [port] (0, the default, picks a free port) and returns it listening.
         *
         * @param transport how connections are served: [ServerTransport.BLOCKING] (thread per connection, the
         *   default unless the system property [ServerTransport.PROPERTY] says otherwise) or [ServerTransport.NIO]
         *   (two threads for any number of connections, for load tests).
         * @param maxRecordedRequests how many requests [requests] keeps, the most recent ones (each holds its body
         *   and, once looked at, its parsed JSON); 0 keeps none. [requestCount] counts every request either way.
         * @throws IOException when the address cannot be bound (for example, the port is taken).
         */
        @JvmStatic
        @JvmOverloads
        public fun start(
            port: Int = 0,
            host: String = "127.0.0.1",
            transport: ServerTransport = ServerTransport.configuredDefault(),
            maxRecordedRequests: Int = Int.MAX_VALUE,
        ): OpenAITestServer {
            require(port in 0..65535) { "Not a port: $port" }
            require(maxRecordedRequests >= 0) { "maxRecordedRequests cannot be negative" }
            val address = InetSocketAddress(InetAddress.getByName(host), port)
            val listening = when (transport) {
                ServerTransport.BLOCKING -> {
                    val socket = ServerSocket()
                    try {
                        socket.reuseAddress = true
                        socket.bind(address, BACKLOG)
                    } catch (e: IOException) {
                        socket.close()
                        throw e
                    }
                    Listening.Blocking(socket)
                }
                ServerTransport.NIO -> {
                    val channel = ServerSocketChannel.open()
                    try {
                        channel.setOption(StandardSocketOptions.SO_REUSEADDR, true)
                        channel.bind(address, NIO_BACKLOG)
                    } catch (e: IOException) {
                        channel.close()
                        throw e
                    }
                    Listening.Nio(channel)
                }
            }
            return OpenAITestServer(listening, transport, maxRecordedRequests)
        }

        private const val BACKLOG = 128

        // Thousands of clients connect at once in a load test; the kernel caps this at net.core.somaxconn.
        private const val NIO_BACKLOG = 4096
    }
}

/** A bound listening socket, before the transport serving it starts. */
internal sealed class Listening {
    abstract val address: InetSocketAddress

    class Blocking(val socket: ServerSocket) : Listening() {
        override val address: InetSocketAddress get() = socket.localSocketAddress as InetSocketAddress
    }

    class Nio(val channel: ServerSocketChannel) : Listening() {
        override val address: InetSocketAddress get() = channel.localAddress as InetSocketAddress
    }
}
