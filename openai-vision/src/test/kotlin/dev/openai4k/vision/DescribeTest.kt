package dev.openai4k.vision

import dev.openai4k.AuthenticationException
import dev.openai4k.BadRequestException
import dev.openai4k.ErrorKind
import dev.openai4k.RateLimitException
import dev.openai4k.chat.ChatRefusalException
import dev.openai4k.common.ImageDetail
import dev.openai4k.requestOptions
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.ktor.http.HttpMethod
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.nio.file.Files
import java.util.Base64

private val JsonObject.userParts get() = this["messages"]!!.jsonArray.single().jsonObject["content"]!!.jsonArray.map { it.jsonObject }
private fun JsonObject.imageUrl(): String = this["image_url"]!!.jsonObject["url"]!!.jsonPrimitive.content

class DescribeTest : FunSpec({
    test("a URL image: exactly model, one user message of text then image_url, and max_tokens 300, to POST /v1/chat/completions") {
        val r = Recorded { json(completionJson("A cat on a sofa.")) }
        r.client.vision.describe("gpt-4o-mini", "What is in this picture?", "https://example.test/cat.png") shouldBe "A cat on a sofa."
        val req = r.requests.single()
        req.method shouldBe HttpMethod.Post
        req.url.toString() shouldBe "https://api.example.test/v1/chat/completions"
        r.json() shouldBe parse(
            """{"model":"gpt-4o-mini","messages":[{"role":"user","content":[
                 {"type":"text","text":"What is in this picture?"},
                 {"type":"image_url","image_url":{"url":"https://example.test/cat.png"}}]}],
               "max_tokens":300}""",
        )
    }

    test("bytes travel as a data: URL whose payload decodes back to the same bytes; detail and maxTokens reach the wire") {
        val r = Recorded { json(completionJson("A gradient.")) }
        r.client.vision.describe("gpt-4o", "Describe.", Images.png, maxTokens = 77, detail = ImageDetail.LOW) shouldBe "A gradient."
        val body = r.json()
        body.keys shouldBe setOf("model", "messages", "max_tokens")
        body["max_tokens"] shouldBe JsonPrimitive(77)
        val message = body["messages"]!!.jsonArray.single().jsonObject
        message["role"] shouldBe JsonPrimitive("user")
        val image = body.userParts[1]
        image["type"] shouldBe JsonPrimitive("image_url")
        image["image_url"]!!.jsonObject["detail"] shouldBe JsonPrimitive("low")
        val url = image.imageUrl()
        url shouldStartWith "data:image/png;base64,"
        Base64.getDecoder().decode(url.removePrefix("data:image/png;base64,")) shouldBe Images.png
    }

    test("a file path is sent with the MIME type of its content and maxTokens = null sends no limit") {
        val file = Files.createTempFile("vision", ".png")
        try {
            Files.write(file, Images.gif)
            val r = Recorded { json(completionJson("ok")) }
            r.client.vision.describe("llava", "What?", file, maxTokens = null, detail = ImageDetail.HIGH)
            val body = r.json()
            body.keys shouldBe setOf("model", "messages")
            val image = body.userParts[1]
            image["image_url"]!!.jsonObject["detail"] shouldBe JsonPrimitive("high")
            val url = image.imageUrl()
            url shouldStartWith "data:image/gif;base64,"
            Base64.getDecoder().decode(url.substringAfter(",")) shouldBe Images.gif
        } finally {
            Files.deleteIfExists(file)
        }
    }

    test("several images go in the given order after the text, each with the one detail") {
        val r = Recorded { json(completionJson("Four pictures.")) }
        val file = Files.createTempFile("vision", ".bin")
        try {
            Files.write(file, Images.webp)
            val dataUrl = "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(Images.jpeg)
            val images = listOf(
                ImageInput.url("https://example.test/1.png"),
                ImageInput.bytes(Images.png),
                ImageInput.file(file),
                ImageInput.url(dataUrl),
            )
            r.client.vision.describe("gpt-4o", "Compare them.", images, detail = ImageDetail.AUTO) shouldBe "Four pictures."
            val parts = r.json().userParts
            parts.map { it["type"]!!.jsonPrimitive.content } shouldBe listOf("text", "image_url", "image_url", "image_url", "image_url")
            parts[0]["text"] shouldBe JsonPrimitive("Compare them.")
            parts.drop(1).map { it.imageUrl() } shouldBe listOf(
                "https://example.test/1.png",
                "data:image/png;base64," + Base64.getEncoder().encodeToString(Images.png),
                "data:image/webp;base64," + Base64.getEncoder().encodeToString(Images.webp),
                dataUrl,
            )
            parts.drop(1).map { it["image_url"]!!.jsonObject["detail"]!!.jsonPrimitive.content } shouldBe List(4) { "auto" }
        } finally {
            Files.deleteIfExists(file)
        }
    }

    test("per-call options reach the wire: a header and a query parameter") {
        val r = Recorded { json(completionJson("ok")) }
        val options = requestOptions { header("X-Trace", "t-1"); query("api-version", "2024-10-21") }
        r.client.vision.describe("gpt-4o", "Hi", ImageInput.url("https://example.test/a.png"), options = options)
        r.requests.single().headers["X-Trace"] shouldBe "t-1"
        r.requests.single().url.parameters["api-version"] shouldBe "2024-10-21"
    }

    test("invalid arguments fail before anything is sent") {
        val r = Recorded { json(completionJson("never")) }
        shouldThrow<IllegalArgumentException> { r.client.vision.describe("gpt-4o", "x", emptyList()) }.message shouldBe
            "At least one image is needed"
        shouldThrow<IllegalArgumentException> { r.client.vision.describe("gpt-4o", "x", "ftp://example.test/a.png") }
        shouldThrow<IllegalArgumentException> { r.client.vision.describe("gpt-4o", "x", "%PDF-1.4".toByteArray()) }
        shouldThrow<IllegalArgumentException> {
            r.client.vision.describe("gpt-4o", "x", Files.createTempDirectory("v").resolve("missing.jpg"))
        }.message!! shouldContain "No image file at"
        shouldThrow<IllegalArgumentException> { r.client.vision.describe("gpt-4o", "x", Images.png, maxTokens = 0) }.message shouldBe
            "maxTokens must be positive (or null for no limit), was 0"
        shouldThrow<IllegalArgumentException> { r.client.vision.describe(" ", "x", Images.png) }.message shouldBe
            "The model must not be blank"
        r.requests.size shouldBe 0
    }

    test("an answer without text raises EmptyAnswerException carrying the completion, never an empty string") {
        val nullContent = Recorded { json(completionJson(null, finishReason = "length")) }
        val e1 = shouldThrow<EmptyAnswerException> { nullContent.client.vision.describe("o4-mini", "What?", Images.png, maxTokens = 20) }
        e1.message shouldBe "The model returned no text: the token limit (max_tokens=20) ran out before any text; raise maxTokens"
        e1.finishReason shouldBe "length"
        e1.kind shouldBe ErrorKind.DECODE
        e1.completion.usage!!.totalTokens shouldBe 15

        val blank = Recorded { json(completionJson("  \n", finishReason = "stop")) }
        shouldThrow<EmptyAnswerException> { blank.client.vision.describe("gpt-4o", "What?", Images.png) }.message shouldBe
            "The model returned blank text: finish_reason=stop"

        val filtered = Recorded { json(completionJson(null, finishReason = "content_filter")) }
        shouldThrow<EmptyAnswerException> { filtered.client.vision.describe("gpt-4o", "What?", Images.png) }.message!! shouldContain
            "content filter"

        val noChoices = Recorded { json("""{"id":"chatcmpl-2","object":"chat.completion","choices":[]}""") }
        val e4 = shouldThrow<EmptyAnswerException> { noChoices.client.vision.describe("gpt-4o", "What?", Images.png) }
        e4.message shouldBe "The model returned no choices, so there is no answer"
        e4.completion.id shouldBe "chatcmpl-2"
        e4.finishReason shouldBe null
    }

    test("a refusal raises ChatRefusalException with the refusal text") {
        val r = Recorded { json(completionJson(null, refusal = "I can't help with identifying people.")) }
        val e = shouldThrow<ChatRefusalException> { r.client.vision.describe("gpt-4o", "Who is this?", Images.jpeg) }
        e.refusal shouldBe "I can't help with identifying people."
        e.completion!!.id shouldBe "chatcmpl-1"
    }

    test("OpenAI error statuses map to their exceptions with the server's fields") {
        val badImage = """{"error":{"message":"You uploaded an unsupported image.","type":"invalid_request_error",
            "param":"messages.[0].content.[1].image_url","code":"invalid_image_format"}}"""
        val r400 = Recorded { json(badImage, 400, "x-request-id" to "req_abc") }
        val e400 = shouldThrow<BadRequestException> { r400.client.vision.describe("gpt-4o", "What?", Images.png) }
        e400.status shouldBe 400
        e400.kind shouldBe ErrorKind.API
        e400.code shouldBe "invalid_image_format"
        e400.param shouldBe "messages.[0].content.[1].image_url"
        e400.type shouldBe "invalid_request_error"
        e400.requestId shouldBe "req_abc"
        e400.message!! shouldContain "unsupported image"

        val r401 = Recorded { json("""{"error":{"message":"Incorrect API key provided.","type":"invalid_request_error","code":"invalid_api_key"}}""", 401) }
        shouldThrow<AuthenticationException> { r401.client.vision.describe("gpt-4o", "What?", Images.png) }.code shouldBe "invalid_api_key"

        val r429 = Recorded { json("""{"error":{"message":"Rate limit reached.","type":"requests","code":"rate_limit_exceeded"}}""", 429) }
        val e429 = shouldThrow<RateLimitException> { r429.client.vision.describe("gpt-4o", "What?", Images.png) }
        e429.status shouldBe 429
        e429.code shouldBe "rate_limit_exceeded"
        r429.requests.size shouldBe 1
    }
})
