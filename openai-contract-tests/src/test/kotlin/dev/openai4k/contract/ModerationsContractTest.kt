package dev.openai4k.contract

import dev.openai4k.moderations.ModerationInput
import dev.openai4k.moderations.ModerationRequest
import dev.openai4k.moderations.moderationRequest
import dev.openai4k.moderations.moderations
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

@EnabledIf(PrismAvailable::class)
class ModerationsContractTest : FunSpec({
    contract(
        Operations.MODERATIONS_CREATE,
        minimal = {
            val response = openai.moderations.create(ModerationRequest(ModerationInput.of("I like cats")), options)
            val result = response.results.single()
            result.flagged shouldBe true
            result.categories.hate shouldBe true
            result.categories.selfHarmInstructions shouldBe true
            result.categoryScores.size shouldBe 13
            result.categoryAppliedInputTypes["violence/graphic"] shouldBe listOf("text")
        },
        full = {
            val request = moderationRequest {
                text("Is this picture fine?")
                imageUrl("https://example.com/cat.png")
                model = "omni-moderation-latest"
            }
            val response = openai.moderations.create(request, options)
            if (!dynamic) response.flagged shouldBe true
        },
    )

    test("several texts in one request") {
        checked(Operations.MODERATIONS_CREATE, Mode.FULL) {
            ContractClient.openai.moderations.create(moderationRequest { inputs(listOf("a", "b")); model = "omni-moderation-latest" })
        }
    }
})
