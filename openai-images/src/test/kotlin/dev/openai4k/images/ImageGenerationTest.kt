package dev.openai4k.images

import dev.openai4k.BadRequestException
import dev.openai4k.ErrorKind
import dev.openai4k.InternalServerException
import dev.openai4k.OpenAIDecodeException
import dev.openai4k.requestOptions
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.ktor.http.HttpMethod
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.nio.file.Files
import java.util.Base64

class ImageGenerationTest : FunSpec({
    val png = binary(300)
    val b64 = Base64.getEncoder().encodeToString(png)

    test("a request with only a prompt sends exactly that key to /images/generations") {
        val r = Recorded { json("""{"created":1,"data":[]}""") }
        r.client.images.generate(imageGenerationRequest("a red fox"))
        val sent = r.single
        sent.data.method shouldBe HttpMethod.Post
        sent.data.url.toString() shouldBe "https://api.example.test/v1/images/generations"
        sent.contentType shouldStartWith "application/json"
        sent.json shouldBe buildJsonObject { put("prompt", "a red fox") }
    }

    test("every field travels under its wire name, and extraBody merges in and overrides") {
        val r = Recorded { json("""{"created":1}""") }
        val request = imageGenerationRequest("a lighthouse") {
            model = ImageModel.GPT_IMAGE_1
            n = 2
            size = ImageSize.LANDSCAPE_1536
            quality = ImageQuality.HIGH
            style = ImageStyle.NATURAL
            responseFormat = ImageResponseFormat.B64_JSON
            background = ImageBackground.TRANSPARENT
            outputFormat = ImageOutputFormat.WEBP
            outputCompression = 80
            moderation = ImageModeration.LOW
            partialImages = 2
            user = "user-7"
            extraBody["seed"] = JsonPrimitive(42)
            extraBody["n"] = JsonPrimitive(3)
        }
        r.client.images.generate(request)
        r.single.json shouldBe buildJsonObject {
            put("prompt", "a lighthouse")
            put("model", "gpt-image-1")
            put("n", 3)
            put("size", "1536x1024")
            put("quality", "high")
            put("style", "natural")
            put("response_format", "b64_json")
            put("background", "transparent")
            put("output_format", "webp")
            put("output_compression", 80)
            put("moderation", "low")
            put("partial_images", 2)
            put("user", "user-7")
            put("seed", 42)
        }
    }

    test("the Java builder and the Kotlin DSL build the same request") {
        val java = ImageGenerationRequest.builder("p").model("dall-e-3").n(1).size("1024x1024").quality("hd")
            .style("vivid").responseFormat("url").background("opaque").outputFormat("png").outputCompression(100)
            .moderation("auto").partialImages(1).endUser("u").extraBody("x", JsonPrimitive(true)).build()
        val kotlin = imageGenerationRequest("p") {
            model = "dall-e-3"; n = 1; size = "1024x1024"; quality = "hd"; style = "vivid"; responseFormat = "url"
            background = "opaque"; outputFormat = "png"; outputCompression = 100; moderation = "auto"; partialImages = 1
            user = "u"; extraBody["x"] = JsonPrimitive(true)
        }
        java shouldBe kotlin
        java.extraBody shouldBe mapOf("x" to JsonPrimitive(true))
    }

    test("OpenAI's full response decodes, usage and output details included") {
        val r = Recorded {
            json(
                """{"created":1713833628,"data":[{"b64_json":"$b64","revised_prompt":"a fox, red"}],
                   "background":"transparent","output_format":"png","size":"1024x1024","quality":"high",
                   "usage":{"total_tokens":100,"input_tokens":50,"output_tokens":50,
                     "input_tokens_details":{"text_tokens":10,"image_tokens":40},
                     "output_tokens_details":{"text_tokens":0,"image_tokens":50}},"future_field":{"a":1}}""",
            )
        }
        val result = r.client.images.generate(imageGenerationRequest("a fox"))
        result.created shouldBe 1713833628L
        result.background shouldBe "transparent"
        result.outputFormat shouldBe "png"
        result.size shouldBe "1024x1024"
        result.quality shouldBe "high"
        result.usage shouldBe ImageUsage(50, 50, 100, ImageTokensDetails(10, 40), ImageTokensDetails(0, 50))
        val image = result.data.single()
        image.revisedPrompt shouldBe "a fox, red"
        image.url.shouldBeNull()
        image.bytes() shouldBe png
    }

    test("a local server's answer with only URLs decodes; bytes and saveAll refuse it without writing") {
        val r = Recorded { json("""{"data":[{"url":"http://127.0.0.1:8080/generated/1.png"},{"url":"http://127.0.0.1:8080/generated/2.png"}]}""") }
        val result = r.client.images.generate(imageGenerationRequest("x"))
        result.created shouldBe 0L
        result.usage.shouldBeNull()
        result.data.map { it.url } shouldBe listOf("http://127.0.0.1:8080/generated/1.png", "http://127.0.0.1:8080/generated/2.png")
        shouldThrow<IllegalStateException> { result.data[0].bytes() }.message shouldContain "URL"
        val dir = Files.createTempDirectory("img").resolve("out")
        shouldThrow<IllegalStateException> { result.saveAll(dir) }.message shouldContain "Image 0"
        Files.exists(dir) shouldBe false
    }

    test("saveAll writes every image under prefix-index with the output format's extension") {
        val other = binary(77, seed = 5)
        val response = ImagesResponse(
            data = listOf(GeneratedImage(b64Json = b64), GeneratedImage(b64Json = Base64.getEncoder().encodeToString(other))),
            outputFormat = "jpeg",
        )
        val dir = Files.createTempDirectory("img").resolve("nested")
        val files = response.saveAll(dir, "fox")
        files shouldBe listOf(dir.resolve("fox-0.jpg"), dir.resolve("fox-1.jpg"))
        Files.readAllBytes(files[0]) shouldBe png
        Files.readAllBytes(files[1]) shouldBe other
        ImagesResponse(data = listOf(GeneratedImage(b64Json = b64))).saveAll(dir).single().fileName.toString() shouldBe "image-0.png"
    }

    test("saveTo and bytes tolerate a data URL prefix and line breaks") {
        val wrapped = "data:image/png;base64," + Base64.getMimeEncoder().encodeToString(png)
        wrapped shouldContain "\r\n"
        val path = Files.createTempDirectory("img").resolve("a/b/one.png")
        GeneratedImage(b64Json = wrapped).saveTo(path) shouldBe path
        Files.readAllBytes(path) shouldBe png
        shouldThrow<IllegalArgumentException> { GeneratedImage(b64Json = "").bytes() }
    }

    test("an API error becomes BadRequestException with the server's fields") {
        val r = Recorded {
            json(
                """{"error":{"message":"Your request was rejected by the safety system.","type":"image_generation_user_error","param":"prompt","code":"content_policy_violation"}}""",
                400, "x-request-id" to "req_123",
            )
        }
        val e = shouldThrow<BadRequestException> { r.client.images.generate(imageGenerationRequest("x")) }
        e.status shouldBe 400
        e.kind shouldBe ErrorKind.API
        e.type shouldBe "image_generation_user_error"
        e.code shouldBe "content_policy_violation"
        e.param shouldBe "prompt"
        e.requestId shouldBe "req_123"
        e.message shouldContain "safety system"
    }

    test("a proxy's HTML 502 is an HTTP-kind InternalServerException; a malformed body a decode error") {
        val r1 = Recorded { json("<html>Bad gateway</html>", 502) }
        val e1 = shouldThrow<InternalServerException> { r1.client.images.generate(imageGenerationRequest("x")) }
        e1.status shouldBe 502
        e1.kind shouldBe ErrorKind.HTTP
        val r2 = Recorded { json("""{"created":"yesterday","data":[]}""") }
        val e2 = shouldThrow<OpenAIDecodeException> { r2.client.images.generate(imageGenerationRequest("x")) }
        e2.bodySnippet shouldContain "yesterday"
    }

    test("RequestOptions add headers and query parameters to the call") {
        val r = Recorded { json("""{"data":[]}""") }
        r.client.images.generate(imageGenerationRequest("x"), requestOptions { header("X-Trace", "t-1"); query("tag", "a b") })
        r.single.data.headers["X-Trace"] shouldBe "t-1"
        r.single.data.url.parameters["tag"] shouldBe "a b"
        r.single.json.keys shouldBe setOf("prompt")
    }

    test("an empty data list decodes to no images") {
        val r = Recorded { json("""{"created":5,"data":null}""") }
        r.client.images.generate(imageGenerationRequest("x")).data.shouldBeEmpty()
    }
})
