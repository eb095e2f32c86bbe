package dev.openai4k.completions

import dev.openai4k.common.Stop
import dev.openai4k.OpenAIJson
import dev.openai4k.encodeRequestBody
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonPrimitive

class CompletionRequestTest : FunSpec({
    fun encoded(request: CompletionRequest) = encodeRequestBody(CompletionRequest.serializer(), request, request.extraBody)

    test("a minimal request encodes to exactly model and prompt") {
        encoded(CompletionRequest("gpt-3.5-turbo-instruct", CompletionPrompt.of("Say hi"))) shouldBe
            Json.parseToJsonElement("""{"model":"gpt-3.5-turbo-instruct","prompt":"Say hi"}""")
    }

    test("every field is sent under its wire name") {
        val request = completionRequest("gpt-3.5-turbo-instruct") {
            prompts(listOf("a", "b"))
            suffix = "END"
            maxTokens = 16
            temperature = 0.5
            topP = 0.9
            n = 2
            includeUsage(true)
            logprobs = 3
            echo = true
            stop(listOf("\n", "###"))
            presencePenalty = 0.1
            frequencyPenalty = -0.2
            bestOf = 3
            logitBias(50256, -100)
            logitBias(1234, 5)
            user = "u-1"
            seed = 42L
            extraBody("top_k", JsonPrimitive(40))
        }
        encoded(request) shouldBe Json.parseToJsonElement(
            """{"model":"gpt-3.5-turbo-instruct","prompt":["a","b"],"suffix":"END","max_tokens":16,"temperature":0.5,
               "top_p":0.9,"n":2,"stream_options":{"include_usage":true},"logprobs":3,"echo":true,"stop":["\n","###"],
               "presence_penalty":0.1,"frequency_penalty":-0.2,"best_of":3,"logit_bias":{"50256":-100,"1234":5},
               "user":"u-1","seed":42,"top_k":40}""",
        )
    }

    test("a single stop sequence is sent as a string, token prompts as int arrays") {
        encoded(completionRequest("m") { tokens(listOf(1, 2)); stop("\n") }) shouldBe
            Json.parseToJsonElement("""{"model":"m","prompt":[1,2],"stop":"\n"}""")
        encoded(completionRequest("m") { tokenBatches(listOf(listOf(1), listOf(2, 3))) })["prompt"] shouldBe
            Json.parseToJsonElement("[[1],[2,3]]")
    }

    test("prompt and stop shapes decode back to the same variants") {
        for (prompt in listOf(
            CompletionPrompt.of("x"), CompletionPrompt.ofTexts(listOf("a")), CompletionPrompt.ofTokens(listOf(7)),
            CompletionPrompt.ofTokenBatches(listOf(listOf(1, 2))),
        )) {
            for (stop in listOf(Stop.of("s"), Stop.of(listOf("a", "b")))) {
                val request = CompletionRequest("m", prompt, stop = stop)
                val text = OpenAIJson.encodeToString(CompletionRequest.serializer(), request)
                OpenAIJson.decodeFromString(CompletionRequest.serializer(), text) shouldBe request
            }
        }
    }

    test("the Java builder and the DSL build equal requests") {
        val java = CompletionRequest.builder("m").prompt("p").maxTokens(5).temperature(0.0).stop("x").seed(1L).build()
        val dsl = completionRequest("m") { prompt = CompletionPrompt.of("p"); maxTokens = 5; temperature = 0.0; stop = Stop.of("x"); seed = 1L }
        java shouldBe dsl
    }

    test("building without a prompt fails") {
        shouldThrow<IllegalStateException> { CompletionRequest.builder("m").build() }
    }
})
