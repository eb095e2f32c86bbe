package dev.openai4k.responses

import dev.openai4k.testsupport.*
import dev.openai4k.tools.tool
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
            requestTemplate = responseRequest("") { temperature = 0.2 }
            tool(tool("get_weather", "Weather by city", citySchema) { args -> seen += args; "sunny" })
        }
        session.send("Hello").text shouldBe "Hi! How can I help?"
        val weather = session.send("Weather in Oslo?")
        weather.text shouldBe "It is sunny in Oslo."
        weather.responses.map { it.id } shouldBe listOf("resp_2", "resp_3")
        weather.toolExecutions.single().result shouldBe "sunny"
        weather.usage.totalTokens shouldBe 2
        session.send("Thanks").text shouldBe "Bye."

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

    test("the default round limit is 10") {
        val n = AtomicInteger()
        val r = Recorded { calls("resp_${n.incrementAndGet()}", Triple("c", "loop", "{}")) }
        val session = r.client.responses.session { model = "m"; tool(tool("loop", null, JsonObject(emptyMap())) { "x" }) }
        session.config.maxToolRounds shouldBe 10
        shouldThrow<ResponseToolRoundLimitException> { session.send("start") }.response.id shouldBe "resp_11"
        r.requests.size shouldBe 11
    }

    test("a call to a function declared as a ResponseTool (no handler) ends the turn; the caller answers it") {
        val n = AtomicInteger()
        val r = Recorded {
            if (n.getAndIncrement() == 0) calls("resp_1", Triple("c1", "approve", "{}")) else text("resp_2", "approved")
        }
        val session = r.client.responses.session {
            model = "m"
            tool(ResponseTool.function("approve", "Ask a human", JsonObject(emptyMap())))
        }
        val first = session.send("buy it")
        first.toolCalls.single().id shouldBe "c1"
        first.response.functionCalls.single().callId shouldBe "c1"
        r.requests.size shouldBe 1
        session.addToolResult("c1", "yes")
        session.continueConversation().text shouldBe "approved"
        r.json(1)["previous_response_id"] shouldBe JsonPrimitive("resp_1")
        r.json(1).inputItems().single() shouldBe parseJson("""{"type":"function_call_output","call_id":"c1","output":"yes"}""")
    }

    test("typed tools send the schema derived from their class and decode their arguments; misfits go back as an error") {
        val n = AtomicInteger()
        val r = Recorded {
            when (n.getAndIncrement()) {
                0 -> calls("resp_1", Triple("c1", "weather", """{"city":"Paris"}"""), Triple("c2", "weather", """{"town":"x"}"""))
                else -> text("resp_2", "ok")
            }
        }
        val session = r.client.responses.session {
            model = "m"
            tool(tool<CityArgs>("weather", "d") { args -> "cloudy in ${args.city}" })
        }
        session.send("?")
        r.json(0)["tools"]!!.jsonArray.single() shouldBe parseJson(
            """{"type":"function","name":"weather","description":"d","parameters":{"type":"object",
                "properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false},"strict":null}""",
        )
        val outputs = r.json(1).inputItems()
        outputs[0]["output"] shouldBe JsonPrimitive("cloudy in Paris")
        outputs[1]["output"] shouldBe JsonPrimitive("Error: Invalid arguments for 'weather': $: missing required property 'city'; $: unexpected property 'town'")
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
            tool(tool("t", null, JsonObject(emptyMap())) { "out" })
        }
        session.send("one")
        session.send("two").text shouldBe "second"
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

    test("the model comes from the config, else the template, else the client's default, else gpt-4o-mini; clear forgets the chain") {
        val r = Recorded(configure = { defaultModel = "llama3.2" }) { text("resp_1", "x") }
        r.client.responses.session { }.model shouldBe "llama3.2"
        r.client.responses.session { requestTemplate = responseRequest("tmpl") { } }.model shouldBe "tmpl"
        Recorded { text("resp_1", "x") }.client.responses.session().model shouldBe "gpt-4o-mini"
        val session = r.client.responses.session(ResponseSessionConfig.builder().model("m").instructions("i").build())
        session.send("a")
        session.clear()
        session.send("b")
        r.json(1)["previous_response_id"] shouldBe null
        r.json(1)["model"] shouldBe JsonPrimitive("m")
        session.history.size shouldBe 1
        (r.json(1)["input"] as JsonArray).size shouldBe 1
    }

    test("hosted tools and the template's tools are sent with the function tools") {
        val r = Recorded { text("resp_1", "x") }
        val session = r.client.responses.session {
            model = "m"
            requestTemplate = responseRequest("") { tool(ResponseTool.WebSearch()) }
            tool(tool("t", null, JsonObject(emptyMap())) { "out" })
            tool(ResponseTool.FileSearch(listOf("vs_1")))
        }
        session.send("?")
        r.json()["tools"]!!.jsonArray.map { it.jsonObject["type"]!!.jsonPrimitive.content } shouldBe listOf("web_search", "function", "file_search")
    }
})
