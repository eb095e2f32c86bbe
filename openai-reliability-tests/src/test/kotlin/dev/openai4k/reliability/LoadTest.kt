package dev.openai4k.reliability

import dev.openai4k.HttpEngine
import dev.openai4k.chat.accumulate
import dev.openai4k.chat.chat
import dev.openai4k.testkit.OpenAITestServer
import dev.openai4k.testkit.ServerTransport
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.ints.shouldBeLessThanOrEqual
import io.kotest.matchers.longs.shouldBeLessThan
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
import java.io.File
import java.io.FileOutputStream
import java.io.PrintStream
import com.sun.management.GarbageCollectionNotificationInfo
import java.lang.management.ManagementFactory
import java.lang.management.MemoryType
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong
import java.util.concurrent.atomic.AtomicReferenceArray
import javax.management.NotificationEmitter
import javax.management.NotificationListener
import javax.management.openmbean.CompositeData
import kotlin.time.Duration
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

private val full = System.getProperty("reliability.load") == "full"
private val concurrentStreams = System.getProperty("reliability.streams")?.toInt() ?: if (full) 10_000 else 500
private val sequentialRequests = System.getProperty("reliability.sequential")?.toInt() ?: if (full) 100_000 else 2_000

/** Wall-time bounds of each loop: a run that does not finish in time reports what it got and fails. */
private val streamsBound: Duration = if (concurrentStreams > 2_000) 6.minutes else 2.minutes
private val sequentialBound: Duration = if (sequentialRequests > 10_000) 20.minutes else 2.minutes

/** The client's default engine, and CIO when that is not the default. */
private val engines: List<HttpEngine> = listOf(HttpEngine.DEFAULT, HttpEngine.CIO).distinct()

private fun label(engine: HttpEngine) = if (engine == HttpEngine.DEFAULT) "$engine (default)" else "$engine"

private val threadBean = ManagementFactory.getThreadMXBean()
private fun openFds(): Int = File("/proc/self/fd").list()?.size ?: -1
private fun threads(): Int = threadBean.threadCount
private fun usedHeap(): Long = Runtime.getRuntime().let { it.totalMemory() - it.freeMemory() }
private fun usedHeapAfterGc(): Long {
    repeat(3) {
        System.gc()
        Thread.sleep(100)
    }
    return usedHeap()
}

private fun mib(bytes: Long): Long = bytes / (1 shl 20)

/**
 * Where the figures go: target/load-figures.txt (copied into the README by hand), opened before any load runs, since
 * a run that exhausts the process's file descriptors could not open it afterwards.
 */
private val figures = PrintStream(FileOutputStream(File("target/load-figures.txt").apply { parentFile.mkdirs() }, true), true)

private fun report(line: String) {
    println(line)
    figures.println(line)
}

/**
 * The largest heap left after any garbage collection while it is open (the sum over heap pools of each collection's
 * after-usage, from the JVM's GC notifications): closer to what a load keeps alive than the sampled used heap, which
 * also counts garbage not yet collected.
 */
private class HeapAfterGc : AutoCloseable {
    val peak = AtomicLong(0)
    val collections = AtomicInteger(0)
    private val heapPools = ManagementFactory.getMemoryPoolMXBeans().filter { it.type == MemoryType.HEAP }.map { it.name }.toSet()
    private val listening = ManagementFactory.getGarbageCollectorMXBeans().mapNotNull { it as? NotificationEmitter }.map { emitter ->
        val listener = NotificationListener { notification, _ ->
            if (notification.type == GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION) {
                val info = GarbageCollectionNotificationInfo.from(notification.userData as CompositeData)
                val after = info.gcInfo.memoryUsageAfterGc.filterKeys { it in heapPools }.values.sumOf { it.used }
                peak.accumulateAndGet(after, ::maxOf)
                collections.incrementAndGet()
            }
        }
        emitter.addNotificationListener(listener, null, null)
        emitter to listener
    }

    override fun close() {
        listening.forEach { (emitter, listener) -> runCatching { emitter.removeNotificationListener(listener) } }
    }
}

/** The highest values seen while a load runs, sampled every 50 ms. */
private class Peaks(private val server: OpenAITestServer) {
    val heap = AtomicLong(usedHeap())
    val fds = AtomicInteger(openFds())
    val serverThreads = AtomicInteger(server.serverThreads)
    val openConnections = AtomicInteger(server.openConnections)

    fun sample() {
        heap.accumulateAndGet(usedHeap(), ::maxOf)
        fds.accumulateAndGet(openFds(), ::maxOf)
        serverThreads.accumulateAndGet(server.serverThreads, ::maxOf)
        openConnections.accumulateAndGet(server.openConnections, ::maxOf)
    }
}

/**
 * Load and leaks through one client against the testkit's non-blocking transport ([ServerTransport.NIO]: two server
 * threads for any number of connections), for the client's default engine and CIO. The normal run is small (500
 * concurrent streams, 2,000 sequential requests per engine); `-Pload` runs 10,000 and 100,000
 * (`-Dreliability.streams=N` / `-Dreliability.sequential=N` override). Every loop is bounded in count and in time.
 *
 * The server records nothing (`maxRecordedRequests = 0`), so that the heap figures are the client's and the
 * transport's; exactly-once is checked by its [OpenAITestServer.requestCount] (a retried or duplicated request
 * would raise it) together with every answer echoing its own request's text (a lost one would fail or differ).
 */
class LoadTest : FunSpec({
    for (engine in engines) {
        test("$concurrentStreams concurrent streams through one ${label(engine)} client: every answer exactly as sent") {
            OpenAITestServer.start(transport = ServerTransport.NIO, maxRecordedRequests = 0).use { server ->
                client(server.baseUrl, engine) {
                    timeout = 3.minutes
                    streamIdleTimeout = 3.minutes
                    connectTimeout = 3.minutes
                    maxConnections = concurrentStreams + 16
                }.use { client ->
                    val outcomes = AtomicReferenceArray<Result<String?>>(concurrentStreams)
                    val peaks = Peaks(server)
                    val afterGc = HeapAfterGc()
                    threadBean.resetPeakThreadCount()
                    val started = System.nanoTime()
                    var finishedInTime = false
                    withContext(Dispatchers.Default) {
                        coroutineScope {
                            val sampler = launch {
                                while (true) {
                                    peaks.sample()
                                    delay(50)
                                }
                            }
                            val jobs: List<Job> = (0 until concurrentStreams).map { i ->
                                launch {
                                    outcomes.set(i, runCatching { client.chat.stream(ask(text(i))).accumulate().choices.single().message.content })
                                }
                            }
                            finishedInTime = withTimeoutOrNull(streamsBound) { jobs.joinAll() } != null
                            jobs.forEach { it.cancelAndJoin() }
                            sampler.cancel()
                        }
                    }
                    peaks.sample()
                    afterGc.close()
                    val millis = (System.nanoTime() - started) / 1_000_000
                    val all = (0 until concurrentStreams).map { outcomes.get(it) }
                    val unfinished = all.count { it == null }
                    val failures = all.mapNotNull { it?.exceptionOrNull() }
                    val exact = all.withIndex().count { (i, r) -> r?.getOrNull() == text(i) }
                    val wrong = all.count { it != null && it.isSuccess } - exact
                    val errorKinds = failures.groupingBy { "${it::class.simpleName}: ${it.message?.take(120)}" }.eachCount()
                        .entries.sortedByDescending { it.value }.take(3).joinToString("; ") { "${it.value} x ${it.key}" }
                    report(
                        "streams engine=${label(engine)} n=$concurrentStreams completed=${concurrentStreams - unfinished - failures.size} " +
                            "exact=$exact wrong=$wrong failed=${failures.size} unfinished=$unfinished time=${millis}ms " +
                            "peakHeap=${mib(peaks.heap.get())}MiB peakHeapAfterGc=${mib(afterGc.peak.get())}MiB " +
                            "(${afterGc.collections.get()} GCs) peakThreads=${threadBean.peakThreadCount} " +
                            "peakServerThreads=${peaks.serverThreads.get()} peakFds=${peaks.fds.get()} " +
                            "peakOpenServerConnections=${peaks.openConnections.get()} serverConnections=${server.connections} " +
                            "serverRequests=${server.requestCount} maxHeap=${mib(Runtime.getRuntime().maxMemory())}MiB " +
                            "fdLimit=${fdLimit()}" + if (errorKinds.isEmpty()) "" else " errors=[$errorKinds]",
                    )
                    withClue("errors: $errorKinds") {
                        finishedInTime shouldBe true
                        failures.size shouldBe 0
                        wrong shouldBe 0
                        exact shouldBe concurrentStreams
                    }
                    server.requestCount shouldBe concurrentStreams.toLong() // none lost, none duplicated (no retries)
                    peaks.serverThreads.get() shouldBeLessThanOrEqual 4
                }
            }
        }

        test("$sequentialRequests sequential requests through one ${label(engine)} client: heap, sockets and threads stay flat") {
            OpenAITestServer.start(transport = ServerTransport.NIO, maxRecordedRequests = 0).use { server ->
                client(server.baseUrl, engine) { timeout = 30.seconds }.use { client ->
                    val warmUp = minOf(200, sequentialRequests / 10)
                    repeat(warmUp) { client.chat.create(ask("warm $it")) }
                    delay(500)
                    val fds0 = openFds()
                    val threads0 = threads()
                    val heap0 = usedHeapAfterGc()
                    val open0 = server.openConnections
                    val connections0 = server.connections
                    val started = System.nanoTime()
                    var checked = 0
                    withContext(Dispatchers.Default) {
                        withTimeoutOrNull(sequentialBound) {
                            for (i in 0 until sequentialRequests) {
                                val answer = client.chat.create(ask("req $i")).choices.single().message.content
                                if (answer != "req $i") error("request $i answered '$answer'")
                                checked++
                            }
                        }
                    }
                    val millis = (System.nanoTime() - started) / 1_000_000
                    delay(1_000) // let connections the client closed finish closing
                    val fds1 = openFds()
                    val threads1 = threads()
                    val heap1 = usedHeapAfterGc()
                    val open1 = server.openConnections
                    report(
                        "sequential engine=${label(engine)} n=$checked/$sequentialRequests time=${millis}ms " +
                            "(${"%.2f".format(millis.toDouble() / checked.coerceAtLeast(1))} ms/request) fds $fds0->$fds1 " +
                            "threads $threads0->$threads1 heapAfterGc ${mib(heap0)}->${mib(heap1)}MiB " +
                            "openServerConnections $open0->$open1 serverConnectionsOpened=${server.connections - connections0} " +
                            "serverThreads=${server.serverThreads}",
                    )
                    checked shouldBe sequentialRequests
                    server.requestCount shouldBe (warmUp + sequentialRequests).toLong()
                    withClue("open file descriptors grew from $fds0 to $fds1") { (fds1 - fds0) shouldBeLessThan 32 }
                    withClue("open server connections grew from $open0 to $open1") { (open1 - open0) shouldBeLessThan 4 }
                    withClue("threads grew from $threads0 to $threads1") { (threads1 - threads0) shouldBeLessThan 16 }
                    withClue("heap after GC grew from $heap0 to $heap1") { (heap1 - heap0) shouldBeLessThan 48L * (1 shl 20) }
                }
            }
        }

        // Issue 24, item 0 at full size (the normal run has Http2TlsTest's 1,000 x 4 instead): HTTPS with HTTP/2
        // offered by ALPN and 128 streams per connection, the default maxConnections (4,096), so that a burst larger
        // than the pool queues for a connection.
        test("$concurrentStreams concurrent streams over TLS (HTTP/2 offered, 128 streams per connection) through one ${label(engine)} client")
            .config(enabled = full || System.getProperty("reliability.tlsLoad") == "true") {
                TlsH2Server(maxConcurrentStreams = 128).use { server ->
                    client(server.baseUrl, engine) {
                        timeout = 3.minutes
                        streamIdleTimeout = 3.minutes
                        connectTimeout = 3.minutes
                        dangerouslyDisableTlsVerification = true // trusts the test's self-signed certificate
                    }.use { client ->
                        val heap = AtomicLong(usedHeap())
                        val fds = AtomicInteger(openFds())
                        val serverThreads = AtomicInteger(server.serverThreads)
                        val afterGc = HeapAfterGc()
                        val result = burst(client, concurrentStreams, 1, stream = true, bound = streamsBound) {
                            heap.accumulateAndGet(usedHeap(), ::maxOf)
                            fds.accumulateAndGet(openFds(), ::maxOf)
                            serverThreads.accumulateAndGet(server.serverThreads, ::maxOf)
                        }
                        afterGc.close()
                        report(
                            "tls-streams engine=${label(engine)} $result peakHeap=${mib(heap.get())}MiB " +
                                "peakHeapAfterGc=${mib(afterGc.peak.get())}MiB peakFds=${fds.get()} " +
                                "peakServerThreads=${serverThreads.get()} serverConnections=${server.connections.get()} " +
                                "peakOpenServerConnections=${server.peakOpenConnections.get()} " +
                                "peakServerInFlight=${server.peakInFlight.get()} serverRequests=${server.requests.get()} " +
                                "protocols=${server.protocols()} fdLimit=${fdLimit()}",
                        )
                        withClue("$result") {
                            result.failed shouldBe 0
                            result.unfinished shouldBe 0
                            result.wrong shouldBe 0
                            result.exact shouldBe concurrentStreams
                        }
                        server.requests.get() shouldBe concurrentStreams.toLong() // none lost, none duplicated
                    }
                }
            }
    }
})

private fun text(i: Int) = "stream $i says hello to everyone"

/** The soft limit on open files of this process (`Max open files` in /proc/self/limits). */
private fun fdLimit(): String = File("/proc/self/limits").readLines().firstOrNull { it.startsWith("Max open files") }
    ?.split(Regex("\\s{2,}"))?.getOrNull(1) ?: "?"
