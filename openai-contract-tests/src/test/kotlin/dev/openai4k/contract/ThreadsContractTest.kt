package dev.openai4k.contract

import dev.openai4k.assistants.AssistantResponseFormat
import dev.openai4k.assistants.AssistantTool
import dev.openai4k.assistants.MessageRequest
import dev.openai4k.assistants.RunRequest
import dev.openai4k.assistants.RunToolChoice
import dev.openai4k.assistants.ThreadRequest
import dev.openai4k.assistants.ThreadUpdateRequest
import dev.openai4k.assistants.ToolOutput
import dev.openai4k.assistants.ToolOutputsRequest
import dev.openai4k.assistants.ToolResources
import dev.openai4k.assistants.TruncationStrategy
import dev.openai4k.assistants.assistants
import dev.openai4k.common.listQuery
import dev.openai4k.assistants.messageRequest
import dev.openai4k.assistants.runRequest
import dev.openai4k.assistants.threadRequest
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

@EnabledIf(PrismAvailable::class)
class ThreadsContractTest : FunSpec({
    val richMessage = messageRequest {
        text("Compare these charts.")
        imageFile("file-img123", "high")
        imageUrl("https://example.com/chart.png", "low")
        attach("file-abc123", AssistantTool.codeInterpreter(), AssistantTool.fileSearch())
        metadata("source", "contract-test")
    }

    contract(
        Operations.THREADS_CREATE,
        minimal = {
            val thread = openai.assistants.threads.create(ThreadRequest.EMPTY, options)
            if (!dynamic) thread.objectType shouldBe "thread"
        },
        full = {
            val request = threadRequest {
                user("Hello")
                assistant("Hi! How can I help?")
                message(richMessage)
                toolResources(ToolResources.codeInterpreter("file-abc123"))
                metadata("purpose", "contract-test")
            }
            openai.assistants.threads.create(request, options)
        },
    )

    contract(
        Operations.THREADS_RETRIEVE,
        minimal = {
            val thread = openai.assistants.threads.retrieve("thread_abc123", options)
            if (!dynamic) thread.id shouldBe "string"
        },
        full = null,
    )

    contract(
        Operations.THREADS_UPDATE,
        minimal = { openai.assistants.threads.update("thread_abc123", ThreadUpdateRequest(), options) },
        full = {
            val request = ThreadUpdateRequest(ToolResources.fileSearch("vs_abc123"), mapOf("purpose" to "contract-test"))
            openai.assistants.threads.update("thread_abc123", request, options)
        },
    )

    contract(
        Operations.THREADS_DELETE,
        minimal = {
            val status = openai.assistants.threads.delete("thread_abc123", options)
            if (!dynamic) status.deleted shouldBe true
        },
        full = null,
    )

    contract(
        Operations.MESSAGES_CREATE,
        minimal = {
            val message = openai.assistants.threads.messages.create("thread_abc123", MessageRequest.user("Hello"), options)
            if (!dynamic) message.objectType shouldBe "thread.message"
        },
        full = { openai.assistants.threads.messages.create("thread_abc123", richMessage, options) },
    )

    contract(
        Operations.MESSAGES_LIST,
        minimal = {
            val page = openai.assistants.threads.messages.list("thread_abc123", options = options)
            if (!dynamic) page.data.single().id shouldBe "string"
        },
        full = {
            val request = listQuery { limit = 5; order = "asc"; after = "msg_a"; before = "msg_z" }
            openai.assistants.threads.messages.list("thread_abc123", request, runId = "run_abc123", options = options)
        },
    )

    contract(
        Operations.MESSAGES_RETRIEVE,
        minimal = {
            val message = openai.assistants.threads.messages.retrieve("thread_abc123", "msg_abc123", options)
            if (!dynamic) message.threadId shouldBe "string"
        },
        full = null,
    )

    contract(
        Operations.MESSAGES_DELETE,
        minimal = {
            val status = openai.assistants.threads.messages.delete("thread_abc123", "msg_abc123", options)
            if (!dynamic) status.deleted shouldBe true
        },
        full = null,
    )

    contract(
        Operations.RUNS_CREATE,
        minimal = {
            val run = openai.assistants.threads.runs.create("thread_abc123", RunRequest("asst_abc123"), options)
            if (!dynamic) run.objectType shouldBe "thread.run"
        },
        full = {
            val request = runRequest("asst_abc123") {
                model = "gpt-4o"
                instructions = "Be brief."
                additionalInstructions = "Use metric units."
                user("What is the weather in Paris?")
                message(richMessage)
                tool(AssistantTool.function("get_weather", "Current weather", Fixtures.WEATHER_SCHEMA.toString(), strict = true))
                tool(AssistantTool.codeInterpreter())
                metadata("purpose", "contract-test")
                temperature = 0.7
                topP = 0.9
                maxPromptTokens = 2000
                maxCompletionTokens = 1000
                truncationStrategy = TruncationStrategy.lastMessages(5)
                toolChoice = RunToolChoice.function("get_weather")
                parallelToolCalls = false
                responseFormat = AssistantResponseFormat.jsonSchema("weather", Fixtures.WEATHER_SCHEMA, strict = true)
                reasoningEffort = "low"
            }
            openai.assistants.threads.runs.create("thread_abc123", request, options)
        },
    )

    test("other run shapes: tool choice modes and a hosted tool, auto truncation") {
        val shapes = listOf(
            runRequest("asst_abc123") { toolChoice = RunToolChoice.auto(); truncationStrategy = TruncationStrategy.auto() },
            runRequest("asst_abc123") { toolChoice = RunToolChoice.none() },
            runRequest("asst_abc123") { toolChoice = RunToolChoice.required() },
            runRequest("asst_abc123") { tool(AssistantTool.fileSearch()); toolChoice = RunToolChoice.tool("file_search") },
        )
        for (request in shapes) {
            checked(Operations.RUNS_CREATE, Mode.FULL) { ContractClient.openai.assistants.threads.runs.create("thread_abc123", request) }
        }
    }

    contract(
        Operations.RUNS_LIST,
        minimal = {
            val page = openai.assistants.threads.runs.list("thread_abc123", options = options)
            if (!dynamic) page.data.single().status shouldBe "queued"
        },
        full = {
            openai.assistants.threads.runs.list("thread_abc123", listQuery { limit = 5; order = "desc"; after = "run_a"; before = "run_z" }, options)
        },
    )

    contract(
        Operations.RUNS_RETRIEVE,
        minimal = {
            val run = openai.assistants.threads.runs.retrieve("thread_abc123", "run_abc123", options)
            if (!dynamic) run.threadId shouldBe "string"
        },
        full = null,
    )

    contract(
        Operations.RUNS_CANCEL,
        minimal = {
            val run = openai.assistants.threads.runs.cancel("thread_abc123", "run_abc123", options)
            if (!dynamic) run.id shouldBe "string"
        },
        full = null,
    )

    contract(
        Operations.RUNS_SUBMIT_TOOL_OUTPUTS,
        minimal = {
            val request = ToolOutputsRequest.of(ToolOutput("call_1", "sunny"), ToolOutput("call_2", "22C"))
            val run = openai.assistants.threads.runs.submitToolOutputs("thread_abc123", "run_abc123", request, options)
            if (!dynamic) run.assistantId shouldBe "string"
        },
        full = null,
    )
})
