package dev.openai4k.images

import dev.openai4k.NotFoundException
import dev.openai4k.http.FileSource
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.ktor.http.HttpMethod
import java.nio.file.Files

class ImageEditTest : FunSpec({

    test("one image goes as the part 'image' with its filename, type and exact bytes; only set fields follow") {
        val r = Recorded { json("""{"created":2,"data":[{"b64_json":"AAEC"}]}""") }
        val dir = Files.createTempDirectory("edit")
        val imageBytes = binary(5000)
        val path = Files.write(dir.resolve("room.png"), imageBytes)
        val maskBytes = binary(64, seed = 9)
        val request = imageEditRequest("add a sofa") {
            image(path)
            mask = FileSource.of(maskBytes, "mask.png")
            model = ImageModel.GPT_IMAGE_1
            n = 2
            size = ImageSize.SQUARE_1024
            quality = ImageQuality.LOW
            responseFormat = ImageResponseFormat.B64_JSON
            background = ImageBackground.OPAQUE
            inputFidelity = InputFidelity.HIGH
            outputFormat = ImageOutputFormat.JPEG
            outputCompression = 55
            user = "u-1"
        }
        val result = r.client.images.edit(request)
        result.data.single().bytes() shouldBe byteArrayOf(0, 1, 2)

        val sent = r.single
        sent.data.method shouldBe HttpMethod.Post
        sent.path shouldBe "/v1/images/edits"
        sent.contentType!! shouldStartWith "multipart/form-data"
        val parts = sent.parts
        parts.map { it.name } shouldBe listOf(
            "image", "mask", "prompt", "model", "n", "size", "quality", "response_format", "background",
            "input_fidelity", "output_format", "output_compression", "user",
        )
        parts[0].filename shouldBe "room.png"
        parts[0].contentType shouldBe "image/png"
        parts[0].bytes shouldBe imageBytes
        parts[1].filename shouldBe "mask.png"
        parts[1].bytes shouldBe maskBytes
        parts.drop(2).associate { it.name to it.text } shouldBe mapOf(
            "prompt" to "add a sofa", "model" to "gpt-image-1", "n" to "2", "size" to "1024x1024", "quality" to "low",
            "response_format" to "b64_json", "background" to "opaque", "input_fidelity" to "high",
            "output_format" to "jpeg", "output_compression" to "55", "user" to "u-1",
        )
        parts.drop(2).forEach { it.filename shouldBe null }
    }

    test("several images go as repeated 'image[]' parts, from a path, bytes and a stream") {
        val r = Recorded { json("""{"created":2,"data":[]}""") }
        val dir = Files.createTempDirectory("edit")
        val a = binary(100, 1)
        val b = binary(200, 2)
        val c = binary(300, 3)
        val request = ImageEditRequest.builder("a gift basket")
            .image(Files.write(dir.resolve("lotion.png"), a))
            .image(FileSource.of(b, "soap.webp"))
            .image(FileSource.of(c.inputStream(), "bomb.jpg", length = c.size.toLong()))
            .build()
        r.client.images.edit(request)
        val parts = r.single.parts
        parts.map { it.name } shouldBe listOf("image[]", "image[]", "image[]", "prompt")
        parts.take(3).map { it.filename } shouldBe listOf("lotion.png", "soap.webp", "bomb.jpg")
        parts.take(3).map { it.contentType } shouldBe listOf("image/png", "image/webp", "image/jpeg")
        parts[0].bytes shouldBe a
        parts[1].bytes shouldBe b
        parts[2].bytes shouldBe c
        parts[3].text shouldBe "a gift basket"
        // The bracketed name must be quoted to be a valid parameter value (RFC 7578 / 2183).
        String(r.single.bytes, Charsets.ISO_8859_1) shouldContain
            "Content-Disposition: form-data; name=\"image[]\"; filename=\"lotion.png\"\r\n"
    }

    test("extra form fields follow the modelled ones and replace a field of the same name") {
        val r = Recorded { json("""{"data":[]}""") }
        val request = imageEditRequest("p") {
            image(FileSource.of(binary(10), "i.png"))
            model = "dall-e-2"
            extraFields["model"] = "local-sd"
            extraFields["steps"] = "20"
        }
        r.client.images.edit(request)
        r.single.parts.map { it.name to (if (it.filename == null) it.text else "<file>") } shouldBe listOf(
            "image" to "<file>", "prompt" to "p", "model" to "local-sd", "steps" to "20",
        )
    }

    test("an edit without an image is rejected before anything is sent") {
        shouldThrow<IllegalArgumentException> { imageEditRequest("p") {} }
        shouldThrow<IllegalArgumentException> { ImageEditRequest("p", emptyList()) }
    }

    test("a variation sends the image and the set fields to /images/variations") {
        val r = Recorded { json("""{"created":3,"data":[{"url":"https://x.test/v.png"}]}""") }
        val bytes = binary(1234)
        val request = ImageVariationRequest.builder(FileSource.of(bytes, "cat.png")).model("dall-e-2").n(3)
            .size(ImageSize.SQUARE_256).responseFormat("url").endUser("u").build()
        request shouldBe imageVariationRequest(FileSource.of(bytes, "cat.png")) {
            model = "dall-e-2"; n = 3; size = "256x256"; responseFormat = "url"; user = "u"
        }.copy(image = request.image)
        val result = r.client.images.createVariation(request)
        result.data.single().url shouldBe "https://x.test/v.png"
        val sent = r.single
        sent.path shouldBe "/v1/images/variations"
        val parts = sent.parts
        parts.map { it.name } shouldBe listOf("image", "model", "n", "size", "response_format", "user")
        parts[0].filename shouldBe "cat.png"
        parts[0].contentType shouldBe "image/png"
        parts[0].bytes shouldBe bytes
        parts.drop(1).map { it.text } shouldBe listOf("dall-e-2", "3", "256x256", "url", "u")
    }

    test("a minimal variation sends only the image") {
        val r = Recorded { json("""{"data":[]}""") }
        r.client.images.createVariation(imageVariationRequest(FileSource.of(binary(8), "x.png")))
        r.single.parts.map { it.name } shouldBe listOf("image")
    }

    test("an error status on an edit carries the server's message") {
        val r = Recorded { json("""{"error":{"message":"The model 'nope' does not exist","type":"invalid_request_error","code":"model_not_found"}}""", 404) }
        val e = shouldThrow<NotFoundException> {
            r.client.images.edit(imageEditRequest("p") { image(FileSource.of(binary(8), "x.png")); model = "nope" })
        }
        e.code shouldBe "model_not_found"
        e.type shouldBe "invalid_request_error"
    }
})
