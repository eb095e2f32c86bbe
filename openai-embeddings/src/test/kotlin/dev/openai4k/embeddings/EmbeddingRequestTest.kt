package dev.openai4k.embeddings

import dev.openai4k.OpenAIJson
import dev.openai4k.encodeRequestBody
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonObject

class EmbeddingRequestTest : FunSpec({
    fun encoded(request: EmbeddingRequest) =
        encodeRequestBody(EmbeddingRequest.serializer(), request, request.extraBody)

    test("a minimal request encodes to exactly model and input") {
        encoded(EmbeddingRequest("m", EmbeddingInput.of("hi"))) shouldBe
            Json.parseToJsonElement("""{"model":"m","input":"hi"}""")
    }

    test("each input shape encodes as its bare JSON value") {
        encoded(EmbeddingRequest("m", EmbeddingInput.ofTexts(listOf("a", "b"))))["input"] shouldBe
            Json.parseToJsonElement("""["a","b"]""")
        encoded(EmbeddingRequest("m", EmbeddingInput.ofTokens(listOf(1, 2, 3))))["input"] shouldBe
            Json.parseToJsonElement("""[1,2,3]""")
        encoded(EmbeddingRequest("m", EmbeddingInput.ofTokenBatches(listOf(listOf(1), listOf(2, 3)))))["input"] shouldBe
            Json.parseToJsonElement("""[[1],[2,3]]""")
    }

    test("each input shape decodes back to the same variant") {
        for (input in listOf(
            EmbeddingInput.of("x"),
            EmbeddingInput.ofTexts(listOf("a", "b")),
            EmbeddingInput.ofTokens(listOf(5, 6)),
            EmbeddingInput.ofTokenBatches(listOf(listOf(1, 2), listOf(3))),
        )) {
            val text = OpenAIJson.encodeToString(EmbeddingRequest.serializer(), EmbeddingRequest("m", input))
            OpenAIJson.decodeFromString(EmbeddingRequest.serializer(), text).input shouldBe input
        }
    }

    test("every field is sent under its wire name, and extra body merges in") {
        val request = embeddingRequest("text-embedding-3-large") {
            inputs(listOf("a", "b"))
            dimensions = 256
            endUser("u-1")
            encodingFormat(EncodingFormat.FLOAT)
            extraBody("truncate", JsonPrimitive(true))
        }
        encoded(request) shouldBe Json.parseToJsonElement(
            """{"model":"text-embedding-3-large","input":["a","b"],"dimensions":256,"user":"u-1",
               "encoding_format":"float","truncate":true}""",
        ).jsonObject
    }

    test("the Java builder and the DSL build equal requests") {
        val java = EmbeddingRequest.builder("m").tokens(listOf(1, 2)).dimensions(8).endUser("u").build()
        val dsl = embeddingRequest("m") { input = EmbeddingInput.ofTokens(listOf(1, 2)); dimensions = 8; user = "u" }
        java shouldBe dsl
    }

    test("building without an input fails") {
        shouldThrow<IllegalStateException> { EmbeddingRequest.builder("m").build() }
    }
})
