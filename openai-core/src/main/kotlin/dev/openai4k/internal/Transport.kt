package dev.openai4k.internal

import dev.openai4k.HttpEngine
import dev.openai4k.OpenAIConfig
import io.ktor.client.HttpClient
import io.ktor.client.HttpClientConfig
import io.ktor.client.plugins.HttpTimeout
import org.slf4j.LoggerFactory
import java.security.SecureRandom
import java.security.cert.X509Certificate
import javax.net.ssl.SSLContext
import javax.net.ssl.X509TrustManager

/**
 * The shared HTTP machinery: one Ktor client (and so one connection pool) shared by a client and every client
 * derived from it with `withOptions`.
 */
internal class Transport(config: OpenAIConfig) : AutoCloseable {
    val http: HttpClient = config.engine.let { injected ->
        if (injected != null) {
            HttpClient(injected) { common() }
        } else if (config.httpEngine == HttpEngine.JAVA) {
            HttpClient(JdkEngineFactory) {
                engine {
                    // Requests go to the Azure endpoint when one is set, not to baseUrl.
                    val plain = (config.azure?.endpoint ?: config.baseUrl).startsWith("http://", ignoreCase = true)
                    // HTTP/1.1 over TLS too, as openai-python and openai-node: one pooled keep-alive connection per
                    // exchange in flight (java.net.http's pool, bounded by maxConnections). java.net.http's HTTP/2 on
                    // JDK 17 does not open another connection when one reaches the server's limit on concurrent
                    // streams: it fails the exchange ("too many concurrent streams"; nginx also refused streams with
                    // RST_STREAM "Stream not processed"). Against a server allowing 128 streams per connection it
                    // failed 1,855-3,480 of 4 x 1,000 concurrent streams (5 runs) where HTTP/1.1 failed none, and
                    // HTTP/1.1 was 1.0-1.9x as fast at 64 concurrent calls (issue 24; Http2TlsTest,
                    // TlsProtocolMeasure). On plain http:// HTTP/2 would also mean an h2c upgrade offer, which servers
                    // such as vLLM and LM Studio answer badly.
                    version = java.net.http.HttpClient.Version.HTTP_1_1
                    connectTimeout = java.time.Duration.ofMillis(config.connectTimeout.inWholeMilliseconds)
                    maxConnections = config.maxConnections
                    if (config.dangerouslyDisableTlsVerification) {
                        sslContext = trustAllContext()
                    } else if (plain) {
                        // TLS is set up only if a redirect ever leads to https://: a cold start 0.2 s shorter. Only with
                        // HTTP/1.1: the empty SSLParameters name no protocols, so java.net.http would not offer h2.
                        check(version == java.net.http.HttpClient.Version.HTTP_1_1)
                        sslContext = DeferredTls.context()
                        sslParameters = DeferredTls.parameters()
                    }
                    // The engine only hands work to java.net.http and resumes when it answers: no need to hop to a
                    // dispatcher thread first (each hop costs a thread wake-up per request).
                    dispatcher = kotlinx.coroutines.Dispatchers.Unconfined
                }
                common()
            }
        } else {
            CioClient.create(config) { common() }
        }
    }

    init {
        if (config.dangerouslyDisableTlsVerification) {
            LoggerFactory.getLogger("dev.openai4k.OpenAI")
                .warn("TLS certificate verification is DISABLED for {}: the connection can be intercepted", config.baseUrl)
        }
    }

    private fun HttpClientConfig<*>.common() {
        expectSuccess = false
        // Redirects are followed by the client itself so credentials never follow one to another host.
        followRedirects = false
        install(HttpTimeout)
    }

    override fun close() = http.close()
}

/** Accepts every certificate: only behind [OpenAIConfig.dangerouslyDisableTlsVerification]. */
private object TrustAll : X509TrustManager {
    override fun checkClientTrusted(chain: Array<out X509Certificate>?, authType: String?) {}
    override fun checkServerTrusted(chain: Array<out X509Certificate>?, authType: String?) {}
    override fun getAcceptedIssuers(): Array<X509Certificate> = emptyArray()
}

private fun trustAllContext(): SSLContext = SSLContext.getInstance("TLS").apply { init(null, arrayOf(TrustAll), SecureRandom()) }

/**
 * Ktor's CIO engine, kept in a class of its own so that nothing else touches CIO's classes: `ktor-client-cio-jvm` is an
 * optional dependency of openai-core, on the classpath only when the user adds it for [HttpEngine.CIO].
 */
private object CioClient {
    fun create(config: OpenAIConfig, common: HttpClientConfig<*>.() -> Unit): HttpClient {
        try {
            Class.forName("io.ktor.client.engine.cio.CIO", false, CioClient::class.java.classLoader)
        } catch (e: ClassNotFoundException) {
            throw IllegalStateException(
                "HttpEngine.CIO needs Ktor's CIO engine on the classpath: add io.ktor:ktor-client-cio-jvm " +
                    "(the version of ktor-client-core that openai-core brings), or use the default HttpEngine.JAVA",
                e,
            )
        }
        return HttpClient(io.ktor.client.engine.cio.CIO) {
            engine {
                // One connection per request, closed when the call ends (CIO's default, stated for CioInterimGuard):
                // a connection whose answer was left unread must never carry another request.
                pipelining = false
                // CIO's own 15 s request timeout would cut long calls and streams: our deadlines rule instead.
                requestTimeout = 0
                // A burst of concurrent streams must not queue behind CIO's default of 100 per route, since
                // its connect timeout also counts the wait for a free slot.
                maxConnectionsCount = config.maxConnections
                if (config.dangerouslyDisableTlsVerification) https { trustManager = TrustAll }
                endpoint.apply {
                    maxConnectionsPerRoute = config.maxConnections
                    connectTimeout = config.connectTimeout.inWholeMilliseconds
                    connectAttempts = 1
                    keepAliveTime = 30_000
                }
            }
            common()
            // CIO takes an interim 1xx response for the final one: fail such a call cleanly rather than report "100".
            install(CioInterimGuard)
        }
    }
}
