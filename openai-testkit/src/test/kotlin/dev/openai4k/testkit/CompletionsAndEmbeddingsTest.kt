package dev.openai4k.testkit

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.util.Base64
import kotlin.math.sqrt

class CompletionsAndEmbeddingsTest : FunSpec({
    val server = OpenAITestServer.start()
    afterSpec { server.close() }

    test("a legacy completion echoes the prompt as a text_completion") {
        val body = parse(server.post("completions", """{"model":"gpt-3.5-turbo-instruct","prompt":"Say this is a test"}""").body())
        body["object"]!!.str shouldBe "text_completion"
        body["id"]!!.str.startsWith("cmpl-") shouldBe true
        body["created"]!!.long shouldNotBe 0L
        val choice = body["choices"]!!.arr.single().obj
        choice.shape() shouldBe mapOf("text" to "string", "index" to "number", "logprobs" to "null", "finish_reason" to "string")
        choice["text"]!!.str shouldBe "Say this is a test"
        body["usage"]!!.obj.keys shouldBe setOf("prompt_tokens", "completion_tokens", "total_tokens")
    }

    test("a list of prompts gives one choice per prompt") {
        val body = parse(server.post("completions", """{"model":"m","prompt":["a b","c"]}""").body())
        body["choices"]!!.arr.map { it.obj["text"]!!.str to it.obj["index"]!!.long } shouldBe listOf("a b" to 0L, "c" to 1L)
    }

    test("a streamed completion sends word chunks, a finish chunk, usage, then [DONE]") {
        val events = sseEvents(server.post(
            "completions",
            """{"model":"m","prompt":"one two","stream":true,"stream_options":{"include_usage":true}}""",
        ).body())
        events.last().data shouldBe "[DONE]"
        val chunks = events.dropLast(1).map { parse(it.data) }
        chunks.forEach { it["object"]!!.str shouldBe "text_completion" }
        chunks.take(2).map { it["choices"]!!.arr.single().obj["text"]!!.str } shouldBe listOf("one", " two")
        chunks[2]["choices"]!!.arr.single().obj["finish_reason"]!!.str shouldBe "stop"
        chunks[3]["choices"]!!.arr.size shouldBe 0
        chunks[3]["usage"]!!.obj["completion_tokens"]!!.long shouldBe 2
    }

    test("embeddings are deterministic unit vectors of the asked dimensions, one per input") {
        val request = """{"model":"text-embedding-3-small","input":["hello","world"],"dimensions":64}"""
        val a = parse(server.post("embeddings", request).body())
        val b = parse(server.post("embeddings", request).body())
        a["object"]!!.str shouldBe "list"
        a["model"]!!.str shouldBe "text-embedding-3-small"
        a["usage"]!!.obj.keys shouldBe setOf("prompt_tokens", "total_tokens")
        val data = a["data"]!!.arr.map { it.obj }
        data.map { it["index"]!!.long } shouldBe listOf(0L, 1L)
        data.forEach { it["object"]!!.str shouldBe "embedding" }
        val v0 = data[0]["embedding"]!!.arr.map { it.num }
        val v1 = data[1]["embedding"]!!.arr.map { it.num }
        v0.size shouldBe 64
        sqrt(v0.sumOf { it * it }) shouldBe (1.0 plusOrMinus 1e-5)
        sqrt(v1.sumOf { it * it }) shouldBe (1.0 plusOrMinus 1e-5)
        (v0 == v1) shouldBe false
        b["data"]!!.arr[0].obj["embedding"] shouldBe data[0]["embedding"]
    }

    test("the default size is 1536 and a single string or token arrays are accepted") {
        val single = parse(server.post("embeddings", """{"model":"m","input":"hi"}""").body())
        single["data"]!!.arr.single().obj["embedding"]!!.arr.size shouldBe 1536
        val tokens = parse(server.post("embeddings", """{"model":"m","input":[[1,2,3],[4]],"dimensions":8}""").body())
        tokens["data"]!!.arr.size shouldBe 2
        val oneTokenArray = parse(server.post("embeddings", """{"model":"m","input":[1,2,3],"dimensions":8}""").body())
        oneTokenArray["data"]!!.arr.size shouldBe 1
        oneTokenArray["data"]!!.arr[0] shouldBe tokens["data"]!!.arr[0]
    }

    test("base64 embeddings are little-endian float32 of the same vector") {
        val floats = parse(server.post("embeddings", """{"model":"m","input":"same","dimensions":16}""").body())
        val encoded = parse(server.post("embeddings", """{"model":"m","input":"same","dimensions":16,"encoding_format":"base64"}""").body())
        val bytes = Base64.getDecoder().decode(encoded["data"]!!.arr[0].obj["embedding"]!!.str)
        bytes.size shouldBe 64
        val buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)
        val decoded = List(16) { buffer.getFloat().toDouble() }
        val expected = floats["data"]!!.arr[0].obj["embedding"]!!.arr.map { it.num }
        decoded.zip(expected).forEach { (d, e) -> d shouldBe (e plusOrMinus 1e-6) }
    }

    test("an embeddings request without input is a 400 naming the parameter") {
        val r = server.post("embeddings", """{"model":"m"}""")
        r.statusCode() shouldBe 400
        parse(r.body())["error"]!!.obj["param"]!!.str shouldBe "input"
    }
})
