package dev.openai4k.embeddings

import dev.openai4k.BadRequestException
import dev.openai4k.InternalServerException
import dev.openai4k.NotFoundException
import dev.openai4k.OpenAIDecodeException
import dev.openai4k.OpenAIJson
import dev.openai4k.RateLimitException
import dev.openai4k.requestOptions
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonPrimitive
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.util.Base64

/** Known floats, little-endian float32, base64: written independently of the decoder under test. */
fun base64Of(vararg floats: Float): String {
    val buffer = ByteBuffer.allocate(floats.size * 4).order(ByteOrder.LITTLE_ENDIAN)
    for (f in floats) buffer.putFloat(f)
    return Base64.getEncoder().encodeToString(buffer.array())
}

fun FloatArray.bits(): List<Int> = map { it.toRawBits() }

class EmbeddingsTest : FunSpec({
    val known = floatArrayOf(0f, 1.5f, -2.25f, 3.1415927f, Float.MIN_VALUE, Float.MAX_VALUE, -0f, 1e-7f, Float.NaN)

    test("create posts to /embeddings and asks for base64 when no format is set") {
        val r = Recorded {
            json("""{"object":"list","data":[{"object":"embedding","index":0,"embedding":"${base64Of(1f, 2f)}"}],
                    "model":"text-embedding-3-small","usage":{"prompt_tokens":3,"total_tokens":3}}""")
        }
        r.client.embeddings.create(EmbeddingRequest("text-embedding-3-small", EmbeddingInput.of("hello")))
        val seen = r.requests.single()
        seen.data.method.value shouldBe "POST"
        seen.path shouldBe "/v1/embeddings"
        seen.json shouldBe Json.parseToJsonElement(
            """{"model":"text-embedding-3-small","input":"hello","encoding_format":"base64"}""",
        )
    }

    test("an explicit float format is sent as is") {
        val r = Recorded { json("""{"data":[{"index":0,"embedding":[0.5]}]}""") }
        r.client.embeddings.create(embeddingRequest("m") { input("x"); encodingFormat = EncodingFormat.FLOAT })
        r.requests.single().json["encoding_format"] shouldBe JsonPrimitive("float")
    }

    test("a base64 vector decodes to exactly the little-endian floats that were encoded") {
        val r = Recorded {
            json("""{"object":"list","data":[{"object":"embedding","index":0,"embedding":"${base64Of(*known)}"}],
                    "model":"text-embedding-3-small","usage":{"prompt_tokens":2,"total_tokens":2}}""")
        }
        val response = r.client.embeddings.create(EmbeddingRequest("text-embedding-3-small", EmbeddingInput.of("x")))
        response.data.single().embedding.bits() shouldBe known.bits()
        response.data.single().objectType shouldBe "embedding"
        response.model shouldBe "text-embedding-3-small"
        response.usage!!.promptTokens shouldBe 2
        response.usage!!.totalTokens shouldBe 2
        EmbeddingVectorSerializer.decodeBase64Floats(base64Of(*known)).bits() shouldBe known.bits()
    }

    test("base64 without padding still decodes") {
        val padded = base64Of(1f, 2f)
        padded.endsWith("=") shouldBe true
        EmbeddingVectorSerializer.decodeBase64Floats(padded.trimEnd('=')).toList() shouldBe listOf(1f, 2f)
    }

    test("a JSON array vector (OpenAI float format) decodes to the nearest floats") {
        val r = Recorded {
            json("""{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.0023064255,-0.009327292,1,-1.5e-3]}],
                    "model":"text-embedding-ada-002","usage":{"prompt_tokens":8,"total_tokens":8}}""")
        }
        val v = r.client.embeddings.embed("text-embedding-ada-002", "x")
        v.toList() shouldBe listOf(0.0023064255f, -0.009327292f, 1f, -0.0015f)
    }

    test("Ollama's answer (float arrays even when base64 was asked for) decodes") {
        // Shape of Ollama's OpenAI-compatible /v1/embeddings: no encoding_format support, floats, usage.
        val r = Recorded {
            json("""{"object":"list","data":[{"object":"embedding","embedding":[0.010071029,-0.0017594862],"index":0},
                    {"object":"embedding","embedding":[-0.25,0.125],"index":1}],"model":"all-minilm",
                    "usage":{"prompt_tokens":4,"total_tokens":4}}""")
        }
        val response = r.client.embeddings.create(EmbeddingRequest("all-minilm", EmbeddingInput.ofTexts(listOf("a", "b"))))
        response.vectors.map { it.toList() } shouldBe listOf(listOf(0.010071029f, -0.0017594862f), listOf(-0.25f, 0.125f))
        response.usage!!.promptTokens shouldBe 4
    }

    test("vLLM's answer (id, created, base64) decodes and extra keys are ignored") {
        val r = Recorded {
            json("""{"id":"embd-5d1f","object":"list","created":1718000000,"model":"BAAI/bge-m3",
                    "data":[{"index":0,"object":"embedding","embedding":"${base64Of(0.25f, -4f)}"}],
                    "usage":{"prompt_tokens":5,"total_tokens":5,"completion_tokens":0,"prompt_tokens_details":null}}""")
        }
        r.client.embeddings.embed("BAAI/bge-m3", "x").toList() shouldBe listOf(0.25f, -4f)
    }

    test("a base64 vector whose length is not a multiple of 4 bytes is a decode error") {
        val r = Recorded { json("""{"data":[{"index":0,"embedding":"AAAAAAA="}]}""") }
        val e = shouldThrow<OpenAIDecodeException> { r.client.embeddings.embed("m", "x") }
        e.message shouldContain "multiple of 4"
        e.status shouldBe 200
    }

    test("a vector with a non-number is a decode error") {
        val r = Recorded { json("""{"data":[{"index":0,"embedding":[0.5,"x"]}]}""") }
        shouldThrow<OpenAIDecodeException> { r.client.embeddings.embed("m", "x") }
    }

    test("an answer with no vector makes embed fail with a decode error") {
        val r = Recorded { json("""{"object":"list","data":[]}""") }
        shouldThrow<OpenAIDecodeException> { r.client.embeddings.embed("m", "x") }
    }

    test("a 400 answer is a BadRequestException with the provider's fields") {
        val r = Recorded {
            json(
                """{"error":{"message":"This model's maximum context length is 8192 tokens","type":"invalid_request_error",
                   "param":"input","code":"context_length_exceeded"}}""",
                400, "x-request-id" to "req_123",
            )
        }
        val e = shouldThrow<BadRequestException> { r.client.embeddings.embed("m", "x") }
        e.status shouldBe 400
        e.param shouldBe "input"
        e.code shouldBe "context_length_exceeded"
        e.type shouldBe "invalid_request_error"
        e.requestId shouldBe "req_123"
    }

    test("an unknown model is a NotFoundException, a 429 a RateLimitException") {
        val notFound = Recorded { json("""{"error":{"message":"model \"nope\" not found, try pulling it first"}}""", 404) }
        shouldThrow<NotFoundException> { notFound.client.embeddings.embed("nope", "x") }.message shouldContain "not found"
        val limited = Recorded { json("""{"error":{"message":"Rate limit reached","type":"requests"}}""", 429) }
        shouldThrow<RateLimitException> { limited.client.embeddings.embed("m", "x") }.type shouldBe "requests"
    }

    test("request options add headers and query parameters") {
        val r = Recorded { json("""{"data":[{"index":0,"embedding":[1]}]}""") }
        r.client.embeddings.embed("m", "x", requestOptions { header("X-Trace", "t-1"); query("tenant", "a") })
        val seen = r.requests.single()
        seen.data.headers["X-Trace"] shouldBe "t-1"
        seen.data.url.parameters["tenant"] shouldBe "a"
    }
})

/** Answers an embeddings request whose input is a list of texts "t<i>" with vectors [i], in reverse order. */
fun answerReversed(body: String): String {
    val inputs = OpenAIJson.parseToJsonElement(body).let { (it as kotlinx.serialization.json.JsonObject)["input"]!!.jsonArray }
    val data = inputs.mapIndexed { index, text ->
        val n = text.jsonPrimitive.content.removePrefix("t").toFloat()
        """{"object":"embedding","index":$index,"embedding":"${base64Of(n, -n)}"}"""
    }.reversed()
    return """{"object":"list","data":[${data.joinToString(",")}],"model":"m","usage":{"prompt_tokens":1,"total_tokens":1}}"""
}

class EmbedAllTest : FunSpec({
    val texts = List(5000) { "t$it" }

    test("5000 inputs with batchSize 2048 take 3 requests and come back in input order") {
        val r = Recorded { seen -> json(answerReversed(seen.body)) }
        val vectors = r.client.embeddings.embedAll("m", texts, batchSize = 2048)
        r.requests.size shouldBe 3
        r.requests.map { it.json["input"]!!.jsonArray.size }.sorted() shouldContainExactly listOf(904, 2048, 2048)
        // Every batch carries the other fields; together the batches hold every input exactly once.
        r.requests.forEach { it.json["model"] shouldBe JsonPrimitive("m") }
        r.requests.flatMap { s -> s.json["input"]!!.jsonArray.map { it.jsonPrimitive.content } }.sortedBy { it.drop(1).toInt() } shouldBe texts
        vectors.size shouldBe 5000
        vectors.forEachIndexed { i, v -> v.toList() shouldBe listOf(i.toFloat(), -i.toFloat()) }
    }

    test("at most `concurrency` requests are in flight, and that many are used") {
        for (limit in listOf(1, 4, 8)) {
            val inFlight = java.util.concurrent.atomic.AtomicInteger()
            val most = java.util.concurrent.atomic.AtomicInteger()
            val full = kotlinx.coroutines.CompletableDeferred<Unit>()
            val r = Recorded { seen ->
                val now = inFlight.incrementAndGet()
                most.accumulateAndGet(now) { a, b -> maxOf(a, b) }
                if (now >= limit) full.complete(Unit)
                // Hold the first wave until `limit` requests overlap, so the maximum is reached deterministically;
                // the timeout only bounds the test if the limiter is broken.
                kotlinx.coroutines.withTimeoutOrNull(5_000) { full.await() }
                kotlinx.coroutines.delay(2)
                inFlight.decrementAndGet()
                json(answerReversed(seen.body))
            }
            val vectors = r.client.embeddings.embedAll("m", texts.take(1000), batchSize = 50, concurrency = limit)
            r.requests.size shouldBe 20
            most.get() shouldBe limit
            vectors.map { it[0] } shouldBe List(1000) { it.toFloat() }
        }
    }

    test("token batches are split like texts") {
        val r = Recorded { seen ->
            val n = seen.json["input"]!!.jsonArray.size
            json("""{"data":[${(0 until n).joinToString(",") { """{"index":$it,"embedding":[$it]}""" }}]}""")
        }
        val request = embeddingRequest("m") { tokenBatches(List(5) { listOf(it, it) }); dimensions = 2 }
        val vectors = r.client.embeddings.embedAll(request, batchSize = 2, concurrency = 1)
        r.requests.map { it.json["input"].toString() } shouldBe listOf("[[0,0],[1,1]]", "[[2,2],[3,3]]", "[[4,4]]")
        r.requests.forEach { it.json["dimensions"] shouldBe JsonPrimitive(2) }
        vectors.map { it[0] } shouldBe listOf(0f, 1f, 0f, 1f, 0f)
    }

    test("no inputs make no request") {
        val r = Recorded { json("{}") }
        r.client.embeddings.embedAll("m", emptyList()) shouldBe emptyList()
        r.requests.size shouldBe 0
    }

    test("a failing batch fails the whole call with its exception") {
        val r = Recorded { seen ->
            if (seen.json["input"]!!.jsonArray.first().jsonPrimitive.content == "t100") json("""{"error":{"message":"boom"}}""", 500)
            else json(answerReversed(seen.body))
        }
        val e = shouldThrow<InternalServerException> { r.client.embeddings.embedAll("m", texts.take(300), batchSize = 100, concurrency = 1) }
        e.status shouldBe 500
    }

    test("a batch answered with the wrong number of vectors is a decode error") {
        val r = Recorded { json("""{"data":[{"index":0,"embedding":[1]}]}""") }
        val e = shouldThrow<OpenAIDecodeException> { r.client.embeddings.embedAll("m", listOf("t0", "t1")) }
        e.message shouldContain "Expected 2"
    }

    test("a server that omits indices is taken in the order it sent") {
        val r = Recorded { json("""{"data":[{"embedding":[7]},{"embedding":[8]}]}""") }
        r.client.embeddings.embedAll("m", listOf("a", "b")).map { it[0] } shouldBe listOf(7f, 8f)
    }

    test("batchSize and concurrency must be positive") {
        val r = Recorded { json("{}") }
        shouldThrow<IllegalArgumentException> { r.client.embeddings.embedAll("m", texts, batchSize = 0) }
        shouldThrow<IllegalArgumentException> { r.client.embeddings.embedAll("m", texts, concurrency = 0) }
    }
})
