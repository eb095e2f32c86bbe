@file:JvmName("StandaloneMain")

package dev.openai4k.testkit

import java.io.PrintStream
import java.util.concurrent.CountDownLatch
import kotlin.system.exitProcess

/**
 * Runs the test server on its own: `java -jar openai-testkit-<version>-all.jar [--port 8080] [--host 127.0.0.1]
 * [--nio] [--max-recorded 1000]`. It answers every endpoint with its default behaviour until the process is stopped.
 * `--nio` serves connections on the non-blocking transport ([ServerTransport.NIO]); since nobody reads the record
 * of a standalone server, it keeps only the last `--max-recorded` requests (1,000 unless given).
 */
public fun main(args: Array<String>) {
    val server = try {
        launchStandalone(args, System.out)
    } catch (e: IllegalArgumentException) {
        System.err.println("openai-testkit: ${e.message}")
        System.err.println(USAGE)
        exitProcess(2)
    } ?: return
    val stopped = CountDownLatch(1)
    Runtime.getRuntime().addShutdownHook(Thread {
        server.close()
        stopped.countDown()
    })
    stopped.await()
}

/** Parses [args], starts a server and prints where it listens; null after `--help`. */
internal fun launchStandalone(args: Array<String>, out: PrintStream): OpenAITestServer? {
    val options = parseStandaloneArgs(args) ?: run {
        out.println(USAGE)
        return null
    }
    val server = OpenAITestServer.start(options.port, options.host, options.transport, options.maxRecorded)
    out.println("openai-testkit listening on ${server.baseUrl}" + if (options.transport == ServerTransport.NIO) " (nio)" else "")
    out.flush()
    return server
}

internal class StandaloneOptions(
    val port: Int,
    val host: String,
    val transport: ServerTransport = ServerTransport.BLOCKING,
    val maxRecorded: Int = DEFAULT_MAX_RECORDED,
)

/** The options in [args], or null when help was asked for. @throws IllegalArgumentException on a bad argument. */
internal fun parseStandaloneArgs(args: Array<String>): StandaloneOptions? {
    var port = 8080
    var host = "127.0.0.1"
    var transport = ServerTransport.BLOCKING
    var maxRecorded = DEFAULT_MAX_RECORDED
    var i = 0
    while (i < args.size) {
        val arg = args[i]
        val (name, inline) = if (arg.startsWith("--") && arg.contains('=')) arg.substringBefore('=') to arg.substringAfter('=') else arg to null
        fun value(): String = inline ?: args.getOrNull(++i) ?: throw IllegalArgumentException("$name needs a value")
        when (name) {
            "--port", "-p" -> port = value().toIntOrNull()?.takeIf { it in 0..65535 }
                ?: throw IllegalArgumentException("--port needs a number from 0 to 65535")
            "--host" -> host = value()
            "--nio" -> transport = ServerTransport.NIO
            "--max-recorded" -> maxRecorded = value().toIntOrNull()?.takeIf { it >= 0 }
                ?: throw IllegalArgumentException("--max-recorded needs a number of requests (0 or more)")
            "--help", "-h" -> return null
            else -> throw IllegalArgumentException("Unknown argument: $arg")
        }
        i++
    }
    return StandaloneOptions(port, host, transport, maxRecorded)
}

private const val DEFAULT_MAX_RECORDED = 1_000

private const val USAGE = "Usage: java -jar openai-testkit-<version>-all.jar [--port 8080] [--host 127.0.0.1] [--nio] " +
    "[--max-recorded 1000]"
