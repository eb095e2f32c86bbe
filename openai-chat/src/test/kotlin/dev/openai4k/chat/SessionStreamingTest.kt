package dev.openai4k.chat

import dev.openai4k.OpenAIStreamException
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.flow.toList
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import java.util.Collections

class SessionStreamingTest : FunSpec({
    test("a streamed turn delivers deltas as they arrive, records the whole answer and counts usage") {
        val r = Recorded { sse(listOf(Chunks.role(), Chunks.text("Hel"), Chunks.text("lo "), Chunks.text("Ann"), Chunks.finish("stop"), Chunks.usage(11, 3))) }
        val session = r.client.chat.session { system = "sys" }
        val deltas = Collections.synchronizedList(mutableListOf<String>())
        val turn = session.send("I am Ann") { deltas += it }
        deltas shouldBe listOf("Hel", "lo ", "Ann")
        turn.text shouldBe "Hello Ann"
        session.messages.last() shouldBe ChatMessage.assistant("Hello Ann")
        session.usage.totalTokens shouldBe 14
        r.json()["stream"] shouldBe JsonPrimitive(true)
        r.json()["stream_options"] shouldBe parse("""{"include_usage":true}""")
    }

    test("sendStreaming emits deltas and records the answer when the flow completes") {
        val r = Recorded { sse(listOf(Chunks.text("a"), Chunks.text("b"), Chunks.finish("stop"))) }
        val session = r.client.chat.session { }
        session.sendStreaming("go").toList() shouldBe listOf("a", "b")
        session.lastTurn!!.text shouldBe "ab"
        session.messages.map { it.role } shouldBe listOf("user", "assistant")
    }

    test("a streamed turn runs tools between streamed rounds") {
        var call = 0
        val args = """{"operation":"multiply","a":15,"b":27}"""
        val r = Recorded {
            call++
            if (call == 1) {
                sse(listOf(Chunks.toolStart(0, "call_s", "calculator")) + args.chunked(4).map { Chunks.toolArgs(0, it) } + Chunks.finish("tool_calls"))
            } else {
                sse(listOf(Chunks.text("It is "), Chunks.text("405."), Chunks.finish("stop")))
            }
        }
        val session = r.client.chat.session { tools += calculator }
        val deltas = mutableListOf<String>()
        val turn = session.send("What is 15 * 27?") { deltas += it }
        turn.text shouldBe "It is 405."
        deltas shouldBe listOf("It is ", "405.")
        turn.toolExecutions.single().invocation.arguments shouldBe args
        r.json(1)["messages"]!!.jsonArray.last().jsonObject shouldBe parse("""{"role":"tool","tool_call_id":"call_s","content":"405"}""")
    }

    test("a stream that breaks rolls the turn back and reports the partial text") {
        val r = Recorded { sse(listOf(Chunks.text("Half an ans"), """{"error":{"message":"overloaded"}}"""), done = false) }
        val session = r.client.chat.session { system = "sys" }
        val e = shouldThrow<OpenAIStreamException> { session.send("hi") { } }
        e.partialText shouldBe "Half an ans"
        session.messages shouldBe listOf(ChatMessage.system("sys"))
    }
})
