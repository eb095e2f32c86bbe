package dev.openai4k.chat

import dev.openai4k.common.StreamOptions
import dev.openai4k.InternalServerException
import dev.openai4k.testsupport.*
import dev.openai4k.tools.Tool
import dev.openai4k.tools.ToolArgumentsException
import dev.openai4k.tools.ToolExecution
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.withTimeout
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.util.Collections
import java.util.concurrent.atomic.AtomicInteger

class ChatSessionTest : FunSpec({
    test("the calculator agent calls the tool, sends its result back and answers; usage sums both calls") {
        val r = scripted(
            toolCallsJson(Triple("call_1", "calculator", """{"operation":"multiply","a":15,"b":27}"""), prompt = 50, completion = 20, cached = 10),
            answerJson("15 * 27 = 405.", prompt = 80, completion = 9, reasoning = 3),
        )
        val seen = Collections.synchronizedList(mutableListOf<ToolExecution>())
        val session = r.client.chat.session {
            model = "gpt-4o-mini"
            system = "You are a calculator."
            tools += calculator
            listener = object : ChatSessionListener {
                override fun onToolResult(execution: ToolExecution) { seen += execution }
            }
        }
        val turn = session.send("What is 15 * 27?")
        turn.text shouldBe "15 * 27 = 405."
        turn.requiresAction shouldBe false
        turn.toolExecutions.single().result shouldBe "405"
        turn.toolExecutions.single().failed shouldBe false
        turn.completions shouldHaveSize 2
        seen.single().invocation.id shouldBe "call_1"

        r.bodies shouldHaveSize 2
        val first = r.json(0)
        first["tools"] shouldBe JsonArray(listOf(calculator.toChatTool().let { dev.openai4k.OpenAIJson.encodeToJsonElement(ChatTool.serializer(), it) }))
        first["tools"]!!.jsonArray[0].jsonObject["function"]!!.jsonObject["parameters"]!!.jsonObject["properties"]!!
            .jsonObject["operation"] shouldBe parse(
                """{"type":"string","enum":["add","subtract","multiply","divide"],"description":"The arithmetic operation"}""",
            )
        val second = r.json(1)["messages"]!!.jsonArray
        second.map { it.jsonObject["role"]!!.jsonPrimitive.content } shouldBe listOf("system", "user", "assistant", "tool")
        second[2] shouldBe parse(
            """{"role":"assistant","tool_calls":[{"id":"call_1","type":"function",
                "function":{"name":"calculator","arguments":"{\"operation\":\"multiply\",\"a\":15,\"b\":27}"}}]}""",
        )
        second[3] shouldBe parse("""{"role":"tool","tool_call_id":"call_1","content":"405"}""")

        turn.usage.promptTokens shouldBe 130
        turn.usage.completionTokens shouldBe 29
        session.usage.totalTokens shouldBe 159
        session.usage.promptTokensDetails!!.cachedTokens shouldBe 10
        session.usage.completionTokensDetails!!.reasoningTokens shouldBe 3
        session.messages.map { it.role } shouldBe listOf("system", "user", "assistant", "tool", "assistant")
        (session.messages.last() as AssistantMessage).content shouldBe MessageContent.Text("15 * 27 = 405.")
    }

    test("tool calls without ids get distinct ids that their tool messages answer") {
        val r = scripted(
            toolCallsJson(Triple("", "calculator", """{"operation":"add","a":1,"b":1}"""), Triple("", "calculator", """{"operation":"add","a":2,"b":2}""")),
            answerJson("2 and 4"),
        )
        val turn = r.client.chat.session { tools += calculator }.send("go")
        turn.toolExecutions.map { it.invocation.id } shouldBe listOf("call_1", "call_2")
        val sent = r.json(1)["messages"]!!.jsonArray
        sent[1].jsonObject["tool_calls"]!!.jsonArray.map { it.jsonObject["id"]!!.jsonPrimitive.content } shouldBe listOf("call_1", "call_2")
        sent.drop(2).map { it.jsonObject["tool_call_id"]!!.jsonPrimitive.content to it.jsonObject["content"]!!.jsonPrimitive.content } shouldBe
            listOf("call_1" to "2", "call_2" to "4")
    }

    test("the round limit raises ChatToolRoundLimitException with the history, and the turn is rolled back") {
        val r = scripted(toolCallsJson(Triple("loop", "calculator", """{"operation":"add","a":1,"b":1}""")))
        val session = r.client.chat.session { system = "sys"; tools += calculator; maxToolRounds = 2 }
        val e = shouldThrow<ChatToolRoundLimitException> { session.send("loop forever") }
        e.rounds shouldBe 2
        r.bodies shouldHaveSize 3
        e.toolExecutions shouldHaveSize 2
        e.messages.map { it.role } shouldBe listOf("system", "user", "assistant", "tool", "assistant", "tool", "assistant")
        e.message shouldBe "The model was still calling tools after 2 rounds (the limit)"
        session.messages shouldBe listOf(ChatMessage.system("sys"))
        session.usage.totalTokens shouldBe 45
    }

    test("a typed tool whose arguments do not decode reports ToolArgumentsException") {
        // A schema that lets anything through, so the decoding into Calculation is what fails.
        val strictCalc = Tool("calc", null, parse("""{"type":"object"}"""), null, calculator.handler)
        val r = scripted(toolCallsJson(Triple("c1", "calc", """{"operation":"add"}""")), answerJson("ok"))
        val turn = r.client.chat.session { tools += strictCalc }.send("go")
        turn.toolExecutions.single().error.shouldBeInstanceOf<ToolArgumentsException>().message shouldBe
            "Invalid arguments for tool 'calculator': Fields [a, b] are required for type with serial name 'dev.openai4k.chat.Calculation', but they were missing at path: $"
    }

    test("history saved to JSON restores into a new session that continues the conversation") {
        val r = scripted(answerJson("Hello Ann."), answerJson("Your name is Ann."))
        val first = r.client.chat.session { system = "Remember names." }
        first.send("I am Ann.")
        val saved = first.historyJson()
        parse("""{"h":$saved}""")["h"] shouldBe parse(
            """{"h":[{"role":"system","content":"Remember names."},{"role":"user","content":"I am Ann."},
                {"role":"assistant","content":"Hello Ann."}]}""",
        )["h"]

        val restored = r.client.chat.session { system = "Remember names."; history(ChatHistory.fromJson(saved)) }
        restored.messages shouldBe first.messages
        restored.send("What is my name?").text shouldBe "Your name is Ann."
        r.json(1)["messages"]!!.jsonArray.map { it.jsonObject["content"]!!.jsonPrimitive.content } shouldBe
            listOf("Remember names.", "I am Ann.", "Hello Ann.", "What is my name?")
    }

    test("clear keeps the system prompt and resets usage") {
        val r = scripted(answerJson("a"), answerJson("b"))
        val session = r.client.chat.session { system = "sys" }
        session.send("one")
        session.usage.totalTokens shouldBe 15
        session.clear()
        session.messages shouldBe listOf(ChatMessage.system("sys"))
        session.usage shouldBe dev.openai4k.Usage.ZERO
        session.lastTurn shouldBe null
        session.send("two")
        r.json(1)["messages"] shouldBe parse("""{"m":[{"role":"system","content":"sys"},{"role":"user","content":"two"}]}""")["m"]
    }

    test("concurrent sends are serialized: one request at a time, every answer right after its question") {
        val inFlight = AtomicInteger()
        val maxInFlight = AtomicInteger()
        val r = Recorded { request ->
            val now = inFlight.incrementAndGet()
            maxInFlight.accumulateAndGet(now, ::maxOf)
            delay(5)
            val body = parse(request.body)
            val lastUser = body["messages"]!!.jsonArray.last().jsonObject["content"]!!.jsonPrimitive.content
            inFlight.decrementAndGet()
            json(answerJson("echo: $lastUser"))
        }
        val session = r.client.chat.session { }
        val turns = coroutineScope {
            (1..8).map { i -> async(kotlinx.coroutines.Dispatchers.Default) { session.send("q$i") } }.awaitAll()
        }
        turns.mapIndexed { i, t -> t.text } shouldBe (1..8).map { "echo: q$it" }
        maxInFlight.get() shouldBe 1
        val history = session.messages
        history shouldHaveSize 16
        history.chunked(2).forEach { (q, a) ->
            val question = ((q as UserMessage).content as MessageContent.Text).text
            (a as AssistantMessage).content shouldBe MessageContent.Text("echo: $question")
        }
        session.usage.totalTokens shouldBe 8 * 15
    }

    test("the model comes from the config, else the client's default, else gpt-4o-mini; request fields are merged") {
        val r = scripted(answerJson("ok"), configure = { defaultModel = "llama3.2" })
        r.client.chat.session { }.model shouldBe "llama3.2"
        scripted(answerJson("ok")).client.chat.session().model shouldBe "gpt-4o-mini"
        val session = r.client.chat.session(
            ChatSessionConfig.builder()
                .model("gpt-4o")
                .system("sys")
                .temperature(0.2)
                .topP(0.8)
                .maxTokens(64)
                .requestTemplate(ChatRequest.builder("").temperature(1.0).seed(7).streamOptions(StreamOptions(includeUsage = true)).user("ignored").build())
                .extraBody("top_k", 20)
                .tool(calculator)
                .toolChoice(ToolChoice.AUTO)
                .parallelToolCalls(true)
                .build(),
        )
        session.send("hi")
        val body = r.json()
        body.keys shouldBe setOf("model", "messages", "temperature", "top_p", "max_tokens", "seed", "tools", "tool_choice", "parallel_tool_calls", "top_k")
        body["model"] shouldBe JsonPrimitive("gpt-4o")
        body["temperature"] shouldBe JsonPrimitive(0.2)
        body["seed"] shouldBe JsonPrimitive(7)
        body["top_k"] shouldBe JsonPrimitive(20)
        body["messages"]!!.jsonArray shouldHaveSize 2
    }

    test("prompt answers one question through a session with tools") {
        val r = scripted(toolCallsJson(Triple("c1", "calculator", """{"operation":"divide","a":1,"b":4}""")), answerJson("0.25"))
        r.client.chat.prompt("What is 1/4?") { tools += calculator } shouldBe "0.25"
        (r.json(1)["messages"]!!.jsonArray.last() as JsonObject)["content"] shouldBe JsonPrimitive("0.25")

        val refusing = scripted(completionJson(null, refusal = "No."))
        shouldThrow<ChatRefusalException> { refusing.client.chat.prompt("x", ChatSessionConfig.DEFAULT) }.refusal shouldBe "No."
    }
})
