package dev.openai4k.chat

import dev.openai4k.common.FinishReason
import dev.openai4k.OpenAIJson
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlin.random.Random

/** What the generated serializer makes of [data]: the chunk, or the exception it throws. */
private fun reference(data: String): Result<ChatCompletionChunk> =
    runCatching { OpenAIJson.decodeFromString(ChatCompletionChunk.serializer(), data) }

/** Chunks of every shape `chat.stream` meets, each of which the direct scanner must read itself. */
private val scanned = listOf(
    Chunks.role(),
    Chunks.text("Hello"),
    Chunks.text(""),
    Chunks.text("quote \" backslash \\ slash / tab \t newline \n cr \r ff \u000C bs \b nul \u0000 end"),
    Chunks.text("héllo 世界 🎉 \u2028"),
    """{"id":"x","choices":[{"index":0,"delta":{"content":"\u00e9\u4e16\ud83c\udf89 \uD83C\uDF89 \/"}}]}""",
    Chunks.finish("stop"),
    Chunks.usage(12, 3),
    Chunks.toolStart(0, "call_a", "get_weather"),
    Chunks.toolArgs(0, """{"city":"Paris"}"""),
    Chunks.toolArgs(null, "\"}"),
    // OpenAI with include_usage: usage null in every chunk, the last one with choices [] and the full usage.
    """{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","service_tier":"default","system_fingerprint":"fp","choices":[{"index":0,"delta":{"content":"a"},"logprobs":null,"finish_reason":null}],"usage":null}""",
    """{"id":"c","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}""",
    // Azure: a prompt-filter first chunk, then content-filter results on every choice.
    """{"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"jailbreak":{"filtered":false,"detected":false}}}]}""",
    """{"choices":[{"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}},"delta":{"content":"Hi"},"finish_reason":null,"index":0,"logprobs":null}],"created":1712345678,"id":"chatcmpl-az","model":"gpt-4o","object":"chat.completion.chunk","system_fingerprint":"fp_az"}""",
    // Unknown fields of every JSON kind are skipped, at the top and inside choices, deltas and tool calls.
    """{"x_groq":{"id":"req_1","usage":{"queue_time":0.0123,"prompt_tokens":5}},"n":-1.5e-3,"big":123456789012345678901234567890,"t":true,"f":false,"z":null,"s":"\"}]","a":[[],{},[1,{"b":[null]}]],"choices":[{"index":0,"extra":[1,2],"delta":{"content":"k","x":{"y":"z"}}}]}""",
    """{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"c1","type":"function","function":{"name":"f","arguments":"{}","x":1},"extra":"e"}]}}]}""",
    // Whitespace anywhere JSON allows it.
    " \n\t{ \"id\" : \"w\" ,\r\n \"choices\" : [ { \"index\" : 0 , \"delta\" : { \"content\" : \"sp\" } } ] , \"created\" : 5 } \n",
    // Reasoning fields of DeepSeek/vLLM and OpenRouter/Ollama, refusal, several choices out of order.
    """{"choices":[{"index":1,"delta":{"content":"B1"}},{"index":0,"delta":{"reasoning_content":"think ","reasoning":"r"}}]}""",
    """{"choices":[{"index":0,"delta":{"refusal":"no","role":"assistant","content":null}}]}""",
    // Fields the scanner hands to their serializers: logprobs, audio, annotations, content as an array of parts.
    """{"choices":[{"index":0,"delta":{"content":"A"},"logprobs":{"content":[{"token":"A","logprob":-0.5,"bytes":[65],"top_logprobs":[{"token":"B","logprob":-1.25}]}],"refusal":null}}]}""",
    """{"choices":[{"index":0,"delta":{"audio":{"id":"audio_1","data":"UklG","transcript":"hi","expires_at":1712349999}}}]}""",
    """{"choices":[{"index":0,"delta":{"annotations":[{"type":"url_citation","url_citation":{"start_index":1,"end_index":4,"title":"T","url":"https://t.test"}}]}}]}""",
    """{"choices":[{"index":0,"delta":{"content":[{"type":"thinking","thinking":"hm"},{"type":"text","text":"Bonjour"}," !"]}}]}""",
    // A null where the model has a default decodes to the default, as coerceInputValues does.
    """{"id":null,"object":null,"created":null,"model":null,"choices":[{"index":null,"delta":null,"finish_reason":null}]}""",
    """{"id":"n","choices":null}""",
    """{"choices":[{"delta":{"tool_calls":[{"index":null,"id":null,"type":null,"function":null}]}}]}""",
    """{"choices":[{"delta":{"tool_calls":[{"function":{"name":null,"arguments":null}}]}}]}""",
    // Duplicate keys: the last one wins, as in the serializer.
    """{"id":"first","id":"second","choices":[{"index":0,"delta":{"content":"x","content":"y"}}]}""",
    """{}""",
    """{"created":-42,"choices":[{"index":2147483647,"delta":{}}]}""",
)

/** Valid chunks the scanner leaves to the serializer, which decides. */
private val handedOver = listOf(
    """{"created":"1700000000","choices":[]}""", // a quoted number
    """{"choices":[{"index":1.0,"delta":{}}]}""", // a number with a fraction
    """{"created":1e3}""", // an exponent
    """{"\u0069d":"escaped key"}""", // an escaped key
    """{"created":01}""", // a leading zero
    """{"created":12345678901234567890}""", // out of range
    """{"choices":[{"index":2147483648}]}""", // out of Int range
    """{"deep":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],"id":"d"}""", // deeper than the scanner goes
)

/** Not chunks at all: the decoder must fail exactly as the serializer does. */
private val malformed = listOf(
    "{not json",
    "",
    "[]",
    "\"text\"",
    """{"id":"x",}""",
    """{"id":"x"} trailing""",
    """{"id":'x'}""",
    """{"choices":[{"index":0,"delta":{"content":"x"}},]}""",
    """{"choices":[null]}""",
    """{"choices":{"index":0}}""",
    """{"id":"unterminated""",
    """{"id":"bad escape \x"}""",
    """{"id":"short \u12"}""",
    """{"choices":[{"delta":{"content":{"type":"text"}}}]}""", // content as an object
)

class ChunkDecoderTest : FunSpec({
    test("every usual chunk shape is read by the scanner and equals the serializer's decoding") {
        val decoder = ChatChunkDecoder()
        for (data in scanned) {
            withClue(data) {
                val expected = reference(data).getOrThrow()
                decoder.scan(data).shouldNotBeNull() shouldBe expected
                decoder.decode(data) shouldBe expected
            }
        }
    }

    test("fields read by the scanner keep their values exactly") {
        val c = ChatChunkDecoder().decode(
            """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1712345678,"model":"gpt-4o","system_fingerprint":"fp_1","service_tier":"default",""" +
                """"choices":[{"index":0,"delta":{"role":"assistant","content":"a\"b\n\u00e9","tool_calls":[{"index":1,"id":"call_1","type":"function","function":{"name":"f","arguments":"{\"x\":1}"}}]},"finish_reason":"tool_calls"}]}""",
        )
        c.id shouldBe "chatcmpl-1"
        c.objectType shouldBe "chat.completion.chunk"
        c.created shouldBe 1712345678L
        c.model shouldBe "gpt-4o"
        c.systemFingerprint shouldBe "fp_1"
        c.serviceTier shouldBe "default"
        val choice = c.choices.single()
        choice.finishReason shouldBe "tool_calls"
        choice.delta.role shouldBe "assistant"
        choice.delta.content shouldBe "a\"b\né"
        choice.delta.toolCalls shouldBe listOf(ToolCallDelta(1, "call_1", "function", FunctionCallDelta("f", """{"x":1}""")))
    }

    test("valid but unusual chunks are handed to the serializer and decode as it decodes them") {
        val decoder = ChatChunkDecoder()
        for (data in handedOver) {
            withClue(data) {
                decoder.scan(data).shouldBeNull()
                val expected = reference(data)
                val actual = runCatching { decoder.decode(data) }
                actual.getOrNull() shouldBe expected.getOrNull()
                actual.exceptionOrNull()?.javaClass shouldBe expected.exceptionOrNull()?.javaClass
            }
        }
        decoder.decode("""{"created":"1700000000"}""").created shouldBe 1700000000L
    }

    test("malformed data fails with the serializer's exception and message") {
        val decoder = ChatChunkDecoder()
        for (data in malformed) {
            withClue(data) {
                decoder.scan(data).shouldBeNull()
                val expected = reference(data).exceptionOrNull().shouldNotBeNull()
                val actual = shouldThrow<IllegalArgumentException> { decoder.decode(data) }
                actual.javaClass shouldBe expected.javaClass
                actual.message shouldBe expected.message
            }
        }
    }

    test("strings every chunk repeats are shared between chunks; text is not") {
        val decoder = ChatChunkDecoder()
        val a = decoder.decode(Chunks.text("one"))
        val b = decoder.decode(Chunks.text("two"))
        b.id shouldBe "chatcmpl-s"
        b.id shouldBeSameInstanceAs a.id
        b.model shouldBeSameInstanceAs a.model
        b.objectType shouldBeSameInstanceAs a.objectType
        b.text shouldBe "two"
        // A changed value is read afresh, not mistaken for the remembered one.
        decoder.decode(Chunks.text("x").replace("chatcmpl-s", "chatcmpl-t")).id shouldBe "chatcmpl-t"
        decoder.decode(Chunks.text("x").replace("chatcmpl-s", "chatcmpl-")).id shouldBe "chatcmpl-"
    }

    test("thousands of mutated chunks decode exactly as the serializer decodes them, or fail as it fails") {
        val random = Random(20241122)
        val seeds = scanned + handedOver
        val alphabet = "{}[]:,\"\\ 0123456789-.eEnulltruefalsexu"
        var accepted = 0
        var failed = 0
        repeat(6000) { round ->
            val seed = seeds[round % seeds.size]
            val sb = StringBuilder(seed)
            repeat(1 + random.nextInt(3)) {
                if (sb.isEmpty()) return@repeat
                val at = random.nextInt(sb.length)
                when (random.nextInt(3)) {
                    0 -> sb.deleteCharAt(at)
                    1 -> sb.insert(at, alphabet[random.nextInt(alphabet.length)])
                    else -> sb.setCharAt(at, alphabet[random.nextInt(alphabet.length)])
                }
            }
            val data = sb.toString()
            val expected = reference(data)
            val scannedChunk = ChatChunkDecoder().scan(data)
            withClue(data) {
                if (scannedChunk != null) {
                    // The scanner never accepts what the serializer rejects, nor reads it differently.
                    scannedChunk shouldBe expected.getOrThrow()
                    accepted++
                }
                val actual = runCatching { ChatChunkDecoder().decode(data) }
                actual.getOrNull() shouldBe expected.getOrNull()
                actual.exceptionOrNull()?.message shouldBe expected.exceptionOrNull()?.message
                if (actual.isFailure) failed++
            }
        }
        // Both outcomes were exercised many times.
        accepted shouldBeGreaterThan 1000
        failed shouldBeGreaterThan 1000
    }

    test("a remembered value is not reused where the same place now holds another value") {
        val plain = Chunks.text("x")
        val escaped = plain.replace("chatcmpl-s", "chatcmpl-s\\u0041")
        val twoFinishes = """{"choices":[{"index":0,"delta":{},"finish_reason":"stop"},{"index":1,"delta":{},"finish_reason":"length"}]}"""
        val broken = plain.replace("\"model\"", "\"model\"::")
        val sequence = listOf(plain, escaped, escaped, plain, plain, twoFinishes, twoFinishes, plain, broken, escaped, escaped, plain)
        val decoder = ChatChunkDecoder()
        val ids = sequence.map { data -> runCatching { decoder.decode(data) } }
        for ((data, actual) in sequence.zip(ids)) {
            withClue(data) {
                val expected = reference(data)
                actual.getOrNull() shouldBe expected.getOrNull()
                actual.exceptionOrNull()?.message shouldBe expected.exceptionOrNull()?.message
            }
        }
        ids.map { it.getOrNull()?.id } shouldBe listOf(
            "chatcmpl-s", "chatcmpl-sA", "chatcmpl-sA", "chatcmpl-s", "chatcmpl-s", "", "", "chatcmpl-s", null, "chatcmpl-sA", "chatcmpl-sA", "chatcmpl-s",
        )
        ids[6].getOrThrow().choices.map { it.finishReason } shouldBe listOf("stop", "length")

        // Tokens of the same length: a plain value, then an escaped one, then a value read from a chunk that broke.
        val short = ChatChunkDecoder()
        val xy = """{"id":"xy","choices":[]}"""
        val newline = """{"id":"\n","choices":[]}"""
        val brokenZw = """{"id":"zw","choices":[}"""
        listOf(xy, newline, newline, xy, brokenZw, xy).map { runCatching { short.decode(it).id }.getOrNull() } shouldBe
            listOf("xy", "\n", "\n", "xy", null, "xy")

        // Timestamps that differ in a digit, in their length, or only in what follows them.
        val times = ChatChunkDecoder()
        listOf(
            """{"created":12,"id":"a"}""", """{"created":12,"id":"a"}""", """{"created":13,"id":"a"}""", """{"created":12,"id":"a"}""",
            """{"created":123,"id":"a"}""", """{"created":12,"id":"a"}""", """{"created":12}""", """{"created":12}""", """{"created":1}""",
        ).map { times.decode(it).created } shouldBe listOf(12L, 12L, 13L, 12L, 123L, 12L, 12L, 12L, 1L)
    }

    test("one decoder reading thousands of related chunks in a row decodes each exactly as the serializer does") {
        // Chunks that share prefixes and differ after them, as a stream's do; values the decoder remembers change
        // place, get escaped, or repeat in several choices; some chunks in between are broken.
        val family = listOf(
            Chunks.text("a"), Chunks.text("b"), Chunks.text("a\"b"), Chunks.role(), Chunks.finish("stop"), Chunks.finish("length"),
            Chunks.text("x").replace("chatcmpl-s", "chatcmpl-t"), Chunks.text("x").replace("chatcmpl-s", "chatcmpl-"),
            Chunks.text("x").replace("chatcmpl-s", "chatcmpl-s\\u0041"), Chunks.text("x").replace("chatcmpl-s", "chat\\u0063mpl-s"),
            Chunks.text("x").replace("\"model\":\"gpt-4o-mini\"", "\"model\":\"gpt-4o-mini\",\"model\":\"other\""),
            """{"choices":[{"index":0,"delta":{},"finish_reason":"stop"},{"index":1,"delta":{},"finish_reason":"length"}]}""",
            """{"choices":[{"index":0,"delta":{},"finish_reason":"length"},{"index":1,"delta":{},"finish_reason":"stop"}]}""",
            """{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""",
            """{"choices":[{"index":0,"delta":{},"finish_reason":"sto"}]}""",
            """{"choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"f","arguments":""}}]}}]}""",
            """{"choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_2","type":"function","function":{"name":"g","arguments":"{}"}}]}}]}""",
            """{"choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"f\u0066","arguments":""}}]}}]}""",
        )
        val random = Random(99)
        val decoder = ChatChunkDecoder()
        var mutated = 0
        repeat(8000) {
            var data = family[random.nextInt(family.size)]
            if (random.nextInt(4) == 0) {
                // Edit near the end more often than near the start, so most prefixes stay shared.
                val sb = StringBuilder(data)
                val at = sb.length - 1 - minOf(sb.length - 1, (random.nextDouble() * random.nextDouble() * sb.length).toInt())
                when (random.nextInt(3)) {
                    0 -> sb.deleteCharAt(at)
                    1 -> sb.insert(at, "\"x:,{}[]0\\a"[random.nextInt(11)])
                    else -> sb.setCharAt(at, "\"x:,{}[]0\\a"[random.nextInt(11)])
                }
                data = sb.toString()
                mutated++
            }
            val expected = reference(data)
            val actual = runCatching { decoder.decode(data) }
            withClue(data) {
                actual.getOrNull() shouldBe expected.getOrNull()
                actual.exceptionOrNull()?.message shouldBe expected.exceptionOrNull()?.message
            }
        }
        mutated shouldBeGreaterThan 1000
    }

    test("a stream decodes through the scanner: escapes, tool calls and usage arrive intact") {
        val args = """{"q":"a \"quoted\" word","n":[1,2]}"""
        val payloads = listOf(Chunks.role(), Chunks.text("line1\nline2 \"q\" é"), Chunks.toolStart(0, "call_z", "search")) +
            args.chunked(4).map { Chunks.toolArgs(0, it) } + listOf(Chunks.finish("tool_calls"), Chunks.usage(7, 5))
        val r = Recorded { sse(payloads) }
        val whole = r.client.chat.stream(chatRequest("m") { user("x") }).accumulate()
        whole.text shouldBe "line1\nline2 \"q\" é"
        whole.toolCalls shouldBe listOf(ToolCall("call_z", FunctionCall("search", args)))
        whole.finishReason shouldBe FinishReason.TOOL_CALLS
        whole.usage!!.totalTokens shouldBe 12
    }
})
