package dev.openai4k.contract

import dev.openai4k.assistants.AssistantRequest
import dev.openai4k.assistants.AssistantResponseFormat
import dev.openai4k.assistants.AssistantTool
import dev.openai4k.assistants.AssistantUpdateRequest
import dev.openai4k.assistants.FileSearchOptions
import dev.openai4k.assistants.FileSearchRanking
import dev.openai4k.assistants.FileSearchResources
import dev.openai4k.assistants.FileSearchTool
import dev.openai4k.common.FunctionDefinition
import dev.openai4k.assistants.CodeInterpreterResources
import dev.openai4k.assistants.NewVectorStore
import dev.openai4k.assistants.ToolResources
import dev.openai4k.assistants.assistantRequest
import dev.openai4k.assistants.assistantUpdate
import dev.openai4k.assistants.assistants
import dev.openai4k.common.listQuery
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

@EnabledIf(PrismAvailable::class)
class AssistantsContractTest : FunSpec({
    contract(
        Operations.ASSISTANTS_CREATE,
        minimal = {
            val assistant = openai.assistants.create(AssistantRequest("gpt-4o"), options)
            if (!dynamic) {
                assistant.id shouldBe "string"
                assistant.objectType shouldBe "assistant"
            }
        },
        full = {
            val request = assistantRequest("gpt-4o") {
                name("Weather bot")
                description("Answers weather questions")
                instructions("Be brief.")
                tool(AssistantTool.codeInterpreter())
                tool(FileSearchTool(FileSearchOptions(maxNumResults = 10, rankingOptions = FileSearchRanking("auto", 0.5))))
                tool(AssistantTool.function(FunctionDefinition("get_weather", "Current weather", Fixtures.WEATHER_SCHEMA, strict = true)))
                toolResources(
                    ToolResources(
                        codeInterpreter = CodeInterpreterResources(listOf("file-abc123")),
                        fileSearch = FileSearchResources(vectorStoreIds = listOf("vs_abc123")),
                    ),
                )
                metadata("purpose", "contract-test")
                temperature(0.7)
                topP(0.9)
                responseFormat(AssistantResponseFormat.jsonSchema("weather", Fixtures.WEATHER_SCHEMA, strict = true, description = "A city"))
                reasoningEffort("low")
            }
            openai.assistants.create(request, options)
        },
    )

    test("other shapes: response_format auto, text and json_object; a new vector store in tool resources") {
        val shapes = listOf(
            assistantRequest("gpt-4o") { responseFormat(AssistantResponseFormat.auto()) },
            assistantRequest("gpt-4o") { responseFormat(AssistantResponseFormat.text()) },
            assistantRequest("gpt-4o") {
                responseFormat(AssistantResponseFormat.jsonObject())
                tool(AssistantTool.fileSearch())
                toolResources(ToolResources(fileSearch = FileSearchResources(vectorStores = listOf(NewVectorStore(listOf("file-abc123"))))))
            },
        )
        for (request in shapes) checked(Operations.ASSISTANTS_CREATE, Mode.FULL) { ContractClient.openai.assistants.create(request) }
    }

    contract(
        Operations.ASSISTANTS_LIST,
        minimal = {
            val page = openai.assistants.list(options = options)
            if (!dynamic) page.hasMore shouldBe false
        },
        full = {
            openai.assistants.list(listQuery { limit = 10; order = "asc"; after = "asst_a"; before = "asst_z" }, options)
        },
    )

    contract(
        Operations.ASSISTANTS_RETRIEVE,
        minimal = {
            val assistant = openai.assistants.retrieve("asst_abc123", options)
            if (!dynamic) assistant.model shouldBe "string"
        },
        full = null,
    )

    contract(
        Operations.ASSISTANTS_UPDATE,
        minimal = { openai.assistants.update("asst_abc123", AssistantUpdateRequest(), options) },
        full = {
            val request = assistantUpdate {
                model("gpt-4o-mini")
                name("Weather bot 2")
                description("Answers weather questions")
                instructions("Be briefer.")
                tool(AssistantTool.fileSearch(5))
                toolResources(ToolResources.fileSearch("vs_abc123"))
                metadata("purpose", "contract-test")
                temperature(0.5)
                topP(0.8)
                responseFormat(AssistantResponseFormat.jsonObject())
                reasoningEffort("medium")
            }
            openai.assistants.update("asst_abc123", request, options)
        },
    )

    contract(
        Operations.ASSISTANTS_DELETE,
        minimal = {
            val status = openai.assistants.delete("asst_abc123", options)
            if (!dynamic) status.deleted shouldBe true
        },
        full = null,
    )
})
