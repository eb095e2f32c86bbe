package dev.openai4k.chat

import dev.openai4k.common.FinishReason
import dev.openai4k.common.StreamOptions
import dev.openai4k.OpenAI
import dev.openai4k.OpenAIStreamException
import dev.openai4k.testkit.OpenAITestServer
import dev.openai4k.testkit.Scripted
import dev.openai4k.testkit.SseOptions
import dev.openai4k.testkit.ToolCallSpec
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.ints.shouldBeGreaterThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlin.time.Duration.Companion.seconds

/** Streams and sessions over real loopback sockets, against the testkit server. */
class ChatSocketTest : FunSpec({
    lateinit var server: OpenAITestServer
    lateinit var client: OpenAI

    beforeEach {
        server = OpenAITestServer.start()
        client = OpenAI { baseUrl = server.baseUrl; maxRetries = 0 }
    }
    afterEach {
        client.close()
        server.close()
    }

    test("two parallel tool calls streamed in 10+ fragments each reassemble exactly") {
        val argsA = """{"location":"Paris, France","unit":"celsius","days":5}"""
        val argsB = """{"timezone":"Europe/Paris","format":"24-hour","seconds":true}"""
        server.enqueue("chat/completions", Scripted.toolCalls(ToolCallSpec("call_a", "get_weather", argsA), ToolCallSpec("call_b", "get_time", argsB)))
        val chunks = client.chat.stream(chatRequest("gpt-4o-mini") { user("weather and time?") }).toList()
        for (index in 0..1) {
            chunks.count { c -> c.choices.any { ch -> ch.delta.toolCalls.orEmpty().any { it.index == index && it.id == null } } } shouldBeGreaterThanOrEqual 10
        }
        val whole = chunks.fold(ChatCompletionAccumulator()) { acc, c -> acc.add(c) }.result()
        whole.toolCalls shouldBe listOf(
            ToolCall("call_a", FunctionCall("get_weather", argsA)),
            ToolCall("call_b", FunctionCall("get_time", argsB)),
        )
        whole.finishReason shouldBe FinishReason.TOOL_CALLS
        server.requests("chat/completions").single().jsonObject!!["stream"] shouldBe JsonPrimitive(true)
    }

    test("a usage-only last chunk carries the usage into the accumulated completion") {
        server.enqueue("chat/completions", Scripted.text("one two three"))
        val chunks = client.chat.stream(chatRequest("gpt-4o-mini") { user("count"); streamOptions = StreamOptions(includeUsage = true) }).toList()
        chunks.last().choices shouldBe emptyList()
        val usage = chunks.last().usage!!
        usage.completionTokens shouldBeGreaterThanOrEqual 1
        val whole = chunks.fold(ChatCompletionAccumulator()) { acc, c -> acc.add(c) }.result()
        whole.text shouldBe "one two three"
        whole.usage shouldBe usage
        whole.systemFingerprint shouldBe "fp_testkit"
    }

    test("an error event mid-stream raises the stream error with the text received so far") {
        server.enqueue(
            "chat/completions",
            Scripted.sse(
                listOf(Chunks.role(), Chunks.text("The answer "), Chunks.text("is"), """{"error":{"message":"Internal error","type":"server_error","code":"internal"}}"""),
                SseOptions.DEFAULT.withoutDone(),
            ),
        )
        val e = shouldThrow<OpenAIStreamException> { client.chat.stream(chatRequest("m") { user("x") }).accumulate() }
        e.code shouldBe "internal"
        e.partialText shouldBe "The answer is"
        e.partial.shouldBeInstanceOf<ChatCompletion>().text shouldBe "The answer is"
    }

    test("cancelling a stream after three chunks closes the connection") {
        val long = (1..200).joinToString(" ") { "word$it" }
        server.enqueue("chat/completions", Scripted.text(long, SseOptions.DEFAULT.withDelayMillis(20)))
        val first = client.chat.stream(chatRequest("m") { user("talk") }).take(3).toList()
        first shouldHaveSize 3
        server.awaitDisconnects(1, 5.seconds) shouldBe true
        server.disconnects shouldBe 1
    }

    test("the calculator agent over a socket: tool call, handler, tool message with the matching id, summed usage") {
        server.enqueue(
            "chat/completions",
            Scripted.toolCalls(ToolCallSpec("call_calc", "calculator", """{"operation":"multiply","a":15,"b":27}""")),
            Scripted.text("15 * 27 = 405"),
        )
        val session = client.chat.session { system = "You are a calculator."; tools += calculator }
        val turn = session.send("What is 15 * 27?")
        turn.text shouldBe "15 * 27 = 405"
        turn.toolExecutions.single().result shouldBe "405"

        val requests = server.requests("chat/completions")
        requests shouldHaveSize 2
        val second = requests[1].jsonObject!!["messages"]!!.jsonArray
        second.map { it.jsonObject["role"]!!.jsonPrimitive.content } shouldBe listOf("system", "user", "assistant", "tool")
        val call = second[2].jsonObject["tool_calls"]!!.jsonArray.single().jsonObject
        call["id"] shouldBe JsonPrimitive("call_calc")
        call["function"] shouldBe parse("""{"name":"calculator","arguments":"{\"operation\":\"multiply\",\"a\":15,\"b\":27}"}""")
        second[3] shouldBe parse("""{"role":"tool","tool_call_id":"call_calc","content":"405"}""")

        val perCall = turn.completions.map { it.usage!! }
        perCall shouldHaveSize 2
        session.usage.promptTokens shouldBe perCall.sumOf { it.promptTokens }
        session.usage.completionTokens shouldBe perCall.sumOf { it.completionTokens }
        session.usage.totalTokens shouldBe perCall.sumOf { it.totalTokens }
        (perCall[1].promptTokens > perCall[0].promptTokens) shouldBe true
    }

    test("a streamed session turn over a socket runs the streamed tool call and streams the answer") {
        server.enqueue(
            "chat/completions",
            Scripted.toolCalls(ToolCallSpec("call_s", "calculator", """{"operation":"add","a":40,"b":2}""")),
            Scripted.text("The sum is 42"),
        )
        val session = client.chat.session { tools += calculator }
        val deltas = mutableListOf<String>()
        val turn = session.send("40 + 2?") { deltas += it }
        deltas.joinToString("") shouldBe "The sum is 42"
        (deltas.size > 1) shouldBe true
        turn.toolExecutions.single().result shouldBe "42"
        session.usage.totalTokens shouldBe turn.completions.sumOf { it.usage!!.totalTokens }
        (session.usage.totalTokens > 0) shouldBe true
        server.requests("chat/completions").forEach { it.jsonObject!!["stream_options"] shouldBe parse("""{"include_usage":true}""") }
    }

    test("without a script the server echoes; parse round-trips through a json_schema answer") {
        client.chat.text("gpt-4o-mini", "ping") shouldBe "ping"
        val info = client.chat.parse<CityInfo>(chatRequest("gpt-4o-mini") { user("Paris") })
        server.requests("chat/completions").last().jsonObject!!["response_format"]!!.jsonObject["type"] shouldBe JsonPrimitive("json_schema")
        info.landmarks.shouldBeInstanceOf<List<String>>()
    }
})
