package dev.openai4k.assistants

import dev.openai4k.common.ListOrder
import dev.openai4k.common.ListQuery
import dev.openai4k.common.MessageRole
import dev.openai4k.NotFoundException
import dev.openai4k.OpenAI
import dev.openai4k.testkit.OpenAITestServer
import dev.openai4k.testkit.Scripted
import dev.openai4k.testkit.ToolCallSpec
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.flow.toList
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

class AssistantsSocketTest : FunSpec({
    val server = OpenAITestServer.start()
    val client = OpenAI { baseUrl = server.baseUrl; apiKey = "sk-test"; maxRetries = 0 }
    val runs = client.assistants.threads.runs
    afterSpec {
        client.close()
        server.close()
    }
    beforeEach { server.clearRequests() }

    test("assistant, thread and run over real sockets: createAndPoll reaches completed and the answer is in the thread") {
        val assistant = client.assistants.create(assistantRequest("gpt-4o-mini") {
            name = "Echo"
            instructions = "Repeat the user."
            tool(AssistantTool.codeInterpreter())
        })
        assistant.name shouldBe "Echo"
        assistant.tools shouldBe listOf(CodeInterpreterTool)

        val thread = client.assistants.threads.create(threadRequest { user("Hello there"); metadata("case", "1") })
        thread.metadata shouldBe mapOf("case" to "1")

        val run = runs.createAndPoll(
            thread.id, runRequest(assistant.id), pollInterval = 5.milliseconds, maxPollInterval = 20.milliseconds, deadline = 10.seconds,
        )
        run.status shouldBe RunStatus.COMPLETED
        run.usage!!.totalTokens shouldBe run.usage!!.promptTokens + run.usage!!.completionTokens

        val messages = client.assistants.threads.messages.list(thread.id, ListQuery(order = ListOrder.ASC)).data
        messages.map { it.role } shouldContainExactly listOf(MessageRole.USER, MessageRole.ASSISTANT)
        messages[1].text shouldBe "Hello there"
        messages[1].runId shouldBe run.id

        // Every call carried the beta header; the polls were GETs of the run.
        server.requests.map { it.header("openai-beta") }.toSet() shouldBe setOf("assistants=v2")
        val polls = server.requests("GET threads/{t}/runs/{r}")
        polls.map { it.path }.toSet() shouldBe setOf("/v1/threads/${thread.id}/runs/${run.id}")
        server.requests("POST threads/{t}/runs").single().jsonObject shouldBe parse("""{"assistant_id":"${assistant.id}"}""")
    }

    test("a scripted tool call stops the run at requires_action; submitted outputs complete it") {
        val assistant = client.assistants.create(assistantRequest("gpt-4o-mini") {
            tool(AssistantTool.function("weather", "Current weather", """{"type":"object","properties":{"city":{"type":"string"}}}"""))
        })
        val thread = client.assistants.threads.create(threadRequest { user("Weather in Oslo?") })
        server.enqueue("POST threads/{id}/runs", Scripted.toolCalls(ToolCallSpec("call_w", "weather", """{"city":"Oslo"}""")))

        val waiting = runs.createAndPoll(thread.id, runRequest(assistant.id), pollInterval = 5.milliseconds, deadline = 10.seconds)
        waiting.status shouldBe RunStatus.REQUIRES_ACTION
        waiting.toolCalls.single().id shouldBe "call_w"
        waiting.toolCalls.single().function.arguments shouldBe """{"city":"Oslo"}"""

        val done = runs.submitToolOutputsAndPoll(
            thread.id, waiting.id, toolOutputs { output("call_w", "12C and sunny") }, pollInterval = 5.milliseconds, deadline = 10.seconds,
        )
        done.status shouldBe RunStatus.COMPLETED
        server.requests("POST threads/{t}/runs/{r}/submit_tool_outputs").single().jsonObject shouldBe
            parse("""{"tool_outputs":[{"tool_call_id":"call_w","output":"12C and sunny"}]}""")
        val answer = client.assistants.threads.messages.listAll(thread.id).toList().first()
        answer.text shouldContain "12C and sunny"
    }

    test("cancel moves a run through cancelling to cancelled") {
        val assistant = client.assistants.create(assistantRequest("gpt-4o-mini"))
        val thread = client.assistants.threads.create()
        val run = runs.create(thread.id, runRequest(assistant.id))
        runs.cancel(thread.id, run.id).status shouldBe RunStatus.CANCELLING
        runs.poll(thread.id, run.id, pollInterval = 5.milliseconds, deadline = 10.seconds).status shouldBe RunStatus.CANCELLED
        runs.listAll(thread.id).toList().map { it.id } shouldBe listOf(run.id)
    }

    test("assistants list over pages, update and delete against the server's store") {
        val ids = (1..3).map { client.assistants.create(assistantRequest("gpt-4o-mini") { name = "p$it" }).id }
        val listed = client.assistants.listAll(ListQuery(limit = 2, order = ListOrder.ASC)).toList().map { it.id }
        listed.filter { it in ids } shouldContainExactly ids
        (server.requests("GET assistants").size >= 2) shouldBe true

        client.assistants.update(ids[0], assistantUpdate { instructions = "New." }).instructions shouldBe "New."
        client.assistants.delete(ids[0]).deleted shouldBe true
        shouldThrow<NotFoundException> { client.assistants.retrieve(ids[0]) }
    }
})
