package dev.openai4k.contract

import dev.openai4k.chat.ContentPart
import dev.openai4k.common.ImageDetail
import dev.openai4k.chat.chat
import dev.openai4k.chat.chatRequest
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

/**
 * Vision is chat with image parts (`POST /chat/completions`); these checks count towards that operation's row
 * of the coverage table (a failure here marks it failed).
 */
@EnabledIf(PrismAvailable::class)
class VisionContractTest : FunSpec({
    test("vision minimal: one image by URL") {
        checked(Operations.CHAT_CREATE, Mode.MINIMAL) {
            val request = chatRequest("gpt-4o-mini") {
                user(ContentPart.text("What is this?"), ContentPart.imageUrl("https://example.com/cat.png"))
            }
            ContractClient.openai.chat.create(request).text shouldBe "string"
        }
    }

    test("vision full: several images by URL and data URL with every detail level") {
        for (options in listOf(dev.openai4k.RequestOptions.NONE, ContractClient.dynamic)) {
            val mode = if (options === ContractClient.dynamic) Mode.DYNAMIC else Mode.FULL
            checked(Operations.CHAT_CREATE, mode) {
                val request = chatRequest("gpt-4o") {
                    system("Describe images.")
                    user(
                        ContentPart.text("Compare these."),
                        ContentPart.imageUrl("https://example.com/a.png", ImageDetail.LOW),
                        ContentPart.imageUrl("https://example.com/b.jpg", ImageDetail.HIGH),
                        ContentPart.imageUrl(Fixtures.PNG_DATA_URL, ImageDetail.AUTO),
                    )
                    maxCompletionTokens = 300
                }
                ContractClient.openai.chat.create(request, options)
            }
        }
    }
})
