package dev.openai4k.images

import dev.openai4k.OpenAIDecodeException
import dev.openai4k.OpenAIStreamException
import dev.openai4k.http.FileSource
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.toList
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonPrimitive
import java.util.Base64

class ImageStreamTest : FunSpec({
    val p0 = binary(40, 1)
    val p1 = binary(50, 2)
    val done = binary(60, 3)
    fun b64(bytes: ByteArray) = Base64.getEncoder().encodeToString(bytes)

    fun partial(type: String, index: Int, bytes: ByteArray) =
        "event: $type\ndata: {\"type\":\"$type\",\"b64_json\":\"${b64(bytes)}\",\"created_at\":1620000000," +
            "\"size\":\"1024x1024\",\"quality\":\"high\",\"background\":\"transparent\",\"output_format\":\"png\"," +
            "\"partial_image_index\":$index}\n\n"

    fun completed(type: String) =
        "event: $type\ndata: {\"type\":\"$type\",\"b64_json\":\"${b64(done)}\",\"created_at\":1620000001," +
            "\"size\":\"1024x1024\",\"quality\":\"high\",\"background\":\"transparent\",\"output_format\":\"png\"," +
            "\"usage\":{\"total_tokens\":100,\"input_tokens\":50,\"output_tokens\":50," +
            "\"input_tokens_details\":{\"text_tokens\":10,\"image_tokens\":40}}}\n\n"

    test("generateStream sends stream=true with partial_images and yields previews then the final image") {
        val r = Recorded {
            sseText(
                partial("image_generation.partial_image", 0, p0),
                "event: image_generation.heartbeat\ndata: {\"type\":\"image_generation.heartbeat\",\"n\":1}\n\n",
                partial("image_generation.partial_image", 1, p1),
                completed("image_generation.completed"),
            )
        }
        val events = r.client.images.generateStream(imageGenerationRequest("a fox") {
            model = ImageModel.GPT_IMAGE_1
            partialImages = 2
        }).toList()

        val sent = r.single
        sent.path shouldBe "/v1/images/generations"
        sent.data.headers["Accept"] shouldBe "text/event-stream"
        sent.json.keys shouldBe setOf("prompt", "model", "partial_images", "stream")
        sent.json["stream"] shouldBe JsonPrimitive(true)
        sent.json["partial_images"] shouldBe JsonPrimitive(2)

        events.size shouldBe 4
        val first = events[0].shouldBeInstanceOf<ImageStreamEvent.PartialImage>()
        first.type shouldBe "image_generation.partial_image"
        first.partialImageIndex shouldBe 0
        first.createdAt shouldBe 1620000000L
        first.background shouldBe "transparent"
        first.bytes() shouldBe p0
        val unknown = events[1].shouldBeInstanceOf<ImageStreamEvent.Unknown>()
        unknown.type shouldBe "image_generation.heartbeat"
        unknown.json["n"]!!.jsonPrimitive.content shouldBe "1"
        unknown.json["type"]!!.jsonPrimitive.content shouldBe "image_generation.heartbeat"
        events[2].shouldBeInstanceOf<ImageStreamEvent.PartialImage>().partialImageIndex shouldBe 1
        val last = events[3].shouldBeInstanceOf<ImageStreamEvent.Completed>()
        last.type shouldBe "image_generation.completed"
        last.bytes() shouldBe done
        last.usage shouldBe ImageUsage(50, 50, 100, ImageTokensDetails(10, 40))
        last.outputFormat shouldBe "png"
    }

    test("the event name stands in for a missing type field") {
        val r = Recorded {
            sseText("event: image_generation.partial_image\ndata: {\"b64_json\":\"${b64(p0)}\",\"partial_image_index\":3}\n\n")
        }
        val event = r.client.images.generateStream(imageGenerationRequest("x")).toList().single()
        event.shouldBeInstanceOf<ImageStreamEvent.PartialImage>().type shouldBe "image_generation.partial_image"
        event.partialImageIndex shouldBe 3
    }

    test("editStream sends the form with stream=true and decodes image_edit events") {
        val r = Recorded { sseText(partial("image_edit.partial_image", 0, p0), completed("image_edit.completed")) }
        val image = binary(99)
        val events = r.client.images.editStream(imageEditRequest("add snow") {
            image(FileSource.of(image, "hill.png"))
            partialImages = 1
        }).toList()
        val parts = r.single.parts
        parts.map { it.name } shouldBe listOf("image", "prompt", "partial_images", "stream")
        parts[0].bytes shouldBe image
        parts[2].text shouldBe "1"
        parts[3].text shouldBe "true"
        events[0].shouldBeInstanceOf<ImageStreamEvent.PartialImage>().type shouldBe "image_edit.partial_image"
        events[1].shouldBeInstanceOf<ImageStreamEvent.Completed>().type shouldBe "image_edit.completed"
        (events[1] as ImageStreamEvent.Completed).bytes() shouldBe done
    }

    test("an error event mid-stream raises OpenAIStreamException carrying the last preview") {
        val r = Recorded {
            sseText(
                partial("image_generation.partial_image", 0, p0),
                "event: error\ndata: {\"type\":\"error\",\"error\":{\"message\":\"moderation_blocked\",\"code\":\"moderation_blocked\"}}\n\n",
            )
        }
        val seen = mutableListOf<ImageStreamEvent>()
        val e = shouldThrow<OpenAIStreamException> {
            r.client.images.generateStream(imageGenerationRequest("x")).collect { seen += it }
        }
        e.code shouldBe "moderation_blocked"
        seen.size shouldBe 1
        e.partial.shouldBeInstanceOf<ImageStreamEvent.PartialImage>().bytes() shouldBe p0
    }

    test("a server that ignores stream=true and answers JSON is reported, not an empty flow") {
        val r = Recorded { json("""{"created":1,"data":[{"b64_json":"AAAA"}]}""") }
        val e = shouldThrow<OpenAIDecodeException> { r.client.images.generateStream(imageGenerationRequest("x")).toList() }
        e.message shouldContain "one JSON body"
        e.bodySnippet!! shouldContain "b64_json"
    }

    test("a known event with a malformed field is a decode error with the event in the snippet") {
        val r = Recorded { sseText("data: {\"type\":\"image_generation.partial_image\",\"partial_image_index\":\"first\"}\n\n") }
        val e = shouldThrow<OpenAIDecodeException> { r.client.images.generateStream(imageGenerationRequest("x")).collect() }
        e.bodySnippet!! shouldContain "\"first\""
    }

    test("a broken stream's exception gives the last preview through partialImage, typed") {
        val r = Recorded {
            sseText(
                partial("image_generation.partial_image", 0, p0),
                partial("image_generation.partial_image", 1, p1),
                "data: {\"type\":\"image_generation.completed\",\"b64_json\":[]}\n\n",
            )
        }
        val e = shouldThrow<OpenAIDecodeException> { r.client.images.generateStream(imageGenerationRequest("x")).toList() }
        val preview: ImageStreamEvent.PartialImage = e.partialImage!!
        preview.partialImageIndex shouldBe 1
        preview.bytes() shouldBe p1
    }
})
