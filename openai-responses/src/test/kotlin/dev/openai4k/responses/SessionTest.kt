package dev.openai4k.responses

import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.ktor.client.engine.mock.MockRequestHandleScope
import io.ktor.client.request.HttpResponseData
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.withTimeout
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.put
import kotlinx.serialization.json.putJsonObject
import java.util.concurrent.atomic.AtomicInteger

private val citySchema = buildJsonObject {
    put("type", "object")
    putJsonObject("properties") { putJsonObject("city") { put("type", "string") } }
}

private fun MockRequestHandleScope.text(id: String, text: String, usage: Int = 1): HttpResponseData = json(
    """{"id":"$id","status":"completed","output":[{"type":"message","id":"m_$id","role":"assistant",
        "content":[{"type":"output_text","text":"$text","annotations":[]}]}],
        "usage":{"input_tokens":$usage,"output_tokens":$usage,"total_tokens":${2 * usage}}}""",
)

private fun MockRequestHandleScope.calls(id: String, vararg calls: Triple<String, String, String>): HttpResponseData = json(
    """{"id":"$id","status":"completed","output":[${
        calls.joinToString(",") { (callId, name, args) ->
            """{"type":"function_call","id":"fc_$callId","call_id":"$callId","name":"$name","arguments":${JsonPrimitive(args)}}"""
        }
    }]}""",
)

private fun JsonObject.inputItems(): List<JsonObject> = this["input"]!!.jsonArray.map { it.jsonObject }

@Serializable
data class CityArgs(val city: String)

class SessionTest : FunSpec({
    test("three turns chain previous_response_id, and a tool round sends function_call_output with the call id") {
        val n = AtomicInteger()
        val r = Recorded {
            when (n.getAndIncrement()) {
                0 -> text("resp_1", "Hi! How can I help?")
                1 -> calls("resp_2", Triple("call_w", "get_weather", """{"city":"Oslo"}"""))
                2 -> text("resp_3", "It is sunny in Oslo.")
                else -> text("resp_4", "Bye.")
            }
        }
        val seen = mutableListOf<JsonObject>()
        val session = r.client.responses.session {
            model = "gpt-4.1-mini"
            instructions = "Be brief."
            defaults { temperature = 0.2 }
            tool("get_weather", "Weather by city", citySchema) { args -> seen += args; "sunny" }
        }
        session.send("Hello").outputText shouldBe "Hi! How can I help?"
        session.send("Weather in Oslo?").outputText shouldBe "It is sunny in Oslo."
        session.send("Thanks").outputText shouldBe "Bye."

        r.requests.size shouldBe 4
        val bodies = (0..3).map { r.json(it) }
        bodies.map { it["previous_response_id"]?.jsonPrimitive?.content } shouldBe listOf(null, "resp_1", "resp_2", "resp_3")
        bodies.forEach {
            it["model"] shouldBe JsonPrimitive("gpt-4.1-mini")
            it["instructions"] shouldBe JsonPrimitive("Be brief.")
            it["temperature"] shouldBe JsonPrimitive(0.2)
            it["tools"]!!.jsonArray.single().jsonObject["name"] shouldBe JsonPrimitive("get_weather")
        }
        bodies[0].inputItems() shouldBe listOf(parseJson("""{"type":"message","role":"user","content":[{"type":"input_text","text":"Hello"}]}"""))
        bodies[2].inputItems() shouldBe listOf(parseJson("""{"type":"function_call_output","call_id":"call_w","output":"sunny"}"""))
        bodies[3].inputItems().single()["role"] shouldBe JsonPrimitive("user")
        seen shouldBe listOf(parseJson("""{"city":"Oslo"}"""))
        session.previousResponseId shouldBe "resp_4"
        session.history.map { it.id } shouldBe listOf("resp_1", "resp_2", "resp_3", "resp_4")
        session.usage.totalTokens shouldBe 6
    }

    test("parallel calls all get outputs; a throwing handler and an unknown function send errors back") {
        val n = AtomicInteger()
        val r = Recorded {
            if (n.getAndIncrement() == 0) {
                calls(
                    "resp_1",
                    Triple("c1", "get_weather", """{"city":"Rome"}"""),
                    Triple("c2", "explode", "{}"),
                    Triple("c3", "no_such_tool", "{}"),
                    Triple("c4", "get_weather", "not json"),
                )
            } else {
                text("resp_2", "done")
            }
        }
        val session = r.client.responses.session {
            model = "m"
            tool("get_weather", null, citySchema) { args -> "warm in ${args["city"]!!.jsonPrimitive.content}" }
            tool("explode", null, JsonObject(emptyMap())) { throw IllegalStateException("kaboom") }
        }
        session.send("go").outputText shouldBe "done"
        val outputs = r.json(1).inputItems()
        outputs.map { it["call_id"]!!.jsonPrimitive.content } shouldBe listOf("c1", "c2", "c3", "c4")
        outputs[0]["output"] shouldBe JsonPrimitive("warm in Rome")
        parseJson(outputs[1]["output"]!!.jsonPrimitive.content) shouldBe parseJson("""{"error":"IllegalStateException: kaboom"}""")
        parseJson(outputs[2]["output"]!!.jsonPrimitive.content) shouldBe parseJson("""{"error":"Unknown function: no_such_tool"}""")
        parseJson(outputs[3]["output"]!!.jsonPrimitive.content).jsonObject["error"]!!.jsonPrimitive.content shouldBe
            "The arguments are not a JSON object: not json"
    }

    test("the round limit raises ToolRoundLimitException after maxToolRounds rounds") {
        val n = AtomicInteger()
        val r = Recorded { calls("resp_${n.incrementAndGet()}", Triple("c${n.get()}", "loop", "{}")) }
        val session = r.client.responses.session {
            model = "m"
            maxToolRounds = 2
            tool("loop", null, JsonObject(emptyMap())) { "again" }
        }
        val e = shouldThrow<ToolRoundLimitException> { session.send("start") }
        e.maxRounds shouldBe 2
        e.response.id shouldBe "resp_3"
        r.requests.size shouldBe 3
        e.message shouldBe "The model still asked for tools (loop) after 2 tool rounds; raise maxToolRounds or check the tools' outputs"
    }

    test("the default round limit is 10") {
        val n = AtomicInteger()
        val r = Recorded { calls("resp_${n.incrementAndGet()}", Triple("c", "loop", "{}")) }
        val session = r.client.responses.session { model = "m"; tool("loop", null, JsonObject(emptyMap())) { "x" } }
        session.maxToolRounds shouldBe 10
        shouldThrow<ToolRoundLimitException> { session.send("start") }
        r.requests.size shouldBe 11
    }

    test("a call to a function without a handler ends the turn; the caller answers it") {
        val n = AtomicInteger()
        val r = Recorded {
            if (n.getAndIncrement() == 0) calls("resp_1", Triple("c1", "approve", "{}")) else text("resp_2", "approved")
        }
        val session = r.client.responses.session {
            model = "m"
            tool(ResponseTool.function("approve", "Ask a human", JsonObject(emptyMap())))
        }
        val first = session.send("buy it")
        first.functionCalls.single().callId shouldBe "c1"
        r.requests.size shouldBe 1
        session.send(listOf(ResponseItem.functionCallOutput("c1", "yes"))).outputText shouldBe "approved"
        r.json(1)["previous_response_id"] shouldBe JsonPrimitive("resp_1")
        r.json(1).inputItems().single() shouldBe parseJson("""{"type":"function_call_output","call_id":"c1","output":"yes"}""")
    }

    test("typed tools decode their arguments; undecodable arguments go back as an error") {
        val n = AtomicInteger()
        val r = Recorded {
            when (n.getAndIncrement()) {
                0 -> calls("resp_1", Triple("c1", "weather", """{"city":"Paris"}"""), Triple("c2", "weather", """{"town":"x"}"""))
                else -> text("resp_2", "ok")
            }
        }
        val session = r.client.responses.session {
            model = "m"
            typedTool<CityArgs>("weather", "d", citySchema) { args -> "cloudy in ${args.city}" }
        }
        session.send("?")
        val outputs = r.json(1).inputItems()
        outputs[0]["output"] shouldBe JsonPrimitive("cloudy in Paris")
        outputs[1]["output"]!!.jsonPrimitive.content.startsWith("{\"error\":") shouldBe true
    }

    test("without server state the session resends the transcript and never sends previous_response_id") {
        val n = AtomicInteger()
        val r = Recorded {
            when (n.getAndIncrement()) {
                0 -> text("resp_1", "first")
                1 -> calls("resp_2", Triple("c1", "t", "{}"))
                else -> text("resp_3", "second")
            }
        }
        val session = r.client.responses.session {
            model = "m"
            useServerState = false
            tool("t", null, JsonObject(emptyMap())) { "out" }
        }
        session.send("one")
        session.send("two").outputText shouldBe "second"
        (0..2).forEach { r.json(it)["previous_response_id"] shouldBe null }
        r.json(1).inputItems().map { it["type"]!!.jsonPrimitive.content to (it["role"] ?: it["call_id"])?.jsonPrimitive?.content } shouldBe
            listOf("message" to "user", "message" to "assistant", "message" to "user")
        r.json(2).inputItems().map { it["type"]!!.jsonPrimitive.content } shouldBe
            listOf("message", "message", "message", "function_call", "function_call_output")
        session.transcript.size shouldBe 6
    }

    test("concurrent sends are serialized: each continues from the one before") {
        val n = AtomicInteger()
        val r = Recorded { text("resp_${n.incrementAndGet()}", "ok") }
        val session = r.client.responses.session { model = "m" }
        withTimeout(10_000) {
            coroutineScope { (1..5).map { async { session.send("msg $it") } }.awaitAll() }
        }
        val previous = (0..4).map { r.json(it)["previous_response_id"]?.jsonPrimitive?.content }
        previous shouldBe listOf(null, "resp_1", "resp_2", "resp_3", "resp_4")
    }

    test("sendStreaming delivers text deltas across tool rounds and returns the final response") {
        val n = AtomicInteger()
        val r = Recorded {
            when (n.getAndIncrement()) {
                0 -> sseEvents(
                    data("""{"type":"response.created","response":{"id":"resp_1"}}"""),
                    data("""{"type":"response.output_item.added","output_index":0,"item":{"type":"function_call","id":"fc","call_id":"c1","name":"t","arguments":""}}"""),
                    data("""{"type":"response.function_call_arguments.delta","item_id":"fc","output_index":0,"delta":"{\"a\":"}"""),
                    data("""{"type":"response.function_call_arguments.delta","item_id":"fc","output_index":0,"delta":"1}"}"""),
                    data("""{"type":"response.completed","response":{"id":"resp_1","status":"completed","output":[]}}"""),
                )
                else -> sseEvents(
                    data("""{"type":"response.created","response":{"id":"resp_2"}}"""),
                    data("""{"type":"response.output_text.delta","item_id":"m","output_index":0,"content_index":0,"delta":"The "}"""),
                    data("""{"type":"response.output_text.delta","item_id":"m","output_index":0,"content_index":0,"delta":"answer"}"""),
                    data("""{"type":"response.completed","response":{"id":"resp_2","status":"completed","output":[]}}"""),
                )
            }
        }
        val args = mutableListOf<JsonObject>()
        val session = r.client.responses.session { model = "m"; tool("t", null, JsonObject(emptyMap())) { args += it; "1" } }
        val deltas = mutableListOf<String>()
        val response = session.sendStreaming("go") { deltas += it }
        deltas shouldBe listOf("The ", "answer")
        response.outputText shouldBe "The answer"
        args shouldBe listOf(parseJson("""{"a":1}"""))
        r.json(0)["stream"] shouldBe JsonPrimitive(true)
        r.json(1)["previous_response_id"] shouldBe JsonPrimitive("resp_1")
        r.json(1).inputItems().single()["call_id"] shouldBe JsonPrimitive("c1")
    }

    test("a session needs a model; reset forgets the chain") {
        val r = Recorded { text("resp_1", "x") }
        shouldThrow<IllegalStateException> { r.client.responses.session { } }
        val session = r.client.responses.sessionBuilder().model("m").instructions("i").build()
        session.send("a")
        session.reset()
        session.send("b")
        r.json(1)["previous_response_id"] shouldBe null
        session.history.size shouldBe 1
        (r.json(1)["input"] as JsonArray).size shouldBe 1
    }
})
