package dev.openai4k.contract

import dev.openai4k.common.ListOrder
import dev.openai4k.common.ListQuery
import dev.openai4k.responses.ResponseContentPart
import dev.openai4k.responses.ReasoningConfig
import dev.openai4k.responses.ResponseInclude
import dev.openai4k.responses.ResponseItem
import dev.openai4k.responses.ResponseRequest
import dev.openai4k.responses.ResponseInput
import dev.openai4k.responses.ResponseTool
import dev.openai4k.responses.TextConfig
import dev.openai4k.responses.TextFormat
import dev.openai4k.responses.ResponseToolChoice
import dev.openai4k.responses.responseRequest
import dev.openai4k.responses.responses
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

@EnabledIf(PrismAvailable::class)
class ResponsesContractTest : FunSpec({
    contract(
        Operations.RESPONSES_CREATE,
        minimal = {
            val response = openai.responses.create(ResponseRequest("gpt-4.1-mini", ResponseInput.of("Hello")), options)
            if (!dynamic) {
                response.objectType shouldBe "response"
                response.outputText shouldStartWith "The image depicts"
            }
        },
        full = {
            val request = responseRequest("gpt-4.1") {
                system("Be brief.")
                developer("Answer in JSON.")
                user(
                    ResponseContentPart.text("What is in this image and this file?"),
                    ResponseContentPart.imageUrl("https://example.com/cat.png", "high"),
                    ResponseContentPart.imageFile("file-img123", "low"),
                    ResponseContentPart.fileId("file-abc123"),
                    ResponseContentPart.fileBytes(Fixtures.PNG, "cat.pdf"),
                    ResponseContentPart.fileUrl("https://example.com/report.pdf"),
                )
                item(ResponseItem.FunctionCall(callId = "call_1", name = "get_weather", arguments = "{\"city\":\"Paris\"}"))
                functionCallOutput("call_1", "sunny")
                item(ResponseItem.reference("msg_abc123"))
                instructions = "You are a helpful assistant."
                function("get_weather", "Current weather", Fixtures.WEATHER_SCHEMA, strict = true)
                tool(ResponseTool.WebSearch(searchContextSize = "low"))
                tool(ResponseTool.FileSearch(vectorStoreIds = listOf("vs_abc123"), maxNumResults = 5))
                tool(ResponseTool.CodeInterpreter())
                tool(ResponseTool.ImageGeneration(model = "gpt-image-1", size = "1024x1024", quality = "low", outputFormat = "png", background = "auto", partialImages = 1))
                tool(
                    ResponseTool.Mcp(
                        serverLabel = "deepwiki",
                        serverUrl = "https://mcp.deepwiki.com/mcp",
                        serverDescription = "Docs of public repositories",
                        requireApproval = JsonPrimitive("never"),
                        headers = mapOf("X-Trace" to "1"),
                    ),
                )
                toolChoice = ResponseToolChoice.function("get_weather")
                previousResponseId = "resp_abc123"
                store = true
                reasoning = ReasoningConfig("low", "auto")
                text = TextConfig(TextFormat.jsonSchema("weather", Fixtures.WEATHER_SCHEMA, strict = true, description = "A city"), "low")
                maxOutputTokens = 256
                maxToolCalls = 3
                temperature = 0.7
                topP = 0.9
                topLogprobs = 2
                truncation = "auto"
                metadata("purpose", "contract-test")
                parallelToolCalls = false
                include(ResponseInclude.REASONING_ENCRYPTED_CONTENT, ResponseInclude.OUTPUT_TEXT_LOGPROBS)
                background = false
                promptCacheKey = "weather-v1"
                safetyIdentifier = "hashed-user-1234"
                serviceTier = "auto"
                endUser("user-1234")
            }
            openai.responses.create(request, options)
        },
    )

    test("other shapes: a conversation id, tool choice modes and hosted tools, text and json_object formats") {
        val shapes = listOf(
            responseRequest("gpt-4.1-mini") { input("hi"); conversation("conv_abc123"); toolChoice = ResponseToolChoice.AUTO; format(TextFormat.TEXT) },
            responseRequest("gpt-4.1-mini") {
                input("hi")
                conversation(buildJsonObject { put("id", "conv_abc123") })
                toolChoice = ResponseToolChoice.hostedTool("web_search_preview")
                format(TextFormat.JSON_OBJECT)
            },
            responseRequest("gpt-4.1-mini") { input("hi"); toolChoice = ResponseToolChoice.REQUIRED; function("noop", parameters = Fixtures.WEATHER_SCHEMA, strict = false) },
        )
        for (request in shapes) checked(Operations.RESPONSES_CREATE, Mode.FULL) { ContractClient.openai.responses.create(request) }
    }

    test("an assistant message from ResponseItem.assistant(text)") {
        checked(Operations.RESPONSES_CREATE, Mode.FULL) {
            ContractClient.openai.responses.create(responseRequest("gpt-4.1-mini") { assistant("Earlier answer.") })
        }
    }

    test("an image part without an explicit detail") {
        checked(Operations.RESPONSES_CREATE, Mode.MINIMAL) {
            val request = responseRequest("gpt-4.1-mini") { user(ResponseContentPart.imageUrl("https://example.com/cat.png")) }
            ContractClient.openai.responses.create(request)
        }
    }

    test("a function tool without parameters or strict") {
        checked(Operations.RESPONSES_CREATE, Mode.FULL) {
            ContractClient.openai.responses.create(responseRequest("gpt-4.1-mini") { input("hi"); function("noop") })
        }
    }

    contract(
        Operations.RESPONSES_RETRIEVE,
        minimal = {
            val response = openai.responses.retrieve("resp_abc123", options = options)
            if (!dynamic) response.objectType shouldBe "response"
        },
        full = {
            openai.responses.retrieve("resp_abc123", listOf(ResponseInclude.FILE_SEARCH_RESULTS, ResponseInclude.WEB_SEARCH_SOURCES), options)
        },
    )

    contract(
        Operations.RESPONSES_DELETE,
        minimal = { openai.responses.delete("resp_abc123", options).deleted shouldBe true },
        full = null,
    )

    contract(
        Operations.RESPONSES_CANCEL,
        minimal = {
            val response = openai.responses.cancel("resp_abc123", options)
            if (!dynamic) response.objectType shouldBe "response"
        },
        full = null,
    )

    contract(
        Operations.RESPONSES_INPUT_ITEMS,
        minimal = {
            val page = openai.responses.inputItems.list("resp_abc123", options = options)
            if (!dynamic) page.firstId shouldBe "string"
        },
        full = {
            openai.responses.inputItems.list(
                "resp_abc123",
                ListQuery(limit = 20, order = ListOrder.ASC, after = "item_abc", before = "item_xyz"),
                include = listOf(ResponseInclude.INPUT_IMAGE_URLS),
                options = options,
            )
        },
    )
})
