package dev.openai4k.moderations

import dev.openai4k.OpenAIJson
import dev.openai4k.encodeRequestBody
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonPrimitive

class ModerationRequestTest : FunSpec({
    fun encoded(request: ModerationRequest) = encodeRequestBody(ModerationRequest.serializer(), request, request.extraBody)

    test("a minimal request encodes to exactly the input") {
        encoded(ModerationRequest(ModerationInput.of("I want to hurt someone"))) shouldBe
            Json.parseToJsonElement("""{"input":"I want to hurt someone"}""")
    }

    test("several texts are an array of strings; the model is sent when set") {
        encoded(moderationRequest { inputs(listOf("a", "b")); model = "text-moderation-latest" }) shouldBe
            Json.parseToJsonElement("""{"input":["a","b"],"model":"text-moderation-latest"}""")
    }

    test("multimodal parts are typed text and image_url objects, in order") {
        val request = moderationRequest {
            text("look at this")
            imageUrl("https://example.test/cat.png")
            model("omni-moderation-latest")
            extraBody("safe_prompt", JsonPrimitive(true))
        }
        encoded(request) shouldBe Json.parseToJsonElement(
            """{"input":[{"type":"text","text":"look at this"},
                         {"type":"image_url","image_url":{"url":"https://example.test/cat.png"}}],
               "model":"omni-moderation-latest","safe_prompt":true}""",
        )
    }

    test("each input shape decodes back to the same variant") {
        for (input in listOf(
            ModerationInput.of("x"),
            ModerationInput.ofTexts(listOf("a", "b")),
            ModerationInput.ofParts(listOf(ModerationPart.text("t"), ModerationPart.imageUrl("data:image/png;base64,AAAA"))),
        )) {
            val request = ModerationRequest(input, "m")
            OpenAIJson.decodeFromString(ModerationRequest.serializer(), OpenAIJson.encodeToString(ModerationRequest.serializer(), request)) shouldBe request
        }
    }

    test("the Java builder and the DSL build equal requests") {
        ModerationRequest.builder().input("x").model("m").build() shouldBe moderationRequest { input = ModerationInput.of("x"); model = "m" }
        ModerationRequest.builder().parts(listOf(ModerationPart.text("a"))).imageUrl("u").build().input shouldBe
            ModerationInput.Parts(listOf(ModerationPart.Text("a"), ModerationPart.ImageUrl("u")))
    }

    test("a request needs an input, and not both an input and parts") {
        shouldThrow<IllegalStateException> { ModerationRequest.builder().build() }
        shouldThrow<IllegalStateException> { ModerationRequest.builder().input("x").text("y").build() }
    }
})
