package dev.openai4k.examples

import dev.openai4k.testkit.OpenAITestServer
import dev.openai4k.testkit.Scripted
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.string.shouldStartWith
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import java.nio.file.Files

/** Runs the tour against the built-in test server and checks what each example did, on the wire and on disk. */
class ExampleTourTest : FunSpec({

    /** Runs [steps] (default: the whole tour) offline; hands the report, the printed text and the server to [check]. */
    suspend fun tour(
        steps: ((PrintStream) -> List<TourStep>) = { tourSteps(it) },
        check: suspend (TourReport, String, OpenAITestServer, ExampleEnvironment) -> Unit,
    ) {
        val buffer = ByteArrayOutputStream()
        val out = PrintStream(buffer, true, Charsets.UTF_8)
        ExampleEnvironment.offline(tempdir().toPath()).use { env ->
            val report = runTour(env, out, steps = steps(out))
            check(report, buffer.toString(Charsets.UTF_8), env.testServer.shouldNotBeNull(), env)
        }
    }

    fun messagesOf(request: JsonObject?) = request?.get("messages")?.jsonArray.orEmpty().map { it.jsonObject }

    fun JsonObject.string(name: String): String? = get(name)?.jsonPrimitive?.content

    test("every example of the tour succeeds against the test server, Kotlin and Java") {
        tour { report, text, server, env ->
            withClue(text) {
                report.failed.map { it.name } shouldBe emptyList()
                report.outcomes.map { it.name } shouldContainExactly tourSteps().map { it.name }
                text.lineSequence().first() shouldStartWith
                    "No OPENAI_API_KEY/OPENAI_BASE_URL: running against the built-in test server at ${server.baseUrl}"
                text shouldContain "== embeddings similarity ==\ncos(cat, kitten) = "
                text shouldContain "19 examples: 19 succeeded, 0 failed"
            }
            val result = report.outcomes.associate { it.name to it.result.orEmpty() }

            // The agents ran their tools and sent the results back under the scripted call ids.
            val toolMessages = server.requests("chat/completions")
                .flatMap { messagesOf(it.jsonObject) }
                .filter { it.string("role") == "tool" }
            toolMessages.map { it.string("tool_call_id") } shouldContainExactly listOf("call_weather_1", "call_days_1")
            toolMessages[0].string("content").shouldNotBeNull() shouldContain "\"temperature\":\"8 °C\""
            toolMessages[1].string("content").shouldNotBeNull() shouldContain "\"days\":"
            result.getValue("tool-using agent") shouldContain "answer: Yes, take an umbrella"

            // Structured output asked for a strict JSON schema and decoded the scripted JSON.
            val schemaRequests = server.requests("chat/completions").filter {
                it.jsonObject?.get("response_format")?.jsonObject?.string("type") == "json_schema"
            }
            schemaRequests shouldHaveSize 1
            result.getValue("structured output (chat.parse)") shouldBe
                "CityFacts(name=Paris, country=France, population=2102650, landmarks=[Eiffel Tower, Louvre, Notre-Dame])"

            // Vision sent the in-memory PNG inline.
            val imageParts = server.requests("chat/completions")
                .flatMap { messagesOf(it.jsonObject) }
                .mapNotNull { m -> (m["content"] as? JsonArray)?.map { it.jsonObject } }
                .flatten()
                .filter { it.string("type") == "image_url" }
            imageParts shouldHaveSize 1
            imageParts[0]["image_url"]!!.jsonObject.string("url").shouldNotBeNull() shouldStartWith "data:image/png;base64,"

            // Both streaming examples streamed.
            server.requests("chat/completions").count { it.jsonObject?.string("stream") == "true" } shouldBe 2

            // The image and the speech landed on disk; the transcription uploaded exactly the speech file.
            val png = env.outputDir.resolve("lighthouse-0.png")
            Files.readAllBytes(png).copyOfRange(0, 4).toList() shouldBe listOf(0x89.toByte(), 'P'.code.toByte(), 'N'.code.toByte(), 'G'.code.toByte())
            val speech = Files.readAllBytes(env.outputDir.resolve("speech.wav"))
            val upload = server.requests("audio/transcriptions").single().part("file").shouldNotBeNull()
            upload.filename shouldBe "speech.wav"
            upload.bytes.contentEquals(speech) shouldBe true

            // The Responses examples chained their second turn to the first.
            val created = server.requests("POST responses").map { it.jsonObject.shouldNotBeNull() }
            created shouldHaveSize 4
            created[0]["previous_response_id"].shouldBeNull()
            created[1].string("previous_response_id").shouldNotBeNull()
            created[3].string("previous_response_id").shouldNotBeNull()

            // The files example went through upload, list, content and delete, and left nothing behind.
            server.requests.filter { it.relativePath.startsWith("files") }.map { it.method + " " + it.relativePath.substringBefore("/") }
                .shouldContainExactly("POST files", "GET files", "GET files", "DELETE files")
            server.requests("GET files/{id}/content") shouldHaveSize 1
        }
    }

    test("a failing example is printed with its error and the tour carries on") {
        tour(steps = { listOf(TourStep("breaks") { error("broken on purpose") }, TourStep("works") { "fine" }) }) { report, text, _, _ ->
            report.failed.map { it.name } shouldBe listOf("breaks")
            report.succeeded.map { it.name } shouldBe listOf("works")
            text shouldContain "== breaks ==\nFAILED: IllegalStateException: broken on purpose"
            text shouldContain "== works ==\nfine"
            text shouldContain "2 examples: 1 succeeded, 1 failed"
        }
    }

    test("answers scripted for an example that failed early do not reach the next example") {
        val steps = { _: PrintStream ->
            listOf(
                TourStep("fails before asking", prepare = { it.script("chat/completions", Scripted.text("stale scripted answer")) }) {
                    error("gave up")
                },
                TourStep("asks") { oneShotPrompt(it.openai, it.models.chat) },
            )
        }
        tour(steps) { report, _, server, _ ->
            report.outcomes.last().result.shouldNotBeNull() shouldNotContain "stale scripted answer"
            report.outcomes.last().result.shouldNotBeNull() shouldStartWith "What is the capital of Norway?"
            server.pendingTotal shouldBe 0
        }
    }

    test("with OPENAI_BASE_URL set, the environment targets that server with the models named in the environment") {
        val vars = mapOf("OPENAI_BASE_URL" to "http://127.0.0.1:9/v1", "OPENAI_MODEL" to "llama3.2", "OPENAI_EMBEDDING_MODEL" to "nomic-embed-text")
        ExampleEnvironment.start(vars::get, tempdir().toPath()).use { env ->
            env.isOffline shouldBe false
            env.testServer.shouldBeNull()
            env.openai.config.baseUrl shouldBe "http://127.0.0.1:9/v1"
            env.banner shouldStartWith "Running against http://127.0.0.1:9/v1"
            env.models.chat shouldBe "llama3.2"
            env.models.vision shouldBe "llama3.2"
            env.models.embedding shouldBe "nomic-embed-text"
            env.models.transcription shouldBe "whisper-1"
        }
    }

    test("OPENAI_EXAMPLES-style selection runs only the matching examples") {
        val buffer = ByteArrayOutputStream()
        val out = PrintStream(buffer, true, Charsets.UTF_8)
        ExampleEnvironment.offline(tempdir().toPath()).use { env ->
            val report = runTour(env, out, only = listOf("EMBEDDINGS"), steps = tourSteps(out))
            report.outcomes.map { it.name } shouldContainExactly listOf("embeddings similarity", "Java: embeddings")
            report.skipped shouldHaveSize 17
            env.testServer.shouldNotBeNull().requests.map { it.relativePath }.distinct() shouldBe listOf("embeddings")
        }
    }

    test("cosine similarity") {
        cosine(floatArrayOf(1f, 0f), floatArrayOf(1f, 0f)) shouldBe 1.0
        cosine(floatArrayOf(1f, 0f), floatArrayOf(0f, 2f)) shouldBe 0.0
        cosine(floatArrayOf(1f, 1f), floatArrayOf(-1f, -1f)) shouldBe (-1.0 plusOrMinus 1e-9)
    }
})
