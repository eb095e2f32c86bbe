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
import java.net.SocketTimeoutException
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration
import javax.net.ssl.SSLContext
import kotlin.coroutines.CoroutineContext
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.launch

/** Creates [JdkEngine]s; a client built from a factory closes its engine with itself. */
internal object JdkEngineFactory : io.ktor.client.engine.HttpClientEngineFactory<JdkEngineConfig> {
    override fun create(block: JdkEngineConfig.() -> Unit): io.ktor.client.engine.HttpClientEngine = JdkEngine(JdkEngineConfig().apply(block))
}

/** Settings of [JdkEngine]. */
internal class JdkEngineConfig : HttpClientEngineConfig() {
    /**
     * HTTP/1.1, over TLS too: java.net.http's HTTP/2 (JDK 17) fails calls beyond a server's limit on concurrent
     * streams instead of opening another connection, and its h2c upgrade breaks some local servers (see Transport).
     */
    var version: HttpClient.Version = HttpClient.Version.HTTP_1_1
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
