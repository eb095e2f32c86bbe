package dev.openai4k.reliability

import dev.openai4k.HttpEngine
import dev.openai4k.OpenAI
import dev.openai4k.chat.accumulate
import dev.openai4k.chat.chat
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
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
 * cancelled and counted as unfinished). Nothing is retried by the caller.
 */
suspend fun burst(client: OpenAI, n: Int, rounds: Int, stream: Boolean, bound: Duration): Burst {
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

/** A client of [server] for a burst: long limits (the test bounds each round itself), no retries, the test's certificate trusted. */
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
 * must not fail a burst of more concurrent calls than that. `-Dreliability.tlsStreams=N -Dreliability.tlsRounds=R`
 * change the size (default 1,000 x 4).
 */
class Http2TlsTest : FunSpec({
    val server = TlsH2Server(maxConcurrentStreams = 128)
    afterSpec { server.close() }

    for (engine in listOf(HttpEngine.JAVA, HttpEngine.CIO)) context("engine $engine") {
        test("$tlsStreams concurrent streams x $tlsRounds rounds over TLS, server limit 128 streams per HTTP/2 connection: none fails") {
            val requests0 = server.requests.get()
            val protocols0 = server.protocols()
            server.resetPeaks()
            val connections0 = server.connections.get()
            val result = tlsClient(server, engine).use { burst(it, tlsStreams, tlsRounds, stream = true, bound = 2.minutes) }
            val seen = "$result serverRequests=${server.requests.get() - requests0} " +
                "serverConnections=${server.connections.get() - connections0} peakOpen=${server.peakOpenConnections.get()} " +
                "peakInFlight=${server.peakInFlight.get()} protocols=${server.protocolsSince(protocols0)}"
            tlsFigure("tls streams engine=$engine $seen")
            withClue(seen) {
                result.failed shouldBe 0
                result.unfinished shouldBe 0
                result.wrong shouldBe 0
                result.exact shouldBe tlsStreams * tlsRounds
                server.requests.get() - requests0 shouldBe (tlsStreams * tlsRounds).toLong()
            }
        }

        test("$tlsStreams concurrent non-streaming calls x 2 rounds over TLS, same server: none fails") {
            val requests0 = server.requests.get()
            val protocols0 = server.protocols()
            server.resetPeaks()
            val result = tlsClient(server, engine).use { burst(it, tlsStreams, 2, stream = false, bound = 2.minutes) }
            val seen = "$result serverRequests=${server.requests.get() - requests0} peakInFlight=${server.peakInFlight.get()} protocols=${server.protocolsSince(protocols0)}"
            tlsFigure("tls create engine=$engine $seen")
            withClue(seen) {
                result.failed shouldBe 0
                result.unfinished shouldBe 0
                result.exact shouldBe tlsStreams * 2
                server.requests.get() - requests0 shouldBe (tlsStreams * 2).toLong()
            }
        }
    }
})
