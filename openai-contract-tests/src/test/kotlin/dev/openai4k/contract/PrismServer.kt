package dev.openai4k.contract

import java.net.InetAddress
import java.net.ServerSocket
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.time.Duration
import java.util.concurrent.TimeUnit

/**
 * One Prism mock server per test JVM, started on first use: pinned version, converted spec, a free loopback port
 * and a fixed `--seed` (so `Prefer: dynamic=true` answers are repeatable). A JVM shutdown hook stops it by its PID.
 */
internal object PrismServer {
    /** The seed of Prism's dynamic examples (`prism mock --seed`). */
    const val SEED = "openai4k-contract"

    /** The key the SDK sends: Prism only checks that an `Authorization` header is present. */
    const val API_KEY = "sk-contract"

    private const val START_TIMEOUT_MILLIS = 120_000L
    private const val POLL_INTERVAL_MILLIS = 500L
    private const val MAX_POLLS = 1_000

    @Volatile
    private var process: Process? = null

    /** Prism's log (its request log and start-up messages). */
    val logFile by lazy { PrismSetup.workDir.resolve("prism.log") }

    /**
     * The base URL of the running server, `http://127.0.0.1:<port>`: the spec's paths carry no `/v1` (it is in the
     * spec's server URL, which Prism's mock ignores), so the SDK's base URL has none either.
     *
     * @throws IllegalStateException when Prism does not start or never answers within two minutes (remembered, so
     * the suite does not try again for every test).
     */
    val baseUrl: String get() = startup.getOrThrow()

    private val startup: Result<String> by lazy { runCatching { start() } }

    private fun start(): String {
        check(PrismSetup.skipReason == null) { "Prism is not available: ${PrismSetup.skipReason}" }
        val spec = PrismSetup.specJson
        val port = freeLoopbackPort()
        val command = listOf(
            PrismSetup.prismBin.toString(), "mock",
            "-h", "127.0.0.1", "-p", port.toString(),
            "--seed", SEED,
            spec.toString(),
        )
        val started = ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(logFile.toFile())
            .start()
        process = started
        Runtime.getRuntime().addShutdownHook(Thread(::stop, "prism-stop"))
        val url = "http://127.0.0.1:$port"
        awaitReady(started, url)
        println("contract tests: Prism ${PrismSetup.PRISM_VERSION} (pid ${started.pid()}) on $url, seed $SEED, spec $spec")
        return url
    }

    /** Polls `GET /models` until Prism answers 200, the process dies, or the deadline passes. */
    private fun awaitReady(started: Process, url: String) {
        val http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
        val request = HttpRequest.newBuilder(URI.create("$url/models"))
            .header("Authorization", "Bearer $API_KEY")
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build()
        val deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS)
        var polls = 0
        while (polls < MAX_POLLS && System.nanoTime() < deadline) {
            polls++
            if (!started.isAlive) {
                error("Prism exited with ${started.exitValue()} before answering; log:\n${logTail()}")
            }
            val status = try {
                http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()
            } catch (_: java.io.IOException) {
                null
            }
            if (status == 200) return
            Thread.sleep(POLL_INTERVAL_MILLIS)
        }
        stop()
        error("Prism did not answer GET $url/models within ${START_TIMEOUT_MILLIS / 1000} s ($polls polls); log:\n${logTail()}")
    }

    /** Stops Prism (and anything it spawned) by PID; a no-op when it is not running. */
    fun stop() {
        val p = process ?: return
        process = null
        p.descendants().forEach { it.destroy() }
        p.destroy()
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.descendants().forEach { it.destroyForcibly() }
            p.destroyForcibly()
        }
    }

    private fun logTail(): String =
        if (Files.isRegularFile(logFile)) Files.readString(logFile).takeLast(4000) else "(no log at $logFile)"

    private fun freeLoopbackPort(): Int =
        ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")).use { it.localPort }
}
