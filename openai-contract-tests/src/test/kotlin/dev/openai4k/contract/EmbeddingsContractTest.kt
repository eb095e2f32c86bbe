package dev.openai4k.contract

import dev.openai4k.embeddings.EmbeddingInput
import dev.openai4k.embeddings.EmbeddingRequest
import dev.openai4k.embeddings.EncodingFormat
import dev.openai4k.embeddings.embeddingRequest
import dev.openai4k.embeddings.embeddings
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

@EnabledIf(PrismAvailable::class)
class EmbeddingsContractTest : FunSpec({
    contract(
        Operations.EMBEDDINGS_CREATE,
        minimal = {
            // The SDK asks for base64 by default; Prism's example answers a float array, which decodes too.
            val response = openai.embeddings.create(EmbeddingRequest("text-embedding-3-small", EmbeddingInput.of("hello")), options)
            response.data.size shouldBe 1
            response.data[0].embedding.size shouldBe 1
            response.model shouldBe "string"
            response.usage?.promptTokens shouldBe 0
        },
        full = {
            val request = embeddingRequest("text-embedding-3-large") {
                inputs(listOf("hello", "world"))
                dimensions = 256
                user = "user-1234"
                encodingFormat = EncodingFormat.FLOAT
            }
            val response = openai.embeddings.create(request, options)
            if (!dynamic) response.vectors.size shouldBe 1
        },
    )

    test("token inputs: one token array and several") {
        for (input in listOf(EmbeddingInput.ofTokens(listOf(1, 2, 3)), EmbeddingInput.ofTokenBatches(listOf(listOf(1, 2), listOf(3))))) {
            checked(Operations.EMBEDDINGS_CREATE, Mode.FULL) {
                ContractClient.openai.embeddings.create(EmbeddingRequest("text-embedding-3-small", input, encodingFormat = EncodingFormat.BASE64))
            }
        }
    }
})
