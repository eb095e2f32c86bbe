package dev.openai4k.internal

import io.ktor.client.engine.HttpClientEngineBase
import io.ktor.client.engine.HttpClientEngineCapability
import io.ktor.client.engine.HttpClientEngineConfig
import io.ktor.client.engine.callContext
import io.ktor.client.engine.mergeHeaders
import io.ktor.client.plugins.HttpTimeoutCapability
import io.ktor.client.plugins.HttpTimeoutConfig
import io.ktor.client.request.HttpRequestData
import io.ktor.client.request.HttpResponseData
import io.ktor.http.HeadersImpl
import io.ktor.http.HttpProtocolVersion
import io.ktor.http.HttpStatusCode
import io.ktor.http.content.OutgoingContent
import io.ktor.util.date.GMTDate
import io.ktor.utils.io.ByteChannel
import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.InternalAPI
import io.ktor.utils.io.readAvailable
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeoutOrNull
import kotlinx.io.Buffer
import kotlinx.io.Source
import kotlinx.io.transferFrom
import java.net.SocketTimeoutException
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.ByteBuffer
import java.time.Duration
import java.util.concurrent.Flow
import java.util.concurrent.atomic.AtomicLong
import javax.net.ssl.SSLContext
import kotlin.coroutines.CoroutineContext

/** Creates [JdkEngine]s; a client built from a factory closes its engine with itself. */
internal object JdkEngineFactory : io.ktor.client.engine.HttpClientEngineFactory<JdkEngineConfig> {
    override fun create(block: JdkEngineConfig.() -> Unit): io.ktor.client.engine.HttpClientEngine = JdkEngine(JdkEngineConfig().apply(block))
}

/** Settings of [JdkEngine]. */
internal class JdkEngineConfig : HttpClientEngineConfig() {
    /** HTTP/1.1 for plain `http://` (java.net.http's h2c upgrade breaks some local servers), HTTP/2 over TLS. */
    var version: HttpClient.Version = HttpClient.Version.HTTP_2
    var connectTimeout: Duration = Duration.ofSeconds(10)
    /** Most exchanges in flight at once (so most connections open); more wait for a free slot. */
    var maxConnections: Int = 4096
    var sslContext: SSLContext? = null
    /** TLS settings for java.net.http; null asks [sslContext] for its defaults when the client is built. */
    var sslParameters: javax.net.ssl.SSLParameters? = null
}

/**
 * A Ktor engine over the JDK's `java.net.http` client, written for this SDK instead of using Ktor's Java engine, which
 * fails its body channel the moment the connection breaks and so drops body bytes that had arrived but were not yet
 * read (the events of a stream cut short). Here the body is handed over as a [SubscriberChannel]: everything that
 * arrived is readable first, then the failure is raised. It keeps connections alive for every method, applies
 * back-pressure (a few buffer lists in flight per response), and runs on java.net.http's selector
 * thread plus a 2-4 thread daemon pool per client ([ExchangeExecutor]).
 */
internal class JdkEngine(override val config: JdkEngineConfig) : HttpClientEngineBase("openai4k-jdk") {
    override val supportedCapabilities: Set<HttpClientEngineCapability<*>> = setOf(HttpTimeoutCapability)

    private val slots = kotlinx.coroutines.sync.Semaphore(config.maxConnections)

    private val executor = ExchangeExecutor(POOL_THREADS)

    init {
        hintThreadPerResponse()
    }

    /** Dropped on close, so that java.net.http's selector thread ends once in-flight work is done, even on JDK 17. */
    @Volatile
    private var client: HttpClient? = HttpClient.newBuilder()
        .version(config.version)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(config.connectTimeout)
        // A few threads of our own for java.net.http's tasks (its default is an unbounded cached pool).
        .executor(executor)
        .apply {
            config.sslContext?.let { sslContext(it) }
            config.sslParameters?.let { sslParameters(it) }
        }
        .build()

    @OptIn(InternalAPI::class)
    override suspend fun execute(data: HttpRequestData): HttpResponseData {
        val callContext = callContext()
        val requestTime = GMTDate()
        val timeouts = data.getCapabilityOrNull(HttpTimeoutCapability)
        val idleMillis = timeouts?.socketTimeoutMillis?.takeIf { it > 0 && it != HttpTimeoutConfig.INFINITE_TIMEOUT_MS } ?: 0L
        val request = HttpRequest.newBuilder(URI.create(data.url.toString())).apply {
            mergeHeaders(data.headers, data.body) { key, value ->
                if (key.lowercase() !in RESTRICTED_HEADERS) header(key, value)
            }
            method(data.method.value, publisherOf(data.body, callContext))
            // java.net.http applies this until the response headers arrive; the body has its own idle timeout below.
            // A backstop only: the client's own deadline and header watchdog fire first and say which limit was hit.
            if (idleMillis > 0) timeout(Duration.ofMillis(idleMillis + HEADER_TIMEOUT_SLACK_MS))
        }.build()

        val http = client ?: throw java.io.IOException("The HTTP engine was closed")
        // java.net.http has no connection limit of its own: each exchange holds a slot until its body ends or is dropped.
        slots.acquire()
        val body = SubscriberChannel(idleMillis) { slots.release() }
        // The headers are taken from the body handler, which java.net.http calls on its own thread the moment they
        // are parsed: the future sendAsync returns completes a thread hop later (on the common pool), a wake-up per call.
        val headersReady = kotlinx.coroutines.CompletableDeferred<HttpResponse.ResponseInfo>()
        val info: HttpResponse.ResponseInfo = try {
            val future = http.sendAsync(request) { info ->
                headersReady.complete(info)
                body
            }
            future.whenComplete { _, t ->
                if (t != null) headersReady.completeExceptionally((t as? java.util.concurrent.CompletionException)?.cause ?: t)
            }
            try {
                headersReady.await()
            } catch (e: CancellationException) {
                future.cancel(true)
                throw e
            }
        } catch (e: Throwable) {
            body.release()
            when (e) {
                is java.net.http.HttpConnectTimeoutException ->
                    throw io.ktor.client.network.sockets.ConnectTimeoutException("Connect timed out: ${data.url.host}:${data.url.port}", e)
                is java.net.http.HttpTimeoutException ->
                    throw SocketTimeoutException("No response headers within $idleMillis ms").apply { initCause(e) }
                else -> throw e
            }
        }
        callContext[Job]?.invokeOnCompletion { body.release() }

        val headers = LinkedHashMap<String, List<String>>()
        info.headers().map().forEach { (name, values) -> if (!name.startsWith(":")) headers[name] = values }
        val version = if (info.version() == HttpClient.Version.HTTP_2) HttpProtocolVersion.HTTP_2_0 else HttpProtocolVersion.HTTP_1_1
        return HttpResponseData(
            HttpStatusCode.fromValue(info.statusCode()), requestTime, HeadersImpl(headers), version, body, callContext,
        )
    }

    override fun close() {
        super.close()
        executor.shutdown()
        val http = client ?: return
        client = null
        if (!shutdownNow(http)) stopSelector(http)
    }

    private fun publisherOf(content: OutgoingContent, context: CoroutineContext): HttpRequest.BodyPublisher = when (content) {
        is OutgoingContent.NoContent -> HttpRequest.BodyPublishers.noBody()
        is OutgoingContent.ByteArrayContent -> HttpRequest.BodyPublishers.ofByteArray(content.bytes())
        is OutgoingContent.ReadChannelContent -> streamed(content.contentLength, context) { content.readFrom() }
        is OutgoingContent.WriteChannelContent -> streamed(content.contentLength, context) {
            val channel = ByteChannel()
            CoroutineScope(context + Dispatchers.IO).launch {
                try {
                    content.writeTo(channel)
                    channel.flushAndClose()
                } catch (e: Throwable) {
                    channel.cancel(e)
                }
            }
            channel
        }
        is OutgoingContent.ContentWrapper -> publisherOf(content.delegate(), context)
        is OutgoingContent.ProtocolUpgrade -> throw UnsupportedOperationException("Protocol upgrades are not supported")
    }

    private fun streamed(length: Long?, context: CoroutineContext, open: () -> ByteReadChannel): HttpRequest.BodyPublisher {
        val publisher = ChannelPublisher(context, open)
        return if (length != null && length >= 0) {
            HttpRequest.BodyPublishers.fromPublisher(publisher, length)
        } else {
            HttpRequest.BodyPublishers.fromPublisher(publisher)
        }
    }

    private companion object {
        private val hinted = java.util.concurrent.atomic.AtomicBoolean()

        /** JDK 21+: `HttpClient.shutdownNow()` closes every connection at once. False where it does not exist. */
        fun shutdownNow(http: HttpClient): Boolean {
            val method = try {
                HttpClient::class.java.getMethod("shutdownNow")
            } catch (_: NoSuchMethodException) {
                return false
            }
            method.invoke(http)
            return true
        }

        /**
         * JDK 17 to 20 have no way to close a client: its idle pooled connections stay open until java.net.http's
         * keep-alive timeout (1,200 s) or until a GC finds the client unreachable. Its selector thread, though, stops
         * when interrupted and closes every connection on its way out. The thread is named after the client's id,
         * which the client's `toString()` ends with; where either differs (another JDK build), nothing happens and
         * the connections close as before.
         */
        fun stopSelector(http: HttpClient) {
            val id = Regex("""\((\d+)\)$""").find(http.toString())?.groupValues?.get(1) ?: return
            val name = "HttpClient-$id-SelectorManager"
            var root = Thread.currentThread().threadGroup
            while (root.parent != null) root = root.parent
            var threads = arrayOfNulls<Thread>(root.activeCount() + 16)
            while (root.enumerate(threads, true) == threads.size) threads = arrayOfNulls(threads.size * 2)
            threads.firstOrNull { it?.name == name }?.interrupt()
        }

        /**
         * `HttpClient.sendAsync` completes every response future on `CompletableFuture`'s default executor, which is a
         * new thread per task when the common pool's parallelism is below 2 (machines with two or fewer CPUs): one
         * thread start per call, which openai-bench measured at a third of the throughput of 64 concurrent calls.
         */
        fun hintThreadPerResponse() {
            val parallelism = java.util.concurrent.ForkJoinPool.getCommonPoolParallelism()
            if (parallelism < 2 && hinted.compareAndSet(false, true)) {
                org.slf4j.LoggerFactory.getLogger("dev.openai4k.OpenAI").info(
                    "The common ForkJoinPool has parallelism {} here, so java.net.http starts a thread for every " +
                        "response; -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 avoids it (or use HttpEngine.CIO)",
                    parallelism,
                )
            }
        }

        const val HEADER_TIMEOUT_SLACK_MS = 500L
        val POOL_THREADS = Runtime.getRuntime().availableProcessors().coerceIn(2, 4)
        val RESTRICTED_HEADERS = setOf("connection", "content-length", "expect", "host", "upgrade")
    }
}

/**
 * A response body: java.net.http pushes buffer lists in (one at a time, on demand), coroutines read them out. A
 * failure is raised only once every byte that arrived before it has been read, so nothing received is lost.
 */
@OptIn(InternalAPI::class)
internal class SubscriberChannel(
    private val idleMillis: Long,
    private val onFinished: () -> Unit = {},
) : ByteReadChannel, HttpResponse.BodySubscriber<Unit> {
    private val finished = java.util.concurrent.atomic.AtomicBoolean()

    /** The exchange is over for java.net.http (body ended, failed or dropped): runs [onFinished] once. */
    private fun finish() {
        if (finished.compareAndSet(false, true)) onFinished()
    }

    private val queue = Channel<List<ByteBuffer>>(Channel.UNLIMITED)
    private val buffer = Buffer()
    private val subscription = java.util.concurrent.atomic.AtomicReference<Flow.Subscription?>()

    @Volatile private var ended = false

    /** Buffer lists requested from java.net.http and not yet received (touched by the reader only after onSubscribe). */
    private var granted = 0L

    @Volatile private var failure: Throwable? = null

    @Volatile private var cancelled: Throwable? = null

    // java.net.http side -------------------------------------------------------------------------------------------
    /**
     * Completes when the body ends, not when the headers arrive: java.net.http's `sendAsync` hands the completion of
     * its response future to `CompletableFuture`'s default executor, which on machines with two or fewer CPUs starts
     * a new thread per task. Completing it after the last byte keeps that thread start off the path of the answer.
     */
    private val done = java.util.concurrent.CompletableFuture<Unit>()

    override fun getBody(): java.util.concurrent.CompletionStage<Unit> = done

    override fun onSubscribe(s: Flow.Subscription) {
        if (!subscription.compareAndSet(null, s) || cancelled != null) {
            s.cancel()
            return
        }
        s.request(WINDOW)
        granted = WINDOW
    }

    override fun onNext(item: List<ByteBuffer>) {
        queue.trySend(item)
    }

    override fun onError(throwable: Throwable) {
        queue.close(throwable)
        finish()
        done.completeExceptionally(throwable)
    }

    override fun onComplete() {
        queue.close()
        finish()
        done.complete(Unit)
    }

    // coroutine side ------------------------------------------------------------------------------------------------
    override val closedCause: Throwable?
        get() = cancelled ?: failure

    /** True at a clean end once everything is read; a failed body stays open until its failure has been raised. */
    override val isClosedForRead: Boolean
        get() = cancelled != null || (ended && failure == null && buffer.exhausted())

    override val readBuffer: Source
        get() {
            cancelled?.let { throw it }
            return buffer
        }

    override suspend fun awaitContent(min: Int): Boolean {
        cancelled?.let { throw it }
        while (buffer.size < min) {
            if (ended) {
                val failed = failure
                if (failed != null && buffer.exhausted()) throw failed
                return false
            }
            val next = queue.tryReceive()
            val result = when {
                next.isSuccess || next.isClosed -> next
                idleMillis > 0 -> withTimeoutOrNull(idleMillis) { queue.receiveCatching() }
                    ?: throw SocketTimeoutException("No data received for $idleMillis ms")
                else -> queue.receiveCatching()
            }
            val item = result.getOrNull()
            if (item == null) {
                ended = true
                failure = result.exceptionOrNull()?.let { it as? java.io.IOException ?: java.io.IOException(it.message, it) }
                continue
            }
            for (b in item) buffer.transferFrom(b)
            // Ask for more in batches: every request() may wake java.net.http's selector thread.
            if (--granted <= WINDOW / 2) {
                granted += WINDOW / 2
                subscription.get()?.request(WINDOW / 2)
            }
        }
        return true
    }

    override fun cancel(cause: Throwable?) {
        if (cancelled != null) return
        cancelled = cause ?: CancellationException("The response body was cancelled")
        release()
    }

    /** Gives the connection back (closing it) when the body is abandoned before its end. */
    fun release() {
        if (!ended) subscription.getAndSet(NoSubscription)?.cancel()
        queue.cancel()
        finish()
        done.complete(Unit)
    }

    private companion object {
        /** Buffer lists java.net.http may hand over before they are read (each is one socket read, up to ~16 KiB). */
        const val WINDOW = 16L
    }

    private object NoSubscription : Flow.Subscription {
        override fun request(n: Long) {}
        override fun cancel() {}
    }
}

/**
 * A request body read from a [ByteReadChannel] and published to java.net.http as it asks for it, without blocking a
 * thread. Each subscription opens the content anew.
 */
private class ChannelPublisher(
    private val context: CoroutineContext,
    private val open: () -> ByteReadChannel,
) : Flow.Publisher<ByteBuffer> {
    override fun subscribe(subscriber: Flow.Subscriber<in ByteBuffer>) {
        val demand = AtomicLong()
        val wake = Channel<Unit>(Channel.CONFLATED)
        val job = CoroutineScope(context + Dispatchers.IO).launch(start = CoroutineStart.LAZY) {
            val source = open()
            try {
                while (true) {
                    while (demand.get() == 0L) wake.receive()
                    val chunk = ByteArray(CHUNK)
                    val n = source.readAvailable(chunk, 0, chunk.size)
                    if (n < 0) {
                        source.closedCause?.let { throw it }
                        break
                    }
                    if (n == 0) continue
                    demand.decrementAndGet()
                    subscriber.onNext(ByteBuffer.wrap(chunk, 0, n))
                }
                subscriber.onComplete()
            } catch (e: CancellationException) {
                source.cancel(e)
                throw e
            } catch (e: Throwable) {
                source.cancel(e)
                subscriber.onError(e)
            }
        }
        subscriber.onSubscribe(object : Flow.Subscription {
            override fun request(n: Long) {
                if (n <= 0) {
                    job.cancel()
                    subscriber.onError(IllegalArgumentException("Requested $n items (must be positive)"))
                    return
                }
                demand.getAndUpdate { d -> if (d + n < 0) Long.MAX_VALUE else d + n }
                wake.trySend(Unit)
            }

            override fun cancel() {
                job.cancel()
            }
        })
        job.start()
    }

    private companion object {
        const val CHUNK = 16 * 1024
    }
}
