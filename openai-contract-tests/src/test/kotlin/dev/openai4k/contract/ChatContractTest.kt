package dev.openai4k.contract

import dev.openai4k.chat.AssistantMessage
import dev.openai4k.chat.AudioOutput
import dev.openai4k.chat.AudioReference
import dev.openai4k.chat.ChatCompletion
import dev.openai4k.chat.ChatTool
import dev.openai4k.chat.ContentPart
import dev.openai4k.chat.DeveloperMessage
import dev.openai4k.chat.FunctionCall
import dev.openai4k.chat.MessageContent
import dev.openai4k.chat.Prediction
import dev.openai4k.chat.ResponseFormat
import dev.openai4k.chat.SystemMessage
import dev.openai4k.chat.ToolCall
import dev.openai4k.chat.ToolChoice
import dev.openai4k.chat.ToolMessage
import dev.openai4k.chat.UserMessage
import dev.openai4k.chat.ApproximateLocation
import dev.openai4k.chat.UserLocation
import dev.openai4k.chat.WebSearchOptions
import dev.openai4k.chat.chat
import dev.openai4k.chat.chatRequest
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

@EnabledIf(PrismAvailable::class)
class ChatContractTest : FunSpec({
    contract(
        Operations.CHAT_CREATE,
        minimal = {
            val completion = openai.chat.create(chatRequest("gpt-4o-mini") { user("Hello") }, options)
            assertStaticExample(completion)
        },
        full = {
            val request = chatRequest("gpt-4o") {
                message(SystemMessage(MessageContent.of("Be brief."), name = "policy"))
                message(DeveloperMessage(MessageContent.of("Answer in JSON."), name = "dev"))
                message(
                    UserMessage(
                        MessageContent.of(
                            listOf(
                                ContentPart.text("What is in this image, and what is the weather?"),
                                ContentPart.imageUrl("https://example.com/cat.png", "low"),
                                ContentPart.inputAudio("SUQzBAAAAAAA", "mp3"),
                                ContentPart.fileId("file-abc123"),
                                ContentPart.fileData(Fixtures.PNG_DATA_URL, "cat.png"),
                            ),
                        ),
                        name = "alice",
                    ),
                )
                message(
                    AssistantMessage(
                        content = MessageContent.of(listOf(ContentPart.text("Let me check."))),
                        toolCalls = listOf(ToolCall("call_1", FunctionCall("get_weather", "{\"city\":\"Paris\"}"))),
                        audio = AudioReference("audio_abc"),
                        name = "bot",
                    ),
                )
                message(ToolMessage("call_1", MessageContent.of("sunny")))
                message(AssistantMessage(refusal = "I cannot help with that."))
                temperature = 0.7
                topP = 0.9
                n = 1
                stop(listOf("END", "STOP"))
                maxTokens = 256
                maxCompletionTokens = 512
                frequencyPenalty = 0.5
                presencePenalty = -0.5
                logitBias = mapOf("50256" to -100)
                logprobs = true
                topLogprobs = 3
                seed = 42
                endUser("user-1234")
                safetyIdentifier = "hashed-user-1234"
                promptCacheKey = "weather-v1"
                responseFormat = ResponseFormat.jsonSchema("weather", Fixtures.WEATHER_SCHEMA, strict = true, description = "A city")
                tool(ChatTool.function("get_weather", "Current weather", Fixtures.WEATHER_SCHEMA, strict = true))
                toolChoice = ToolChoice.function("get_weather")
                parallelToolCalls = false
                reasoningEffort = "low"
                verbosity = "low"
                serviceTier = "auto"
                store = true
                metadata = mapOf("purpose" to "contract-test")
                modalities = listOf("text", "audio")
                audio = AudioOutput("alloy", "mp3")
                prediction = Prediction.content("The weather in Paris is sunny.")
                webSearchOptions = WebSearchOptions(
                    "low",
                    UserLocation(ApproximateLocation("Paris", "FR", "Ile-de-France", "Europe/Paris")),
                )
            }
            val completion = openai.chat.create(request, options)
            if (!dynamic) assertStaticExample(completion)
        },
    )

    test("other shapes of chat unions: stop as one string, tool_choice modes, text and json_object formats") {
        val shapes = listOf(
            chatRequest("gpt-4o-mini") { user("a"); stop("END"); toolChoice = ToolChoice.AUTO; responseFormat = ResponseFormat.TEXT },
            chatRequest("gpt-4o-mini") { user("b"); toolChoice = ToolChoice.NONE; responseFormat = ResponseFormat.JSON_OBJECT },
            chatRequest("gpt-4o-mini") {
                user("c")
                tool(ChatTool.function("noop"))
                toolChoice = ToolChoice.REQUIRED
            },
        )
        for (request in shapes) {
            checked(Operations.CHAT_CREATE, Mode.FULL) { ContractClient.openai.chat.create(request) }
        }
    }
})

/** Prism's static answer is the spec's example: placeholders such as `"string"` and zeros. */
private fun assertStaticExample(completion: ChatCompletion) {
    completion.id shouldBe "string"
    completion.objectType shouldBe "chat.completion"
    completion.choices.size shouldBe 1
    completion.text shouldBe "string"
    completion.finishReason shouldBe "stop"
    completion.toolCalls.single().name shouldBe "string"
    completion.choices[0].message.annotations?.single()?.urlCitation?.url shouldBe "http://example.com"
    completion.usage?.totalTokens shouldBe 0
    completion.serviceTier shouldBe "auto"
}
