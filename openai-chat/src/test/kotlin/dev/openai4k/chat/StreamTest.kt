package dev.openai4k.chat

import dev.openai4k.common.FinishReason
import dev.openai4k.common.StreamOptions
import dev.openai4k.partial
import dev.openai4k.OpenAIDecodeException
import dev.openai4k.OpenAIStreamException
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeGreaterThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.toList
import kotlinx.serialization.json.JsonPrimitive

class StreamTest : FunSpec({
    test("a stream sends stream=true and yields text deltas that accumulate into the whole answer") {
        val r = Recorded { sse(listOf(Chunks.role(), Chunks.text("Hel"), Chunks.text("lo"), Chunks.text("!"), Chunks.finish("stop"))) }
        val request = chatRequest("gpt-4o-mini") { user("hi") }
        r.client.chat.stream(request).map { it.text }.toList() shouldBe listOf("", "Hel", "lo", "!", "")
        r.json()["stream"] shouldBe JsonPrimitive(true)
        r.requests.single().headers["Accept"] shouldBe "text/event-stream"

        val whole = r.client.chat.stream(request).accumulate()
        whole.id shouldBe "chatcmpl-s"
        whole.objectType shouldBe "chat.completion"
        whole.model shouldBe "gpt-4o-mini"
        whole.created shouldBe 1700000001L
        whole.text shouldBe "Hello!"
        whole.finishReason shouldBe "stop"
        whole.choices.single().message.role shouldBe "assistant"
    }

    test("two parallel tool calls whose arguments arrive in many fragments reassemble exactly") {
        val argsA = """{"city":"Paris","unit":"celsius","days":3}"""
        val argsB = """{"timezone":"Europe/Paris","format":"24h"}"""
        val payloads = Chunks.twoToolCalls(argsA, argsB)
        payloads.count { it.contains("\"index\":0,\"function\"") } shouldBeGreaterThanOrEqual 10
        val r = Recorded { sse(payloads) }
        val whole = r.client.chat.stream(chatRequest("m") { user("x") }).accumulate()
        whole.toolCalls shouldBe listOf(
            ToolCall("call_a", FunctionCall("get_weather", argsA)),
            ToolCall("call_b", FunctionCall("get_time", argsB)),
        )
        whole.text shouldBe ""
        whole.finishReason shouldBe FinishReason.TOOL_CALLS
    }

    test("tool-call pieces without an index are matched by id, then continue the last call") {
        val acc = ChatCompletionAccumulator()
        fun chunk(json: String) = dev.openai4k.OpenAIJson.decodeFromString(ChatCompletionChunk.serializer(), json)
        acc.add(chunk("""{"choices":[{"delta":{"tool_calls":[{"id":"c1","function":{"name":"f","arguments":"{\"a\""}}]}}]}"""))
        acc.add(chunk("""{"choices":[{"delta":{"tool_calls":[{"function":{"arguments":":1}"}}]}}]}"""))
        acc.add(chunk("""{"choices":[{"delta":{"tool_calls":[{"id":"c2","function":{"name":"g","arguments":"{}"}}]}}]}"""))
        acc.add(chunk("""{"choices":[{"delta":{"tool_calls":[{"id":"c1","function":{"name":"f"}}]}}]}"""))
        acc.result().toolCalls shouldBe listOf(ToolCall("c1", FunctionCall("f", """{"a":1}""")), ToolCall("c2", FunctionCall("g", "{}")))
        acc.chunkCount shouldBe 4
    }

    test("two calls both numbered 0 by the server stay two calls") {
        val acc = ChatCompletionAccumulator()
        fun chunk(json: String) = dev.openai4k.OpenAIJson.decodeFromString(ChatCompletionChunk.serializer(), json)
        acc.add(chunk("""{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"c1","function":{"name":"f","arguments":"{\"x\":"}}]}}]}"""))
        acc.add(chunk("""{"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"1}"}}]}}]}"""))
        acc.add(chunk("""{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"c2","function":{"name":"g","arguments":"{\"y\":"}}]}}]}"""))
        acc.add(chunk("""{"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"2}"}}]}}]}"""))
        acc.result().toolCalls shouldBe listOf(ToolCall("c1", FunctionCall("f", """{"x":1}""")), ToolCall("c2", FunctionCall("g", """{"y":2}""")))
    }

    test("a usage-only last chunk and an Azure prompt-filter first chunk are tolerated") {
        val azureFirst = """{"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{}}]}"""
        val r = Recorded { sse(listOf(azureFirst, Chunks.role(), Chunks.text("ok"), Chunks.finish("stop"), Chunks.usage(12, 3))) }
        val chunks = r.client.chat.stream(chatRequest("m") { user("x"); streamOptions = StreamOptions(includeUsage = true) }).toList()
        chunks.first().choices shouldBe emptyList()
        chunks.first().text shouldBe ""
        chunks.last().usage!!.totalTokens shouldBe 15
        val whole = chunks.fold(ChatCompletionAccumulator()) { acc, c -> acc.add(c) }.result()
        whole.text shouldBe "ok"
        whole.id shouldBe "chatcmpl-s"
        whole.usage!!.promptTokens shouldBe 12
        whole.usage!!.completionTokens shouldBe 3
        r.json()["stream_options"] shouldBe parse("""{"include_usage":true}""")
    }

    test("reasoning, refusal, logprobs and several choices accumulate separately") {
        val r = Recorded {
            sse(
                listOf(
                    """{"choices":[{"index":1,"delta":{"content":"B1"}},{"index":0,"delta":{"reasoning_content":"think "}}]}""",
                    """{"choices":[{"index":0,"delta":{"reasoning_content":"more","content":"A"},"logprobs":{"content":[{"token":"A","logprob":-0.5,"top_logprobs":[]}]}}]}""",
                    """{"choices":[{"index":1,"delta":{"refusal":"no"},"finish_reason":"stop"},{"index":0,"delta":{"content":"!"},"logprobs":{"content":[{"token":"!","logprob":-0.1,"top_logprobs":[]}]},"finish_reason":"length"}]}""",
                ),
            )
        }
        val whole = r.client.chat.stream(chatRequest("m") { user("x"); n = 2 }).accumulate()
        whole.choices.map { it.index } shouldBe listOf(0, 1)
        whole.choices[0].message.content shouldBe "A!"
        whole.choices[0].message.reasoningContent shouldBe "think more"
        whole.choices[0].finishReason shouldBe "length"
        whole.choices[0].logprobs!!.content!!.map { it.token } shouldBe listOf("A", "!")
        whole.choices[1].message.content shouldBe "B1"
        whole.choices[1].message.refusal shouldBe "no"
    }

    test("an error event in the middle of a stream raises it with the text and completion received so far") {
        val r = Recorded {
            sse(
                listOf(Chunks.role(), Chunks.text("Hello "), Chunks.text("wor"), """{"error":{"message":"The server is overloaded","type":"server_error"}}"""),
                done = false,
            )
        }
        val e = shouldThrow<OpenAIStreamException> { r.client.chat.stream(chatRequest("m") { user("x") }).accumulate() }
        e.message shouldBe "stream error: The server is overloaded"
        e.type shouldBe "server_error"
        e.partialText shouldBe "Hello wor"
        e.partial.shouldBeInstanceOf<ChatCompletion>().text shouldBe "Hello wor"

        // Collecting without accumulate() still reports what had arrived.
        val raw = shouldThrow<OpenAIStreamException> { r.client.chat.stream(chatRequest("m") { user("x") }).toList() }
        raw.partialText shouldBe "Hello wor"
    }

    test("an error status before any chunk carries no partial completion") {
        val r = Recorded { json("""{"error":{"message":"bad model","type":"invalid_request_error"}}""", 400) }
        val e = shouldThrow<dev.openai4k.BadRequestException> { r.client.chat.stream(chatRequest("m") { user("x") }).accumulate() }
        e.partial shouldBe null
        e.partialText shouldBe null
    }

    test("a chunk that is not JSON raises a decode error carrying the partial text") {
        val r = Recorded { sse(listOf(Chunks.text("par"), "{not json")) }
        val e = shouldThrow<OpenAIDecodeException> { r.client.chat.stream(chatRequest("m") { user("x") }).accumulate() }
        e.bodySnippet shouldBe "{not json"
        e.partialText shouldBe "par"
    }

    test("accumulate gives the same completion and the same partial whether it reads the stream directly or through an operator") {
        val payloads = listOf(Chunks.role(), Chunks.text("Hel"), Chunks.text("lo"), Chunks.finish("stop"), Chunks.usage(4, 2))
        val r = Recorded { sse(payloads) }
        val request = chatRequest("m") { user("x") }
        val direct = r.client.chat.stream(request).accumulate()
        val throughOperator = r.client.chat.stream(request).map { it }.accumulate()
        direct shouldBe throughOperator
        direct.text shouldBe "Hello"
        direct.usage!!.totalTokens shouldBe 6
        r.requests.size shouldBe 2

        val failing = Recorded {
            sse(listOf(Chunks.role(), Chunks.text("par"), """{"error":{"message":"gone","type":"server_error"}}"""), done = false)
        }
        val a = shouldThrow<OpenAIStreamException> { failing.client.chat.stream(request).accumulate() }
        val b = shouldThrow<OpenAIStreamException> { failing.client.chat.stream(request).map { it }.accumulate() }
        a.partialText shouldBe "par"
        b.partialText shouldBe "par"
        a.partial shouldBe b.partial
        a.partial.shouldBeInstanceOf<ChatCompletion>().text shouldBe "par"
    }

    test("a broken stream's exception gives the partial completion through partialCompletion, typed") {
        val r = Recorded {
            sse(listOf(Chunks.role(), Chunks.text("Half"), """{"error":{"message":"overloaded","type":"server_error"}}"""), done = false)
        }
        val e = shouldThrow<OpenAIStreamException> { r.client.chat.stream(chatRequest("m") { user("x") }).toList() }
        val partial: ChatCompletion = e.partialCompletion!!
        partial.text shouldBe "Half"
        partial.choices.single().finishReason shouldBe null
        e.partial<ChatCompletion>() shouldBe partial
        e.partial(ChatCompletionChunk::class.java) shouldBe null
    }
})
