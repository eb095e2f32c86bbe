package dev.openai4k.reliability

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory
import org.eclipse.jetty.http.HttpHeader
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory
import org.eclipse.jetty.io.Connection
import org.eclipse.jetty.io.Content
import org.eclipse.jetty.io.ssl.SslConnection
import org.eclipse.jetty.server.Handler
import org.eclipse.jetty.server.HttpConfiguration
import org.eclipse.jetty.server.HttpConnectionFactory
import org.eclipse.jetty.server.Request
import org.eclipse.jetty.server.Response
import org.eclipse.jetty.server.SecureRequestCustomizer
import org.eclipse.jetty.server.Server
import org.eclipse.jetty.server.ServerConnector
import org.eclipse.jetty.server.SslConnectionFactory
import org.eclipse.jetty.util.Callback
import org.eclipse.jetty.util.ssl.SslContextFactory
import org.eclipse.jetty.util.thread.QueuedThreadPool
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler
import java.io.File
import java.nio.ByteBuffer
import java.security.KeyStore
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made with the JDK's keytool when first asked for (about a
 * second) and kept in target/ for the rest of the JVM.
 */
object TestCertificate {
    const val PASSWORD = "changeit"

    val keyStore: KeyStore by lazy {
        val file = File("target/reliability-tls.p12").apply {
            parentFile.mkdirs()
            delete()
        }
        val keytool = File(System.getProperty("java.home"), "bin/keytool").path
        val p = ProcessBuilder(
            keytool, "-genkeypair", "-alias", "test", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
            "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
            "-keystore", file.path, "-storepass", PASSWORD, "-keypass", PASSWORD,
        ).redirectErrorStream(true).start()
        check(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) { "keytool failed: " + p.inputStream.bufferedReader().readText() }
        KeyStore.getInstance("PKCS12").apply { file.inputStream().use { load(it, PASSWORD.toCharArray()) } }
    }

    /** A client TLS context that trusts this certificate (and nothing else), for clients built outside the SDK. */
    val trustingContext: javax.net.ssl.SSLContext by lazy {
        val trust = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm()).apply {
            init(KeyStore.getInstance("PKCS12").apply {
                load(null, null)
                setCertificateEntry("test", keyStore.getCertificate("test"))
            })
        }
        javax.net.ssl.SSLContext.getInstance("TLS").apply { init(null, trust.trustManagers, null) }
    }
}

/**
 * An HTTPS server on 127.0.0.1 (Jetty 12) offering HTTP/2 and HTTP/1.1 by ALPN (HTTP/1.1 for a client that sends no
 * ALPN, such as CIO), with at most [maxConcurrentStreams] concurrent streams per HTTP/2 connection, as nginx's
 * `http2_max_concurrent_streams 128` does. `POST /v1/chat/completions` echoes the last user message: as a JSON
 * completion, or with `"stream": true` as an SSE stream of one `chat.completion.chunk` per word, [chunkDelayMillis]
 * apart (so that streams overlap), then `data: [DONE]`. Everything is non-blocking: a few server threads serve any
 * number of streams.
 */
class TlsH2Server(
    val maxConcurrentStreams: Int = 128,
    private val chunkDelayMillis: Long = 10,
) : AutoCloseable {
    /** Requests answered or being answered. */
    val requests = AtomicLong()

    /** TLS connections accepted, and the most open at once. */
    val connections = AtomicInteger()
    private val openNow = AtomicInteger()
    val peakOpenConnections = AtomicInteger()

    /** Requests being answered now, and the most at once. */
    private val inFlight = AtomicInteger()
    val peakInFlight = AtomicInteger()

    /** Requests per protocol ("HTTP/2.0", "HTTP/1.1"). */
    private val protocols = ConcurrentHashMap<String, AtomicLong>()

    /** Starts the peaks anew from what is open now. */
    fun resetPeaks() {
        peakOpenConnections.set(openNow.get())
        peakInFlight.set(inFlight.get())
    }

    /** Requests per protocol so far. */
    fun protocols(): Map<String, Long> = protocols.mapValues { it.value.get() }.toSortedMap()

    /** Requests per protocol since [before] (an earlier [protocols]). */
    fun protocolsSince(before: Map<String, Long>): Map<String, Long> =
        protocols().mapValues { (k, v) -> v - (before[k] ?: 0) }.filterValues { it > 0 }

    private val threads = QueuedThreadPool(64, 4).apply { name = THREAD_PREFIX.removeSuffix("-") }
    private val server = Server(threads, ScheduledExecutorScheduler("${THREAD_PREFIX}scheduler", true), null)
    private val connector: ServerConnector

    init {
        val tls = SslContextFactory.Server().apply {
            keyStore = TestCertificate.keyStore
            keyStorePassword = TestCertificate.PASSWORD
            keyManagerPassword = TestCertificate.PASSWORD
        }
        val http = HttpConfiguration().apply {
            // No SNI for an IP address: nothing to check against.
            addCustomizer(SecureRequestCustomizer().apply { isSniHostCheck = false })
        }
        val h1 = HttpConnectionFactory(http)
        val h2 = HTTP2ServerConnectionFactory(http).apply { maxConcurrentStreams = this@TlsH2Server.maxConcurrentStreams }
        val alpn = ALPNServerConnectionFactory("h2", "http/1.1").apply { defaultProtocol = h1.protocol }
        connector = ServerConnector(server, 1, 1, SslConnectionFactory(tls, alpn.protocol), alpn, h2, h1).apply {
            host = "127.0.0.1"
            port = 0
            // A burst of a thousand connections must not overflow the accept queue (a dropped SYN costs a 1 s retry).
            acceptQueueSize = 2048
            idleTimeout = 60_000
            addBean(object : Connection.Listener {
                override fun onOpened(connection: Connection) {
                    if (connection !is SslConnection) return
                    connections.incrementAndGet()
                    peakOpenConnections.accumulateAndGet(openNow.incrementAndGet(), ::maxOf)
                }

                override fun onClosed(connection: Connection) {
                    if (connection is SslConnection) openNow.decrementAndGet()
                }
            })
        }
        server.addConnector(connector)
        server.handler = ChatHandler()
        server.start()
    }

    val port: Int get() = connector.localPort
    val baseUrl: String get() = "https://127.0.0.1:$port/v1"

    /** TLS connections open now. */
    val openConnections: Int get() = openNow.get()

    /** Live threads of this server's pool. */
    val serverThreads: Int get() = threads.threads

    override fun close() {
        server.stop()
    }

    private inner class ChatHandler : Handler.Abstract() {
        override fun handle(request: Request, response: Response, callback: Callback): Boolean {
            if (request.method != "POST" || request.httpURI.path != "/v1/chat/completions") {
                Response.writeError(request, response, callback, 404)
                return true
            }
            requests.incrementAndGet()
            protocols.computeIfAbsent(request.connectionMetaData.protocol) { AtomicLong() }.incrementAndGet()
            peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), ::maxOf)
            val done = Callback.from({ inFlight.decrementAndGet(); callback.succeeded() }, { inFlight.decrementAndGet(); callback.failed(it) })
            Content.Source.asStringAsync(request, Charsets.UTF_8).whenComplete { body, failure ->
                if (failure != null) {
                    done.failed(failure)
                    return@whenComplete
                }
                val json = Json.parseToJsonElement(body).jsonObject
                val text = json["messages"]!!.jsonArray.last().jsonObject["content"]!!.jsonPrimitive.content
                if (json["stream"]?.jsonPrimitive?.content == "true") stream(request, response, text, done) else complete(response, text, done)
            }
            return true
        }

        private fun complete(response: Response, text: String, done: Callback) {
            val body = """{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini","choices":[""" +
                """{"index":0,"message":{"role":"assistant","content":${JsonPrimitive(text)}},"finish_reason":"stop"}],""" +
                """"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}"""
            val bytes = body.encodeToByteArray()
            response.status = 200
            response.headers.put(HttpHeader.CONTENT_TYPE, "application/json")
            response.headers.put(HttpHeader.CONTENT_LENGTH, bytes.size.toLong())
            response.write(true, ByteBuffer.wrap(bytes), done)
        }

        private fun stream(request: Request, response: Response, text: String, done: Callback) {
            response.status = 200
            response.headers.put(HttpHeader.CONTENT_TYPE, "text/event-stream")
            response.headers.put(HttpHeader.CACHE_CONTROL, "no-cache")
            val words = text.split(" ")
            val events = words.mapIndexed { i, w -> chunk(if (i == 0) w else " $w", null) } + chunk("", "stop")
            val scheduler = request.components.scheduler
            fun send(i: Int) {
                if (i == events.size) {
                    response.write(true, ByteBuffer.wrap("data: [DONE]\n\n".encodeToByteArray()), done)
                    return
                }
                val next = Callback.from({ scheduler.schedule({ send(i + 1) }, chunkDelayMillis, TimeUnit.MILLISECONDS) }, done::failed)
                response.write(false, ByteBuffer.wrap("data: ${events[i]}\n\n".encodeToByteArray()), next)
            }
            send(0)
        }

        private fun chunk(content: String, finish: String?): String =
            JsonObject(
                mapOf(
                    "id" to JsonPrimitive("chatcmpl-1"),
                    "object" to JsonPrimitive("chat.completion.chunk"),
                    "created" to JsonPrimitive(1),
                    "model" to JsonPrimitive("gpt-4o-mini"),
                    "choices" to Json.parseToJsonElement(
                        """[{"index":0,"delta":{"content":${JsonPrimitive(content)}},"finish_reason":${finish?.let { "\"$it\"" } ?: "null"}}]""",
                    ),
                ),
            ).toString()
    }

    companion object {
        /** The name prefix of this server's threads (to tell them from the client's). */
        const val THREAD_PREFIX = "tls-h2-server-"
    }
}
