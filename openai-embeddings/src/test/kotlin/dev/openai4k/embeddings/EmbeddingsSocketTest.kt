package dev.openai4k.embeddings

import dev.openai4k.OpenAI
import dev.openai4k.RateLimitException
import dev.openai4k.testkit.OpenAITestServer
import dev.openai4k.testkit.Scripted
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonArray
import kotlin.math.sqrt

class EmbeddingsSocketTest : FunSpec({
    fun clientOf(server: OpenAITestServer) = OpenAI { baseUrl = server.baseUrl; apiKey = "sk-socket-test"; maxRetries = 0 }

    test("over a socket: base64 by default, identical to the float format, batches reassembled in order") {
        OpenAITestServer.start().use { server ->
            clientOf(server).use { client ->
                val b64 = client.embeddings.embed("text-embedding-3-small", "hello world")
                server.requests.single().jsonObject!!["encoding_format"] shouldBe JsonPrimitive("base64")
                server.requests.single().path shouldBe "/v1/embeddings"
                b64.size shouldBe 1536
                sqrt(b64.sumOf { it.toDouble() * it }) shouldBe (1.0 plusOrMinus 1e-4)

                val float = client.embeddings.create(
                    embeddingRequest("text-embedding-3-small") { input("hello world"); encodingFormat = EncodingFormat.FLOAT },
                ).data.single().embedding
                float.bits() shouldBe b64.bits()

                val texts = List(5) { "text number $it" }
                val singles = texts.map { t ->
                    client.embeddings.create(embeddingRequest("text-embedding-3-small") { input(t); dimensions = 8 }).data.single().embedding
                }
                server.clearRequests()
                val batched = client.embeddings.embedAll(
                    embeddingRequest("text-embedding-3-small") { inputs(texts); dimensions = 8 }, batchSize = 2, concurrency = 2,
                )
                server.requests("embeddings").map { it.jsonObject!!["input"]!!.jsonArray.size }.sorted() shouldBe listOf(1, 2, 2)
                batched.map { it.bits() } shouldBe singles.map { it.bits() }
            }
        }
    }

    test("over a socket: a 429 is a RateLimitException with the server's code and request id") {
        OpenAITestServer.start().use { server ->
            server.enqueue("embeddings", Scripted.error(429))
            clientOf(server).use { client ->
                val e = shouldThrow<RateLimitException> { client.embeddings.embed("text-embedding-3-small", "x") }
                e.code shouldBe "rate_limit_exceeded"
                e.requestId!!.startsWith("req_") shouldBe true
                server.requests.size shouldBe 1
            }
        }
    }
})
