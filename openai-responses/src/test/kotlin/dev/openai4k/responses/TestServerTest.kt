package dev.openai4k.responses

import dev.openai4k.common.ListQuery
import dev.openai4k.NotFoundException
import dev.openai4k.OpenAI
import dev.openai4k.OpenAIConnectionException
import dev.openai4k.testkit.Fault
import dev.openai4k.testkit.OpenAITestServer
import dev.openai4k.testkit.Scripted
import dev.openai4k.testkit.SseOptions
import dev.openai4k.testkit.ToolCallSpec
import dev.openai4k.testsupport.*
import dev.openai4k.tools.tool
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.withTimeout
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.put
import kotlin.time.Duration.Companion.seconds

/** Socket-level tests against openai-testkit's loopback server. */
class TestServerTest : FunSpec({
    lateinit var server: OpenAITestServer
    lateinit var openai: OpenAI

    beforeEach {
        server = OpenAITestServer.start()
        openai = OpenAI { baseUrl = server.baseUrl; maxRetries = 0; timeout = 20.seconds; streamIdleTimeout = 20.seconds }
    }
    afterEach {
        openai.close()
        server.close()
    }

    test("create, retrieve, list input items and delete a stored response over a real socket") {
        val created = openai.responses.create(responseRequest("gpt-4.1-mini") { instructions = "Echo."; user("ping pong") })
        created.id shouldStartWith "resp_"
        created.status shouldBe ResponseStatus.COMPLETED
        created.outputText shouldBe "ping pong"
        created.usage!!.totalTokens shouldBe created.usage!!.inputTokens + created.usage!!.outputTokens

        val sent = server.requests.single()
        sent.method shouldBe "POST"
        sent.relativePath shouldBe "responses"
        sent.jsonObject shouldBe parseJson(
            """{"model":"gpt-4.1-mini","input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"ping pong"}]}],"instructions":"Echo."}""",
        )

        openai.responses.retrieve(created.id).outputText shouldBe "ping pong"
        val items = openai.responses.inputItems.listAll(created.id, ListQuery(limit = 1)).toList()
        items.single().shouldBeInstanceOf<ResponseItem.Message>().text shouldBe "ping pong"

        openai.responses.delete(created.id).deleted shouldBe true
        shouldThrow<NotFoundException> { openai.responses.retrieve(created.id) }.status shouldBe 404
    }

    test("a streamed answer arrives in word chunks and accumulates to the completed response") {
        val events = openai.responses.stream(responseRequest("m") { input("one two three four") }).toList()
        val deltas = events.filterIsInstance<ResponseStreamEvent.OutputTextDelta>()
        (deltas.size > 1) shouldBe true
        deltas.joinToString("") { it.delta } shouldBe "one two three four"
        events.first().shouldBeInstanceOf<ResponseStreamEvent.Created>()
        val acc = ResponseAccumulator()
        events.forEach(acc::add)
        acc.isDone shouldBe true
        acc.result().outputText shouldBe "one two three four"
        server.requests.single().jsonObject!!["stream"] shouldBe JsonPrimitive(true)
    }

    test("interleaved function-call argument fragments of two calls reassemble exactly") {
        server.enqueue(
            "responses",
            Scripted.toolCalls(
                ToolCallSpec("call_a", "get_weather", """{"city":"Oslo","unit":"celsius"}"""),
                ToolCallSpec("call_b", "get_time", """{"zone":"Europe/Oslo"}"""),
            ),
        )
        val response = openai.responses.stream(responseRequest("m") { input("x") }).accumulate()
        response.functionCalls.map { Triple(it.callId, it.name, it.arguments) } shouldBe listOf(
            Triple("call_a", "get_weather", """{"city":"Oslo","unit":"celsius"}"""),
            Triple("call_b", "get_time", """{"zone":"Europe/Oslo"}"""),
        )
    }

    test("a session runs a tool over the socket and chains previous_response_id") {
        server.enqueue("responses", Scripted.toolCalls(ToolCallSpec("call_7", "lookup", """{"q":"kotlin"}""")))
        server.enqueue("responses", Scripted.text("Kotlin is a language."))
        val session = openai.responses.session {
            model = "m"
            tool(
                tool("lookup", "Looks things up", buildJsonObject { put("type", "object") }) { args ->
                    "result for ${args["q"]!!.jsonPrimitive.content}"
                },
            )
        }
        session.send("What is Kotlin?").text shouldBe "Kotlin is a language."
        session.send("And Java?") { }.text shouldBe "And Java?"

        val bodies = server.requests.map { it.jsonObject!! }
        bodies.size shouldBe 3
        bodies[0]["previous_response_id"] shouldBe null
        bodies[1]["previous_response_id"] shouldBe JsonPrimitive(session.history[0].id)
        bodies[1]["input"]!!.jsonArray.single() shouldBe
            parseJson("""{"type":"function_call_output","call_id":"call_7","output":"result for kotlin"}""")
        bodies[2]["previous_response_id"] shouldBe JsonPrimitive(session.history[1].id)
        bodies[2]["stream"] shouldBe JsonPrimitive(true)
    }

    test("a connection reset mid-stream raises a connection error carrying the partial text") {
        // Paced, so the first events are read before the reset; a reset may discard the last event still unread.
        val paced = Scripted.text("alpha beta gamma delta epsilon", SseOptions.DEFAULT.withDelayMillis(100))
        server.enqueue("responses", Scripted.fault(Fault.resetAfterEvents(6), paced))
        val e = shouldThrow<OpenAIConnectionException> {
            openai.responses.stream(responseRequest("m") { input("x") }).accumulate()
        }
        // created, in_progress, item added, part added, then two word deltas.
        listOf("alpha", "alpha beta") shouldContain e.partialText
        e.partial.shouldBeInstanceOf<Response>().outputText shouldBe e.partialText
    }

    test("a stream that ends cleanly without response.completed fails, carrying what arrived, still in progress") {
        server.enqueue("responses", Scripted.fault(Fault.closeAfterEvents(6), Scripted.text("alpha beta gamma delta epsilon")))
        val e = io.kotest.assertions.throwables.shouldThrow<dev.openai4k.OpenAIConnectionException> {
            openai.responses.stream(responseRequest("m") { input("x") }).accumulate()
        }
        e.partialText shouldBe "alpha beta"
        val response = e.partial as Response
        response.status shouldBe ResponseStatus.IN_PROGRESS
        response.outputText shouldBe "alpha beta"
        response.id shouldStartWith "resp_"
    }

    test("cancelling the collector closes the connection") {
        server.enqueue("responses", Scripted.text("a b c d e f g h i j k l m n o p", SseOptions.DEFAULT.withDelayMillis(200)))
        val firstDelta = CompletableDeferred<String>()
        coroutineScope {
            val job = async {
                openai.responses.stream(responseRequest("m") { input("x") }).collect { event ->
                    if (event is ResponseStreamEvent.OutputTextDelta) firstDelta.complete(event.delta)
                }
            }
            withTimeout(10_000) { firstDelta.await() } shouldBe "a"
            job.cancelAndJoin()
        }
        server.awaitDisconnects(1, 10.seconds) shouldBe true
    }

    test("a background response can be cancelled") {
        val created = openai.responses.create(responseRequest("m") { input("slow"); background = true })
        created.status shouldBe ResponseStatus.QUEUED
        openai.responses.cancel(created.id).status shouldBe ResponseStatus.CANCELLED
        server.requests.last().relativePath shouldBe "responses/${created.id}/cancel"
    }

    test("json_schema output from the server is valid JSON for the schema sent") {
        val schema = parseJson("""{"type":"object","properties":{"answer":{"type":"string"}},"required":["answer"]}""") as JsonObject
        val response = openai.responses.create(responseRequest("m") { input("hi"); jsonSchema("reply", schema) })
        parseJson(response.outputText).jsonObject.keys shouldBe setOf("answer")
        server.requests.single().jsonObject!!["text"] shouldBe
            parseJson("""{"format":{"type":"json_schema","name":"reply","schema":$schema,"strict":true}}""")
    }
})
