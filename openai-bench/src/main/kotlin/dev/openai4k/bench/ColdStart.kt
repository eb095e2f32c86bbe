package dev.openai4k.bench

import java.io.File
import java.util.concurrent.TimeUnit

/**
 * E: `ColdStart <server> <results> <classesDir> <client>=<mainClass>=<classpathFile> ...`. For each client, a fresh
 * JVM on that client's own runtime classpath (plus the bench classes, which hold only the tiny main) makes one chat
 * call; the time runs from before the process is started to the moment its answer line is read. One untimed run
 * fills the page cache, then [runs] timed runs; the median is kept. The classpath size is the sum of its jars.
 */
fun main(args: Array<String>) {
    val server = args[0]
    val out = File(args[1])
    val classes = args[2]
    val runs = Integer.getInteger("bench.coldRuns", 5)
    val java = File(System.getProperty("java.home"), "bin/java").path
    for (spec in args.drop(3)) {
        val (client, mainClass, cpFile) = spec.split("=")
        val jars = File(cpFile).readText().trim().split(File.pathSeparator).filter { it.isNotBlank() }
        val mb = jars.sumOf { File(it).length() } / 1e6
        val results = Results(out, client)
        var errors = 0
        var firstError: String? = null
        val times = (0..runs).mapNotNull { i ->
            val t0 = System.nanoTime()
            val p = ProcessBuilder(java, "-cp", (listOf(classes) + jars).joinToString(File.pathSeparator), mainClass, server)
                .redirectErrorStream(true).start()
            val lines = p.inputStream.bufferedReader().lineSequence()
            val answer = lines.firstOrNull { it.startsWith("ANSWER ") }
            val dt = (System.nanoTime() - t0) / 1e6
            p.waitFor(30, TimeUnit.SECONDS)
            p.destroyForcibly()
            if (answer != "ANSWER ${Payloads.CHAT_TEXT}") {
                errors++
                firstError = firstError ?: (answer ?: "no answer (exit ${p.exitValue()})")
                null
            } else if (i == 0) null else dt
        }
        results.put("E", "coldMs", if (times.isEmpty()) "0" else "%.0f".format(median(times)))
        results.put("E", "windows", times.joinToString(";") { "%.0f".format(it) })
        results.put("E", "classpathMB", "%.1f".format(mb))
        results.put("E", "jars", jars.size)
        results.put("E", "errors", errors)
        firstError?.let { results.put("E", "firstError", it) }
    }
}
