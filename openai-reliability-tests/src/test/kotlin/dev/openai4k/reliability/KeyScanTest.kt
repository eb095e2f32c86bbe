package dev.openai4k.reliability

import dev.openai4k.HttpEngine
import dev.openai4k.OpenAI
import dev.openai4k.OpenAIException
import dev.openai4k.chat.accumulate
import dev.openai4k.chat.chat
import dev.openai4k.testkit.Fault
import dev.openai4k.testkit.OpenAITestServer
import dev.openai4k.testkit.Scripted
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.ktor.client.engine.mock.MockEngine
import io.ktor.client.engine.mock.respond
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import java.util.Collections
import java.util.IdentityHashMap

/** The part of the key that must never show, even inside a longer text. */
private val keyCore = TEST_KEY.removePrefix("sk-")

/**
 * Every text of [e] a user or a log can see: toString, message, snippet, and the same for each cause and each
 * suppressed exception, recursively, plus the full stack trace as a logger prints it. Returns where the key shows.
 */
fun keyLeaks(e: Throwable): List<String> {
    val found = mutableListOf<String>()
    val seen = Collections.newSetFromMap(IdentityHashMap<Throwable, Boolean>())
    fun visit(t: Throwable, path: String) {
        if (!seen.add(t)) return
        val texts = listOf("toString" to t.toString(), "message" to (t.message ?: ""), "localizedMessage" to (t.localizedMessage ?: "")) +
            ((t as? OpenAIException)?.let { listOf("bodySnippet" to (it.bodySnippet ?: "")) } ?: emptyList())
        for ((what, text) in texts) if (keyCore in text) found += "$path.$what"
        t.cause?.let { visit(it, "$path.cause") }
        t.suppressed.forEachIndexed { i, s -> visit(s, "$path.suppressed[$i]") }
    }
    visit(e, e::class.simpleName ?: "exception")
    if (keyCore in e.stackTraceToString()) found += "stackTrace"
    return found
}

/** Runs [call] against a MockEngine answering [body] as an event stream, and returns what it raised. */
private fun raisedBy(body: String, call: suspend (OpenAI) -> Unit): Throwable? {
    val engine = MockEngine { respond(body, HttpStatusCode.OK, headersOf(HttpHeaders.ContentType, "text/event-stream")) }
    return OpenAI { apiKey = TEST_KEY; baseUrl = "https://keyscan.invalid/v1"; this.engine = engine; maxRetries = 0 }.use { client ->
        runBlocking {
            try {
                withTimeout(30_000) { call(client) }
                null
            } catch (e: Throwable) {
                e
            }
        }
    }.also { engine.close() }
}

/**
 * Issue 24, item 2: a key echoed by the server (a misconfigured proxy does) never reaches an exception, whichever
 * layer raised it: every section's stream decoder on a malformed or misshapen chunk quoting the key, an error event
 * quoting it, and the faults of the matrix with bodies that quote it. Each exception's message, snippet, toString,
 * cause chain and suppressed exceptions are scanned, and so is its printed stack trace.
 */
class KeyScanTest : FunSpec({
    val hostileChunks = listOf(
        "data: {\"broken\": \"$TEST_KEY\"\n\n", // malformed JSON: the parser's message quotes it
        "data: {\"id\":{\"k\":\"$TEST_KEY\"},\"choices\":\"$TEST_KEY\",\"type\":\"$TEST_KEY\",\"delta\":{\"x\":\"$TEST_KEY\"}}\n\n", // wrong types
        "data: {\"type\":\"response.output_text.delta\",\"delta\":{\"$TEST_KEY\":1},\"choices\":[{\"index\":\"$TEST_KEY\"}]}\n\n",
        "event: error\ndata: {\"error\":{\"message\":\"bad key $TEST_KEY\"}}\n\n",
        "data: {\"id\":\"gen\",\"error\":{\"message\":\"key $TEST_KEY\"},\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}\n\n",
        "data: $TEST_KEY\n\n",
    )
    for ((name, call) in streamingCalls) test("$name: a chunk quoting the key never shows it in the exception") {
        var raised = 0
        for (chunk in hostileChunks) {
            val e = raisedBy(chunk + "data: [DONE]\n\n", call) ?: continue
            raised++
            withClue("$name on ${chunk.trim().take(60)}: ${e::class.qualifiedName}") {
                e.shouldBeInstanceOf<OpenAIException>()
                keyLeaks(e).shouldBeEmpty()
            }
        }
        withClue("the hostile chunks raised something") { raised shouldBeGreaterThan 0 }
    }

    for (engine in listOf(HttpEngine.JAVA, HttpEngine.CIO)) test("$engine: faults with bodies that quote the key never show it") {
        val echo = "{\"error\":{\"message\":\"Incorrect API key provided: $TEST_KEY\",\"type\":\"invalid_request_error\"}}"
        val scripted = listOf(
            Scripted.error(401, echo),
            Scripted.error(500, "<html>upstream saw Bearer $TEST_KEY</html>"),
            Scripted.json("{\"broken\": \"$TEST_KEY\""),
            Scripted.json(echo), // a 200 whose body is an error
            // Content (a model's words) is handed over as it came, in results and in `partial`: the rows quote the key
            // only where the SDK writes its own texts (messages, snippets, causes).
            Scripted.sse(listOf("{\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}", "{\"broken\": \"$TEST_KEY\"")),
            Scripted.sse(listOf("{\"error\":{\"message\":\"stream failed for $TEST_KEY\"}}")),
            Scripted.fault(Fault.malformedJson(), Scripted.json(echo)),
            Scripted.fault(Fault.closeAfterBytes(30), Scripted.json(echo)),
            Scripted.fault(Fault.closeAfterEvents(2), Scripted.sse(listOf("{\"error\":{\"message\":\"$TEST_KEY\"}}"))),
            Scripted.fault(Fault.html502()),
            Scripted.fault(Fault.stall(3_000)),
            Scripted.fault(Fault.resetBeforeHeaders()),
        )
        OpenAITestServer.start().use { server ->
            val raised = mutableListOf<Throwable>()
            client(server.baseUrl, engine) { logBodies = true }.use { c ->
                for ((i, s) in scripted.withIndex()) {
                    server.enqueue("chat/completions", s)
                    val outcome = if (i % 2 == 0) timed { c.chat.stream(ask("x")).accumulate() } else timed { c.chat.create(ask("x")) }
                    outcome.error?.let(raised::add)
                    // Both ways of calling, for every row: the script is used up by the first.
                    server.enqueue("chat/completions", s)
                    val other = if (i % 2 == 0) timed { c.chat.create(ask("x")) } else timed { c.chat.stream(ask("x")).accumulate() }
                    other.error?.let(raised::add)
                }
            }
            withClue("rows that raised") { raised.size shouldBeGreaterThan scripted.size }
            raised.forEach { e -> withClue("${e::class.simpleName}: leaks at") { keyLeaks(e).shouldBeEmpty() } }
        }
    }

    test("everything the fault matrix raised in this run is free of the key") {
        // Filled by FaultMatrixTest (and every other spec's timed calls) when they run before this spec.
        raisedExceptions.toList().forEach { e -> withClue("${e::class.simpleName}: leaks at") { keyLeaks(e).shouldBeEmpty() } }
    }

    test("the scan finds a key in a cause chain, a suppressed exception and a snippet (it can fail)") {
        val inCause = OpenAIException(dev.openai4k.ErrorKind.DECODE, "m", cause = IllegalStateException("quote $TEST_KEY"))
        keyLeaks(inCause).isEmpty() shouldBe false
        val inSuppressed = RuntimeException("m").apply { addSuppressed(RuntimeException("x $TEST_KEY")) }
        keyLeaks(inSuppressed).isEmpty() shouldBe false
        keyLeaks(OpenAIException(dev.openai4k.ErrorKind.DECODE, "m", bodySnippet = TEST_KEY)).isEmpty() shouldBe false
        keyLeaks(RuntimeException("clean")).shouldBeEmpty()
    }
})
