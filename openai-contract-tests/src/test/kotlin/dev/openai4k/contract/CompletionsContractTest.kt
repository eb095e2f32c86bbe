package dev.openai4k.contract

import dev.openai4k.completions.CompletionPrompt
import dev.openai4k.completions.CompletionRequest
import dev.openai4k.completions.completionRequest
import dev.openai4k.completions.completions
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

@EnabledIf(PrismAvailable::class)
class CompletionsContractTest : FunSpec({
    contract(
        Operations.COMPLETIONS_CREATE,
        minimal = {
            val completion = openai.completions.create(CompletionRequest("gpt-3.5-turbo-instruct", CompletionPrompt.of("Say hi")), options)
            completion.text shouldBe "string"
            completion.objectType shouldBe "text_completion"
            completion.choices.single().logprobs?.tokens shouldBe listOf("string")
        },
        full = {
            val request = completionRequest("gpt-3.5-turbo-instruct") {
                prompts(listOf("Say hi", "Say bye"))
                suffix = "!"
                maxTokens = 32
                temperature = 0.5
                topP = 0.9
                n = 2
                logprobs = 2
                echo = true
                stop(listOf("\n", "END"))
                presencePenalty = 0.1
                frequencyPenalty = 0.2
                bestOf = 3
                logitBias(50256, -100)
                user = "user-1234"
                seed = 7
            }
            val completion = openai.completions.create(request, options)
            if (!dynamic) completion.choices.size shouldBe 1
        },
    )

    test("other prompt shapes: token arrays and a single stop string") {
        val shapes = listOf(
            completionRequest("davinci-002") { tokens(listOf(1, 2, 3)); stop("END") },
            completionRequest("davinci-002") { tokenBatches(listOf(listOf(1, 2), listOf(3))) },
        )
        for (request in shapes) checked(Operations.COMPLETIONS_CREATE, Mode.FULL) { ContractClient.openai.completions.create(request) }
    }
})
