package dev.openai4k.bench

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeoutOrNull
import java.io.File
import java.lang.management.ManagementFactory
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicLong
import java.util.concurrent.atomic.AtomicReference

/** Knobs, from system properties so run.sh can shorten a run. */
object Knobs {
    val windows = Integer.getInteger("bench.windows", 3)
    val windowMs = java.lang.Long.getLong("bench.windowMs", 2_000)
    val warmMinMs = java.lang.Long.getLong("bench.warmMinMs", 4_000)
    val warmMaxMs = java.lang.Long.getLong("bench.warmMaxMs", 15_000)
    val streamRuns = Integer.getInteger("bench.streamRuns", 5)
    val dRounds = Integer.getInteger("bench.dRounds", 4)
    val dConcurrency = Integer.getInteger("bench.dConcurrency", 1000)
    val bConcurrency = Integer.getInteger("bench.bConcurrency", 64)
}

/** Appends `client<TAB>scenario<TAB>metric<TAB>value` lines to the results file. */
class Results(private val file: File, private val client: String) {
    fun put(scenario: String, metric: String, value: Any) {
        val line = "$client\t$scenario\t$metric\t$value"
        println(line)
        file.appendText(line + "\n")
    }
}

/** Counts of one load window. */
class Window(val ops: Long, val errors: Long, val firstError: String?, val nanos: Long) {
    val perSecond: Double get() = ops * 1e9 / nanos
}

private val compilation = ManagementFactory.getCompilationMXBean()
private val threads = ManagementFactory.getThreadMXBean()

/**
 * Runs [load] in one-second slices until the JIT goes quiet (under 20 ms of compilation in a slice) after at least
 * the minimum warm-up, or until the maximum; returns how long it took.
 */
fun warmUp(load: (Long) -> Window): Long {
    val start = System.nanoTime()
    var last = compilation.totalCompilationTime
    while (true) {
        load(1_000)
        val now = compilation.totalCompilationTime
        val elapsed = (System.nanoTime() - start) / 1_000_000
        val quiet = now - last < 20
        last = now
        if ((elapsed >= Knobs.warmMinMs && quiet) || elapsed >= Knobs.warmMaxMs) return elapsed
    }
}

fun median(values: List<Double>): Double {
    val s = values.sorted()
    return if (s.size % 2 == 1) s[s.size / 2] else (s[s.size / 2 - 1] + s[s.size / 2]) / 2
}

/** A load of [concurrency] workers each repeating [op] (true = a correct answer) for the slice's length. */
class Load(private val sut: Sut, private val concurrency: Int, private val op: suspend () -> Boolean) : AutoCloseable {
    private val pool = if (sut.blocking && concurrency > 1) Executors.newFixedThreadPool(concurrency) else null

    fun run(ms: Long): Window {
        val ops = AtomicLong()
        val errors = AtomicLong()
        val firstError = AtomicReference<String?>()
        val start = System.nanoTime()
        val end = start + ms * 1_000_000
        val worker: suspend () -> Unit = {
            while (System.nanoTime() < end) {
                val ok = try {
                    op()
                } catch (e: Exception) {
                    firstError.compareAndSet(null, e.toString().take(300))
                    false
                }
                if (ok) ops.incrementAndGet() else {
                    errors.incrementAndGet()
                    firstError.compareAndSet(null, "wrong answer")
                }
            }
        }
        when {
            concurrency == 1 -> runBlocking { worker() }
            pool != null -> (1..concurrency).map { pool.submit { runBlocking { worker() } } }.forEach { it.get() }
            else -> runBlocking(Dispatchers.Default) { repeat(concurrency) { launch { worker() } } }
        }
        return Window(ops.get(), errors.get(), firstError.get(), System.nanoTime() - start)
    }

    override fun close() {
        pool?.shutdownNow()
    }
}

/** Warm-up, then [Knobs.windows] windows; records the median rate and every error. */
fun measureRate(results: Results, scenario: String, load: Load) {
    val warm = warmUp(load::run)
    val windows = (1..Knobs.windows).map { load.run(Knobs.windowMs) }
    val errors = windows.sumOf { it.errors }
    results.put(scenario, "rate", "%.1f".format(median(windows.map { it.perSecond })))
    results.put(scenario, "windows", windows.joinToString(";") { "%.0f".format(it.perSecond) })
    results.put(scenario, "errors", errors)
    results.put(scenario, "warmupMs", warm)
    windows.firstNotNullOfOrNull { it.firstError }?.let { results.put(scenario, "firstError", it.replace('\t', ' ').replace('\n', ' ')) }
}

/** Scenarios A, B, C and F for one client. */
fun throughput(sut: Sut, results: Results, only: Set<String>) {
    val text = Payloads.CHAT_TEXT
    if ("A" in only) Load(sut, 1) { sut.chat() == text }.use { measureRate(results, "A", it) }
    if ("B" in only) Load(sut, Knobs.bConcurrency) { sut.chat() == text }.use { measureRate(results, "B", it) }
    if ("C" in only) longStream(sut, results)
    if ("F" in only) {
        val expected = Payloads.vector
        Load(sut, 1) { sut.embed(false)!!.contentEquals(expected) }.use { measureRate(results, "F-float", it) }
        if (sut.supportsBase64()) {
            Load(sut, 1) { sut.embed(true)!!.contentEquals(expected) }.use { measureRate(results, "F-base64", it) }
        } else {
            results.put("F-base64", "rate", "n/a")
        }
    }
}

/** C: one 20,000-chunk stream at a time; chunks per second of the median stream. */
private fun longStream(sut: Sut, results: Results) {
    var errors = 0
    var firstError: String? = null
    fun one(): Double? = runBlocking {
        val t0 = System.nanoTime()
        try {
            val r = sut.stream(StreamKind.LONG)
            val dt = System.nanoTime() - t0
            if (r.matches(StreamKind.LONG)) r.chunks * 1e9 / dt else {
                errors++
                firstError = firstError ?: "wrong stream: ${r.chunks} chunks, ${r.text.length} chars"
                null
            }
        } catch (e: Exception) {
            errors++
            firstError = firstError ?: e.toString().take(300)
            null
        }
    }
    val warm = warmUp { ms ->
        val end = System.nanoTime() + ms * 1_000_000
        var n = 0L
        do { one(); n++ } while (System.nanoTime() < end)
        Window(n, 0, null, ms * 1_000_000)
    }
    errors = 0
    firstError = null
    val rates = (1..Knobs.streamRuns).mapNotNull { one() }
    results.put("C", "rate", if (rates.isEmpty()) "0" else "%.0f".format(median(rates)))
    results.put("C", "windows", rates.joinToString(";") { "%.0f".format(it) })
    results.put("C", "errors", errors)
    results.put("C", "warmupMs", warm)
    firstError?.let { results.put("C", "firstError", it.replace('\n', ' ')) }
}

/**
 * D: [Knobs.dRounds] rounds of [Knobs.dConcurrency] concurrent paced streams; failed streams over all rounds,
 * the JVM's peak live threads, and the median round's wall time. A round is cut after two minutes (its unfinished
 * streams count as failed).
 */
fun concurrentStreams(sut: Sut, results: Results) {
    val pool = if (sut.blocking) Executors.newCachedThreadPool() else null
    var firstError: String? = null
    fun round(n: Int): Pair<Int, Long> {
        val t0 = System.nanoTime()
        val failed = AtomicLong()
        val one: suspend () -> Unit = {
            val ok = try {
                sut.stream(StreamKind.PACED).matches(StreamKind.PACED)
            } catch (e: Exception) {
                if (firstError == null) firstError = e.toString().take(300)
                false
            }
            if (!ok) failed.incrementAndGet()
        }
        if (pool != null) {
            val futures = (1..n).map { pool.submit { runBlocking { one() } } }
            val deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2)
            for (f in futures) {
                try {
                    f.get(maxOf(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                } catch (e: Exception) {
                    f.cancel(true)
                    failed.incrementAndGet()
                }
            }
        } else {
            runBlocking(Dispatchers.Default) {
                val done = withTimeoutOrNull(120_000) { (1..n).map { async { one() } }.awaitAll() }
                if (done == null) failed.set(n.toLong()) // cut: count the round as failed
            }
        }
        return failed.get().toInt() to (System.nanoTime() - t0)
    }
    // Two small rounds load the classes; the peak is counted from here on.
    round(50)
    round(50)
    threads.resetPeakThreadCount()
    val rounds = (1..Knobs.dRounds).map { round(Knobs.dConcurrency) }
    results.put("D", "failed", rounds.sumOf { it.first })
    results.put("D", "peakThreads", threads.peakThreadCount)
    results.put("D", "wallMs", "%.0f".format(median(rounds.map { it.second / 1e6 })))
    results.put("D", "rounds", rounds.joinToString(";") { "${it.first}/${it.second / 1_000_000}ms" })
    firstError?.let { results.put("D", "firstError", it.replace('\n', ' ')) }
    pool?.shutdownNow()
}

/**
 * `Harness <mode> <client> <server> <resultsFile> [scenarios]`: mode `throughput` (A, B, C, F; pick with e.g. `AC`)
 * or `streams` (D). Each runs in its own JVM so one client's JIT profile and threads never touch another's.
 */
fun main(args: Array<String>) {
    val (mode, client, server, out) = args
    val results = Results(File(out), client)
    createSut(client, server).use { sut ->
        when (mode) {
            "throughput" -> throughput(sut, results, (args.getOrNull(4) ?: "ABCF").map { it.toString() }.toSet())
            "streams" -> concurrentStreams(sut, results)
            else -> error("mode must be throughput or streams")
        }
    }
    // Engines' non-daemon threads must not keep the JVM alive.
    System.exit(0)
}
