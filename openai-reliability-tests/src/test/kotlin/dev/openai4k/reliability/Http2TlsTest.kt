package dev.openai4k.reliability

import dev.openai4k.HttpEngine
import dev.openai4k.OpenAI
import dev.openai4k.chat.accumulate
import dev.openai4k.chat.chat
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeoutOrNull
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicReferenceArray
import kotlin.time.Duration
import kotlin.time.Duration.Companion.minutes

private val tlsStreams = System.getProperty("reliability.tlsStreams")?.toInt() ?: 1_000
private val tlsRounds = System.getProperty("reliability.tlsRounds")?.toInt() ?: 4

/** CIO speaks HTTP/1.1 only and pays a TLS handshake per POST: two rounds show it holds, at half the CI time. */
private val tlsRoundsCio = System.getProperty("reliability.tlsRounds")?.toInt() ?: 2

/** What [burst] saw over all its rounds. */
class Burst(
    val n: Int,
    val rounds: Int,
    val exact: Int,
    val wrong: Int,
    val failed: Int,
    val unfinished: Int,
    val millis: Long,
    val roundMillis: List<Long>,
    val clientThreadsBefore: Int,
    val peakClientThreads: Int,
    val errorKinds: String,
) {
    override fun toString(): String =
        "n=$n x $rounds rounds: exact=$exact wrong=$wrong failed=$failed unfinished=$unfinished time=${millis}ms " +
            "rounds=${roundMillis.joinToString("/")}ms clientThreads=$clientThreadsBefore->peak $peakClientThreads" +
            if (errorKinds.isEmpty()) "" else " errors=[$errorKinds]"
}

/** Prints [line] and appends it to target/tls-figures.txt. */
fun tlsFigure(line: String) {
    println(line)
    java.io.File("target/tls-figures.txt").apply { parentFile.mkdirs() }.appendText(line + "\n")
}

/** Live threads of this JVM that are not [TlsH2Server]'s. */
fun clientThreads(): Int = Thread.getAllStackTraces().keys.count { !it.name.startsWith(TlsH2Server.THREAD_PREFIX) }

/**
 * [rounds] rounds of [n] concurrent calls (streams accumulated, or plain completions) through one client, each
 * answer checked against the text it sent; all rounds together bounded by [bound] (what is still running then is
 * cancelled and counted as unfinished). Nothing is retried by the caller. [sample] runs every 50 ms meanwhile.
 */
suspend fun burst(client: OpenAI, n: Int, rounds: Int, stream: Boolean, bound: Duration, sample: () -> Unit = {}): Burst {
    var exact = 0
    var wrong = 0
    val failures = ArrayList<Throwable>()
    var unfinished = 0
    val roundMillis = ArrayList<Long>()
    val threadsBefore = clientThreads()
    val peakThreads = AtomicInteger(threadsBefore)
    val started = System.nanoTime()
    withContext(Dispatchers.Default) {
        coroutineScope {
            val sampler = launch {
                while (true) {
                    peakThreads.accumulateAndGet(clientThreads(), ::maxOf)
                    sample()
                    delay(50)
                }
            }
            for (round in 0 until rounds) {
                val outcomes = AtomicReferenceArray<Result<String?>>(n)
                val roundStarted = System.nanoTime()
                val jobs: List<Job> = (0 until n).map { i ->
                    launch {
                        outcomes.set(
                            i,
                            runCatching {
                                val request = ask(burstText(round, i))
                                if (stream) {
                                    client.chat.stream(request).accumulate().choices.single().message.content
                                } else {
                                    client.chat.create(request).choices.single().message.content
                                }
                            },
                        )
                    }
                }
                val left = bound.inWholeMilliseconds - (System.nanoTime() - started) / 1_000_000
                val inTime = withTimeoutOrNull(left.coerceAtLeast(1)) { jobs.joinAll() } != null
                jobs.forEach { it.cancelAndJoin() }
                roundMillis += (System.nanoTime() - roundStarted) / 1_000_000
                for (i in 0 until n) {
                    val r = outcomes.get(i)
                    when {
                        r == null || r.exceptionOrNull() is kotlinx.coroutines.CancellationException -> unfinished++
                        r.isFailure -> failures += r.exceptionOrNull()!!
                        r.getOrNull() == burstText(round, i) -> exact++
                        else -> wrong++
                    }
                }
                if (!inTime) break
            }
            sampler.cancel()
        }
    }
    val errorKinds = failures.groupingBy { "${it::class.simpleName}: ${it.message?.take(160)}" }.eachCount()
        .entries.sortedByDescending { it.value }.take(3).joinToString("; ") { "${it.value} x ${it.key}" }
    return Burst(
        n, rounds, exact, wrong, failures.size, unfinished, (System.nanoTime() - started) / 1_000_000, roundMillis,
        threadsBefore, peakThreads.get(), errorKinds,
    )
}

private fun burstText(round: Int, i: Int) = "round $round stream $i says hello to everyone"

/** A client of [server] for a burst: long limits (the burst has its own bound), no retries, the test's certificate trusted. */
fun tlsClient(server: TlsH2Server, engine: HttpEngine): OpenAI = client(server.baseUrl, engine) {
    timeout = 2.minutes
    streamIdleTimeout = 2.minutes
    connectTimeout = 2.minutes
    // The only way to trust one self-signed certificate without new API; the path under test (HTTP version, ALPN,
    // connection pool) is the same as with verification on.
    dangerouslyDisableTlsVerification = true
}

/**
 * Issue 24, item 0: over TLS a server that limits concurrent streams per HTTP/2 connection (nginx's default 128)
 * must not fail a burst of more concurrent calls than that. Per engine one client carries 1,000 concurrent streams x 4 (CIO: 2)
 * rounds, then 1,000 concurrent non-streaming calls (on the connections the streams left, where the engine keeps
 * them). `-Dreliability.tlsStreams=N -Dreliability.tlsRounds=R` change the size.
 */
class Http2TlsTest : FunSpec({
    val server = TlsH2Server(maxConcurrentStreams = 128)
    val clients = ArrayList<OpenAI>()
    afterSpec {
        clients.forEach { it.close() }
        server.close()
    }

    test("the server offers HTTP/2 by ALPN (so a client that takes it meets the stream limit)") {
        val http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_2)
            .sslContext(TestCertificate.trustingContext).build()
        val body = """{"model":"m","messages":[{"role":"user","content":"hi there"}]}"""
        val request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("${server.baseUrl}/chat/completions"))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build()
        val response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString())
        response.version() shouldBe java.net.http.HttpClient.Version.HTTP_2
        response.body() shouldContain "\"content\":\"hi there\""
    }

    for (engine in listOf(HttpEngine.JAVA, HttpEngine.CIO)) context("engine $engine") {
        val client by lazy { tlsClient(server, engine).also { clients += it } }
        val rounds = if (engine == HttpEngine.CIO) tlsRoundsCio else tlsRounds

        test("$tlsStreams concurrent streams x $rounds rounds over TLS, server limit 128 streams per HTTP/2 connection: none fails") {
            val requests0 = server.requests.get()
            val protocols0 = server.protocols()
            server.resetPeaks()
            val connections0 = server.connections.get()
            val result = burst(client, tlsStreams, rounds, stream = true, bound = 2.minutes)
            val seen = "$result serverRequests=${server.requests.get() - requests0} " +
                "serverConnections=${server.connections.get() - connections0} peakOpen=${server.peakOpenConnections.get()} " +
                "peakInFlight=${server.peakInFlight.get()} protocols=${server.protocolsSince(protocols0)}"
            tlsFigure("tls streams engine=$engine $seen")
            withClue(seen) {
                result.failed shouldBe 0
                result.unfinished shouldBe 0
                result.wrong shouldBe 0
                result.exact shouldBe tlsStreams * rounds
                server.requests.get() - requests0 shouldBe (tlsStreams * rounds).toLong()
            }
        }

        test("$tlsStreams concurrent non-streaming calls over TLS, same server and client: none fails") {
            val requests0 = server.requests.get()
            val protocols0 = server.protocols()
            val connections0 = server.connections.get()
            server.resetPeaks()
            val result = burst(client, tlsStreams, 1, stream = false, bound = 2.minutes)
            val seen = "$result serverRequests=${server.requests.get() - requests0} " +
                "serverConnections=${server.connections.get() - connections0} peakInFlight=${server.peakInFlight.get()} " +
                "protocols=${server.protocolsSince(protocols0)}"
            tlsFigure("tls create engine=$engine $seen")
            withClue(seen) {
                result.failed shouldBe 0
                result.unfinished shouldBe 0
                result.wrong shouldBe 0
                result.exact shouldBe tlsStreams
                server.requests.get() - requests0 shouldBe tlsStreams.toLong()
            }
        }
    }
})
