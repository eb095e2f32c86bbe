package dev.openai4k.reliability

import dev.openai4k.HttpEngine
import dev.openai4k.chat.accumulate
import dev.openai4k.chat.chat
import dev.openai4k.testkit.OpenAITestServer
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import java.io.File
import java.lang.management.ManagementFactory
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

private val full = System.getProperty("reliability.load") == "full"
private val concurrentStreams = System.getProperty("reliability.streams")?.toInt() ?: if (full) 10_000 else 500
private val sequentialRequests = System.getProperty("reliability.sequential")?.toInt() ?: if (full) 100_000 else 2_000

private fun openFds(): Int = File("/proc/self/fd").list()?.size ?: -1
private fun threads(): Int = ManagementFactory.getThreadMXBean().threadCount
private fun usedHeap(): Long = Runtime.getRuntime().let { it.totalMemory() - it.freeMemory() }
private fun usedHeapAfterGc(): Long {
    repeat(3) { System.gc(); Thread.sleep(100) }
    return usedHeap()
}

/** Where the figures go: target/load-figures.txt (copied into the README by hand). */
private fun report(line: String) {
    println(line)
    File("target/load-figures.txt").appendText(line + "\n")
}

/**
 * Load and leaks through one client against the testkit. The normal run is small (500 concurrent streams, 2,000
 * sequential requests); `-Pload` runs 10,000 and 100,000 (`-Dreliability.streams=N` / `-Dreliability.sequential=N`
 * override). Every loop is bounded in count, and each test in time.
 */
class LoadTest : FunSpec({
    test("$concurrentStreams concurrent streams through one client: every answer exactly as sent") {
        OpenAITestServer.start().use { server ->
            client(server.baseUrl, HttpEngine.CIO) {
                timeout = 2.minutes
                streamIdleTimeout = 2.minutes
                connectTimeout = 1.minutes
                maxConnections = concurrentStreams + 16
            }.use { client ->
                val peakHeap = AtomicLong(usedHeap())
                val peakThreads = AtomicInteger(threads())
                val peakFds = AtomicInteger(openFds())
                val started = System.nanoTime()
                val results = withContext(Dispatchers.Default) {
                    withTimeout(10.minutes) {
                        coroutineScope {
                            val sampler = launch {
                                while (true) {
                                    peakHeap.accumulateAndGet(usedHeap(), ::maxOf)
                                    peakThreads.accumulateAndGet(threads(), ::maxOf)
                                    peakFds.accumulateAndGet(openFds(), ::maxOf)
                                    delay(50)
                                }
                            }
                            val answers = (0 until concurrentStreams).map { i ->
                                async { runCatching { client.chat.stream(ask("stream $i says hello to everyone")).accumulate() } }
                            }.awaitAll()
                            sampler.cancel()
                            answers
                        }
                    }
                }
                val millis = (System.nanoTime() - started) / 1_000_000
                val failures = results.count { it.isFailure }
                val wrong = results.withIndex().count { (i, r) ->
                    r.getOrNull()?.choices?.single()?.message?.content != "stream $i says hello to everyone"
                }
                report(
                    "concurrent streams=$concurrentStreams ok=${concurrentStreams - wrong} failed=$failures time=${millis}ms " +
                        "peakHeap=${peakHeap.get() / (1 shl 20)}MiB peakThreads=${peakThreads.get()} peakFds=${peakFds.get()} " +
                        "maxHeap=${Runtime.getRuntime().maxMemory() / (1 shl 20)}MiB firstError=${results.firstOrNull { it.isFailure }?.exceptionOrNull()}",
                )
                withClue("first failure: ${results.firstOrNull { it.isFailure }?.exceptionOrNull()}") {
                    failures shouldBe 0
                    wrong shouldBe 0
                }
                server.requests.size shouldBe concurrentStreams // none lost, none duplicated (no retries)
            }
        }
    }

    test("$sequentialRequests sequential requests: heap, sockets and threads stay flat") {
        OpenAITestServer.start().use { server ->
            client(server.baseUrl, HttpEngine.CIO) { timeout = 30.seconds }.use { client ->
                val warmUp = minOf(200, sequentialRequests / 10)
                repeat(warmUp) { client.chat.create(ask("warm $it")) }
                server.clearRequests()
                delay(500)
                val fds0 = openFds()
                val threads0 = threads()
                val heap0 = usedHeapAfterGc()
                val started = System.nanoTime()
                var checked = 0
                withTimeout(30.minutes) {
                    for (i in 0 until sequentialRequests) {
                        val text = client.chat.create(ask("req $i")).choices.single().message.content
                        if (text != "req $i") error("request $i answered '$text'")
                        checked++
                        // The testkit records every request; drop them so that its memory is not measured.
                        if (i % 1_000 == 999) server.clearRequests()
                    }
                }
                val millis = (System.nanoTime() - started) / 1_000_000
                delay(1_000) // let closed connections finish closing
                val fds1 = openFds()
                val threads1 = threads()
                val heap1 = usedHeapAfterGc()
                report(
                    "sequential requests=$checked time=${millis}ms (${millis * 1000 / checked.coerceAtLeast(1)} us/request) " +
                        "fds $fds0->$fds1 threads $threads0->$threads1 heapAfterGc ${heap0 / (1 shl 20)}->${heap1 / (1 shl 20)}MiB " +
                        "serverConnections=${server.connections}",
                )
                checked shouldBe sequentialRequests
                withClue("open file descriptors grew from $fds0 to $fds1") { (fds1 - fds0) shouldBeLessThan 32 }
                withClue("threads grew from $threads0 to $threads1") { (threads1 - threads0) shouldBeLessThan 16 }
                withClue("heap after GC grew from $heap0 to $heap1") { (heap1 - heap0) shouldBeLessThan 48L * (1 shl 20) }
            }
        }
    }
})
