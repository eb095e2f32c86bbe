package dev.openai4k.contract

import dev.openai4k.images.ImageEditRequest
import dev.openai4k.images.ImageGenerationRequest
import dev.openai4k.images.ImageVariationRequest
import dev.openai4k.images.ImagesResponse
import dev.openai4k.images.imageEditRequest
import dev.openai4k.images.imageGenerationRequest
import dev.openai4k.images.imageVariationRequest
import dev.openai4k.images.images
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

@EnabledIf(PrismAvailable::class)
class ImagesContractTest : FunSpec({
    contract(
        Operations.IMAGES_GENERATE,
        minimal = {
            assertStaticExample(openai.images.generate(ImageGenerationRequest("A cat in a hat"), options))
        },
        full = {
            val request = imageGenerationRequest("A cat in a hat") {
                model = "gpt-image-1"
                n = 1
                size = "1024x1024"
                quality = "high"
                style = "natural"
                responseFormat = "b64_json"
                background = "transparent"
                outputFormat = "png"
                outputCompression = 80
                moderation = "low"
                partialImages = 1
                user = "user-1234"
            }
            val response = openai.images.generate(request, options)
            if (!dynamic) assertStaticExample(response)
        },
    )

    contract(
        Operations.IMAGES_EDIT,
        minimal = {
            val request = ImageEditRequest("Add a hat", listOf(Fixtures.png()))
            if (!dynamic) assertStaticExample(openai.images.edit(request, options)) else openai.images.edit(request, options)
        },
        full = {
            val request = imageEditRequest("Add a hat") {
                image(Fixtures.png("cat.png"))
                mask(Fixtures.png("mask.png"))
                model = "gpt-image-1"
                n = 1
                size = "1024x1536"
                quality = "medium"
                responseFormat = "b64_json"
                background = "opaque"
                inputFidelity = "high"
                outputFormat = "webp"
                outputCompression = 90
                partialImages = 2
                user = "user-1234"
            }
            openai.images.edit(request, options)
        },
    )

    test("an edit of several images, sent as image[] (known issue K3)") {
        checked(Operations.IMAGES_EDIT, Mode.FULL, KnownIssues.IMAGE_EDIT_IMAGE_ARRAY) {
            val request = imageEditRequest("Combine them") {
                image(Fixtures.png("a.png"))
                image(Fixtures.png("b.png"))
                model = "gpt-image-1"
            }
            ContractClient.openai.images.edit(request)
        }
    }

    contract(
        Operations.IMAGES_VARIATION,
        minimal = {
            val response = openai.images.createVariation(ImageVariationRequest(Fixtures.png()), options)
            if (!dynamic) response.data.size shouldBe 1
        },
        full = {
            val request = imageVariationRequest(Fixtures.png()) {
                model = "dall-e-2"
                n = 2
                size = "512x512"
                responseFormat = "url"
                user = "user-1234"
            }
            openai.images.createVariation(request, options)
        },
    )
})

private fun assertStaticExample(response: ImagesResponse) {
    response.data.single().b64Json shouldBe "string"
    response.data.single().url shouldBe "http://example.com"
    response.outputFormat shouldBe "png"
    response.usage?.totalTokens shouldBe 0
}
