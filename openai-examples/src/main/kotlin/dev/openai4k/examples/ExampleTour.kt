package dev.openai4k.examples

import dev.openai4k.testkit.Scripted
import dev.openai4k.testkit.ToolCallSpec
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import java.io.PrintStream
import java.nio.file.Files
import java.nio.file.Path
import kotlin.time.Duration
import kotlin.time.Duration.Companion.minutes

/**
 * The tour: runs every example in order, printing each one's name and result. Offline against the built-in test
 * server unless `OPENAI_API_KEY` or `OPENAI_BASE_URL` is set; `OPENAI_EXAMPLES=chat,embeddings` runs only the
 * examples whose names contain one of those words. Ends with [ExamplesFailedException] if any example failed, so
 * that Maven reports a build failure (and a plain `java` run exits with status 1).
 *
 * `./mvnw -q -Pexamples -pl openai-examples -am -DskipTests verify`
 */
fun main() {
    val only = System.getenv("OPENAI_EXAMPLES")?.split(',')?.map { it.trim() }?.filter { it.isNotEmpty() }.orEmpty()
    val report = ExampleEnvironment.start().use { env -> runBlocking { runTour(env, System.out, only) } }
    System.out.flush()
    if (report.failed.isNotEmpty()) {
        throw ExamplesFailedException(
            "${report.failed.size} of ${report.outcomes.size} examples failed: ${report.failed.joinToString { it.name }}",
        )
    }
}

/** Some examples of the tour failed (each was printed with its error). No stack trace: it would say nothing. */
class ExamplesFailedException(message: String) : RuntimeException(message, null, false, false)

/** One stop of the tour: its [name], the answers to script on the test server ([prepare]), and the example itself. */
class TourStep(
    val name: String,
    val prepare: (ExampleEnvironment) -> Unit = {},
    val run: suspend (ExampleEnvironment) -> String,
)

/** How one example went: its result text, or the error it failed with. */
class TourOutcome(val name: String, val result: String?, val error: Throwable?, val millis: Long) {
    val succeeded: Boolean get() = error == null
}

/** Every example's outcome, in order. */
class TourReport(val outcomes: List<TourOutcome>, val skipped: List<String>) {
    val failed: List<TourOutcome> get() = outcomes.filter { !it.succeeded }
    val succeeded: List<TourOutcome> get() = outcomes.filter { it.succeeded }
}

/**
 * Runs the examples of [steps] whose names contain one of [only] (all when empty), each within [timeout], printing
 * to [out]: the environment's banner first, then `== name ==` and the result (or `FAILED: ...`) for each. A failure
 * never stops the tour.
 */
suspend fun runTour(
    env: ExampleEnvironment,
    out: PrintStream = System.out,
    only: List<String> = emptyList(),
    steps: List<TourStep> = tourSteps(out),
    timeout: Duration = 3.minutes,
): TourReport {
    out.println(env.banner)
    out.println("Files go to ${env.outputDir}")
    val (chosen, skipped) = steps.partition { step -> only.isEmpty() || only.any { step.name.contains(it, ignoreCase = true) } }
    val outcomes = chosen.map { step ->
        out.println()
        out.println("== ${step.name} ==")
        out.flush()
        val started = System.nanoTime()
        val outcome = try {
            if (env.isOffline) step.prepare(env)
            val result = withTimeout(timeout) { step.run(env) }
            out.println(result)
            TourOutcome(step.name, result, null, elapsedMillis(started))
        } catch (e: Throwable) {
            // A timeout, or a Java future that was cancelled, is the example failing; the tour itself being
            // cancelled is not, and ends it.
            if (e is CancellationException) currentCoroutineContext().ensureActive()
            out.println("FAILED: ${describe(e)}")
            TourOutcome(step.name, null, e, elapsedMillis(started))
        } finally {
            // Answers an example did not use (because it failed early) must not reach the next one.
            env.testServer?.clearScripts()
        }
        out.flush()
        outcome
    }
    val report = TourReport(outcomes, skipped.map { it.name })
    out.println()
    out.println("== summary ==")
    out.println(
        "${outcomes.size} examples: ${report.succeeded.size} succeeded, ${report.failed.size} failed" +
            (if (skipped.isNotEmpty()) ", ${skipped.size} skipped (OPENAI_EXAMPLES)" else "") +
            " in %.1f s".format(outcomes.sumOf { it.millis } / 1000.0),
    )
    report.failed.forEach { out.println("  failed: ${it.name}: ${describe(it.error!!)}") }
    out.flush()
    return report
}

/** The examples, Kotlin then Java, in the order the tour runs them; the streaming ones print to [out]. */
fun tourSteps(out: PrintStream = System.out): List<TourStep> {
    var speechFile: Path? = null
    return listOf(
        TourStep("one-shot prompt") { oneShotPrompt(it.openai, it.models.chat) },
        TourStep("multi-turn chat (session)") { multiTurnChat(it.openai, it.models.chat) },
        TourStep("streaming to the terminal") { streamingToTerminal(it.openai, it.models.chat, out) },
        TourStep("tool-using agent", ::scriptToolAgent) { toolAgent(it.openai, it.models.chat) },
        TourStep("structured output (chat.parse)", ::scriptStructuredOutput) {
            structuredOutput(it.openai, it.models.chat).toString()
        },
        TourStep("embeddings similarity") { embeddingsSimilarity(it.openai, it.models.embedding) },
        TourStep("models list") { modelsList(it.openai) },
        TourStep("moderation") { moderation(it.openai, it.models.moderation) },
        TourStep("image generation") { imageGeneration(it.openai, it.models.image, it.outputDir) },
        TourStep("speech to a file") { env ->
            val file = speech(env.openai, env.models.speech, env.models.voice, env.outputDir)
            speechFile = file
            "saved $file (${Files.size(file)} bytes)"
        },
        TourStep("transcription (of the speech file)") { env ->
            val file = checkNotNull(speechFile) { "No speech file to transcribe: the speech example did not run or failed" }
            transcription(env.openai, env.models.transcription, file)
        },
        TourStep("vision (describe an image)") { visionDescribe(it.openai, it.models.vision) },
        TourStep("Responses session (two turns)") { responsesSession(it.openai, it.models.chat) },
        TourStep("files (upload, list, content, delete)") { filesRoundTrip(it.openai, it.models.chat) },
        TourStep("Java: one-shot prompt") { JavaOneShot.run(it.java, it.models.chat) },
        TourStep("Java: streaming with callbacks") { JavaStreaming.run(it.java, it.models.chat, out) },
        TourStep("Java: session with a lambda tool", ::scriptJavaToolSession) { JavaToolSession.run(it.java, it.models.chat) },
        TourStep("Java: embeddings") { JavaEmbeddings.run(it.java, it.models.embedding) },
        TourStep("Java: Responses call") { JavaResponses.run(it.java, it.models.chat) },
    )
}

/** Offline, the test server plays the model: it calls `get_weather`, then answers with the result. */
fun scriptToolAgent(env: ExampleEnvironment) {
    env.script(
        "chat/completions",
        Scripted.toolCalls(ToolCallSpec("call_weather_1", "get_weather", """{"city":"Oslo","unit":"celsius"}""")),
        Scripted.text("Yes, take an umbrella: Oslo has light rain and 8 °C right now."),
    )
}

/** Offline, the test server answers with JSON that fits [CityFacts]. */
fun scriptStructuredOutput(env: ExampleEnvironment) {
    env.script(
        "chat/completions",
        Scripted.text("""{"name":"Paris","country":"France","population":2102650,"landmarks":["Eiffel Tower","Louvre","Notre-Dame"]}"""),
    )
}

/** Offline, the test server calls `days_until`, then answers. */
fun scriptJavaToolSession(env: ExampleEnvironment) {
    env.script(
        "chat/completions",
        Scripted.toolCalls(ToolCallSpec("call_days_1", "days_until", """{"date":"2030-01-01"}""")),
        Scripted.text("There are a few years left until 1 January 2030; the tool has the exact count."),
    )
}

private fun elapsedMillis(startedNanos: Long): Long = (System.nanoTime() - startedNanos) / 1_000_000

private fun describe(e: Throwable): String {
    val cause = dev.openai4k.facade.OpenAIAsync.unwrapCause(e)
    return "${cause::class.simpleName}: ${cause.message?.lineSequence()?.firstOrNull() ?: ""}"
}
