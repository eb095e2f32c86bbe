package dev.openai4k.reliability

import dev.openai4k.HttpEngine
import dev.openai4k.OpenAI
import dev.openai4k.chat.chat
import io.kotest.core.spec.style.FunSpec
import io.ktor.client.engine.HttpClientEngine
import io.ktor.client.engine.HttpClientEngineConfig
import io.ktor.client.engine.HttpClientEngineFactory
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import java.io.File
import java.net.http.HttpClient.Version
import java.util.concurrent.atomic.AtomicLong
import javax.net.ssl.SSLContext
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

private val measuring = System.getProperty("reliability.measureTls") == "true"

/**
 * A JAVA engine (core's internal `JdkEngine`) forced to [version]: the way to compare HTTP/2 with HTTP/1.1 over TLS
 * within one run, since the transport picks one. Reflection, because the engine is internal to openai-core.
 */
@Suppress("UNCHECKED_CAST")
private fun jdkEngine(version: Version, maxConnections: Int): HttpClientEngine {
    val factory = Class.forName("dev.openai4k.internal.JdkEngineFactory").getField("INSTANCE").get(null)
        as HttpClientEngineFactory<HttpClientEngineConfig>
    val ssl = TestCertificate.trustingContext
    return factory.create {
        javaClass.getMethod("setVersion", Version::class.java).invoke(this, version)
        javaClass.getMethod("setMaxConnections", Int::class.javaPrimitiveType).invoke(this, maxConnections)
        javaClass.getMethod("setConnectTimeout", java.time.Duration::class.java).invoke(this, java.time.Duration.ofMinutes(2))
        javaClass.getMethod("setSslContext", SSLContext::class.java).invoke(this, ssl)
        dispatcher = Dispatchers.Unconfined // as the transport sets it
    }
}

/** A client like [tlsClient] but over [engine] (null: the transport's own choice for [HttpEngine.JAVA]). */
private fun measureClient(server: TlsH2Server, engine: HttpClientEngine?): OpenAI = client(server.baseUrl, HttpEngine.JAVA) {
    timeout = 2.minutes
    streamIdleTimeout = 2.minutes
    connectTimeout = 2.minutes
    dangerouslyDisableTlsVerification = true
    this.engine = engine
}

/** [concurrency] workers calling chat.create back to back for [seconds]: requests per second. */
private suspend fun throughput(client: OpenAI, concurrency: Int, seconds: Int): Pair<Long, Long> {
    val done = AtomicLong()
    val failed = AtomicLong()
    val until = System.nanoTime() + seconds * 1_000_000_000L
    withContext(Dispatchers.Default) {
        coroutineScope {
            repeat(concurrency) { w ->
                launch {
                    var i = 0
                    while (System.nanoTime() < until && i < 1_000_000) {
                        val text = "w$w call ${i++}"
                        val ok = runCatching { client.chat.create(ask(text)).choices.single().message.content == text }.getOrDefault(false)
                        if (ok) done.incrementAndGet() else failed.incrementAndGet()
                    }
                }
            }
        }
    }
    return done.get() to failed.get()
}

/**
 * Measurements behind the JAVA engine's protocol over TLS (issue 24, item 0), not a test: runs only with
 * `-Dreliability.measureTls=true`, e.g.
 *
 *     ./mvnw -B -o -pl openai-reliability-tests -am test -Dtest=TlsProtocolMeasure -Dsurefire.failIfNoSpecifiedTests=false -Dreliability.measureTls=true
 *
 * Against [TlsH2Server] (128 streams per HTTP/2 connection): HTTP/2 and HTTP/1.1 alternated (A B A B) so that a
 * change in the machine's load hits both, for 64 concurrent non-streaming calls (req/s over a 10 s window after a
 * 5 s warm-up) and for 1,000 concurrent streams x 4 rounds (failures, wall time, client threads, connections).
 * Figures go to target/tls-measure.txt.
 */
class TlsProtocolMeasure : FunSpec({
    val variants = listOf("h2" to Version.HTTP_2, "http1.1" to Version.HTTP_1_1)
    val calls = System.getProperty("reliability.measureCalls")?.toInt() ?: 64
    val window = System.getProperty("reliability.measureSeconds")?.toInt() ?: 10
    val streams = System.getProperty("reliability.measureStreams")?.toInt() ?: 1_000
    val repeats = System.getProperty("reliability.measureRepeats")?.toInt() ?: 2

    test("measure").config(enabled = measuring) {
        val out = java.io.PrintStream(java.io.FileOutputStream(File("target/tls-measure.txt"), true), true)
        fun report(line: String) {
            println(line)
            out.println(line)
        }
        val server = TlsH2Server(maxConcurrentStreams = 128)
        report("--- ${java.time.LocalDateTime.now()} load average ${File("/proc/loadavg").readText().trim()}")
        for (rep in 1..repeats) for ((name, version) in variants) {
            val engine = jdkEngine(version, 4096)
            try {
                measureClient(server, engine).use { client ->
                    val c0 = server.connections.get()
                    throughput(client, calls, 5) // warm-up
                    val (ok, failed) = throughput(client, calls, window)
                    report(
                        "rep=$rep $name $calls concurrent create: ${ok / window} req/s ok=$ok failed=$failed " +
                            "connections=${server.connections.get() - c0} load=${File("/proc/loadavg").readText().substringBefore(" ")}",
                    )
                }
            } finally {
                engine.close()
            }
            val engine2 = jdkEngine(version, 4096)
            try {
                measureClient(server, engine2).use { client ->
                    val c0 = server.connections.get()
                    val p0 = server.protocols()
                    server.resetPeaks()
                    val r = burst(client, streams, 4, stream = true, bound = 3.minutes)
                    report(
                        "rep=$rep $name streams $r connections=${server.connections.get() - c0} " +
                            "peakOpen=${server.peakOpenConnections.get()} protocols=${server.protocolsSince(p0)} " +
                            "load=${File("/proc/loadavg").readText().substringBefore(" ")}",
                    )
                }
            } finally {
                engine2.close()
            }
            kotlinx.coroutines.delay(2.seconds)
        }
        server.close()
    }
})
