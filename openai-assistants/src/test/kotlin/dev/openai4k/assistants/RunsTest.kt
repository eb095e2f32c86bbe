package dev.openai4k.assistants

import dev.openai4k.common.ListQuery
import dev.openai4k.common.FunctionDefinition
import dev.openai4k.ErrorKind
import dev.openai4k.NotFoundException
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.ktor.http.HttpMethod
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.runTest
import kotlinx.serialization.json.JsonPrimitive
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

private fun run(status: String, extra: String = "") =
    """{"id":"run_1","object":"thread.run","thread_id":"thread_1","assistant_id":"asst_1","status":"$status"$extra}"""

private const val REQUIRES_ACTION = ""","required_action":{"type":"submit_tool_outputs","submit_tool_outputs":{"tool_calls":[
  {"id":"call_1","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Oslo\"}"}},
  {"id":"call_2","type":"function","function":{"name":"time","arguments":"{}"}}]}}"""

class RunsTest : FunSpec({

    test("create sends every run field with its wire name and the beta header") {
        val r = Recorded { json(run("queued")) }
        val created = r.client.assistants.threads.runs.create("thread_1", runRequest("asst_1") {
            model = "gpt-4o"
            instructions = "Be exact."
            additionalInstructions = "Use metric units."
            user("Weather in Oslo?")
            tool(AssistantTool.function("weather", null, """{"type":"object","properties":{"city":{"type":"string"}}}"""))
            metadata("trace", "t1")
            temperature = 0.2
            topP = 1.0
            maxPromptTokens = 1000
            maxCompletionTokens = 500
            truncationStrategy = TruncationStrategy.lastMessages(10)
            toolChoice = RunToolChoice.function("weather")
            parallelToolCalls = false
            responseFormat = AssistantResponseFormat.text()
            reasoningEffort = "medium"
            extraBody("x_priority", JsonPrimitive("high"))
        })

        val req = r.requests.single()
        req.method shouldBe HttpMethod.Post
        req.target shouldBe "/v1/threads/thread_1/runs"
        req.beta shouldBe "assistants=v2"
        req.json shouldBe parse("""{
          "assistant_id":"asst_1","model":"gpt-4o","instructions":"Be exact.","additional_instructions":"Use metric units.",
          "additional_messages":[{"role":"user","content":"Weather in Oslo?"}],
          "tools":[{"type":"function","function":{"name":"weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],
          "metadata":{"trace":"t1"},"temperature":0.2,"top_p":1.0,"max_prompt_tokens":1000,"max_completion_tokens":500,
          "truncation_strategy":{"type":"last_messages","last_messages":10},
          "tool_choice":{"type":"function","function":{"name":"weather"}},
          "parallel_tool_calls":false,"response_format":{"type":"text"},"reasoning_effort":"medium","x_priority":"high"
        }""")
        created.status shouldBe RunStatus.QUEUED
        created.isTerminal shouldBe false
    }

    test("a minimal run sends only the assistant id") {
        val r = Recorded { json(run("queued")) }
        r.client.assistants.threads.runs.create("thread_1", RunRequest.builder("asst_1").build())
        r.requests.single().json shouldBe parse("""{"assistant_id":"asst_1"}""")
    }

    test("a run decodes its required action, error, usage, timing and settings") {
        val r = Recorded {
            json(run("requires_action", REQUIRES_ACTION + """,
              "created_at":1,"expires_at":601,"started_at":2,"cancelled_at":null,"failed_at":null,"completed_at":null,
              "last_error":{"code":"rate_limit_exceeded","message":"slow down"},
              "incomplete_details":{"reason":"max_prompt_tokens"},"model":"gpt-4o","instructions":"Be exact.",
              "tools":[{"type":"function","function":{"name":"weather"}}],"metadata":{"k":"v"},
              "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15},"temperature":0.2,"top_p":1.0,
              "max_prompt_tokens":1000,"max_completion_tokens":500,
              "truncation_strategy":{"type":"auto","last_messages":null},"tool_choice":"auto","parallel_tool_calls":true,
              "response_format":{"type":"json_object"},"reasoning_effort":null"""))
        }
        val run = r.client.assistants.threads.runs.retrieve("thread_1", "run_1")

        r.requests.single().method shouldBe HttpMethod.Get
        r.requests.single().target shouldBe "/v1/threads/thread_1/runs/run_1"
        run.requiresAction shouldBe true
        run.isTerminal shouldBe false
        run.requiredAction!!.type shouldBe "submit_tool_outputs"
        run.toolCalls.map { it.id to it.function.name } shouldContainExactly listOf("call_1" to "weather", "call_2" to "time")
        run.toolCalls[0].function.arguments shouldBe """{"city":"Oslo"}"""
        run.lastError shouldBe RunError("rate_limit_exceeded", "slow down")
        run.incompleteDetails!!.reason shouldBe "max_prompt_tokens"
        run.usage!!.promptTokens shouldBe 10
        run.usage!!.totalTokens shouldBe 15
        run.createdAt shouldBe 1L
        run.expiresAt shouldBe 601L
        run.startedAt shouldBe 2L
        run.completedAt.shouldBeNull()
        run.model shouldBe "gpt-4o"
        run.tools.single() shouldBe FunctionTool(FunctionDefinition("weather"))
        run.truncationStrategy shouldBe TruncationStrategy.auto()
        run.toolChoice shouldBe RunToolChoice.auto()
        run.parallelToolCalls shouldBe true
        run.responseFormat!!.type shouldBe "json_object"
        run.reasoningEffort.shouldBeNull()
    }

    test("every documented status is classified, and an unknown one is neither terminal nor an action") {
        listOf("cancelled", "failed", "completed", "incomplete", "expired").forEach { RunStatus.isTerminal(it) shouldBe true }
        listOf("queued", "in_progress", "requires_action", "cancelling", "paused").forEach { RunStatus.isTerminal(it) shouldBe false }
        Run(status = "paused").requiresAction shouldBe false
    }

    test("cancel posts to /cancel without a body; submitToolOutputs posts the outputs") {
        val r = Recorded { request ->
            if (request.url.encodedPath.endsWith("/cancel")) json(run("cancelling")) else json(run("queued"))
        }
        val runs = r.client.assistants.threads.runs
        runs.cancel("thread_1", "run_1").status shouldBe RunStatus.CANCELLING
        runs.submitToolOutputs("thread_1", "run_1", toolOutputs { output("call_1", "12C"); output("call_2", "09:00") })

        r.requests.map { it.method to it.target } shouldContainExactly listOf(
            HttpMethod.Post to "/v1/threads/thread_1/runs/run_1/cancel",
            HttpMethod.Post to "/v1/threads/thread_1/runs/run_1/submit_tool_outputs",
        )
        r.requests[0].body shouldBe ""
        r.requests[1].json shouldBe parse(
            """{"tool_outputs":[{"tool_call_id":"call_1","output":"12C"},{"tool_call_id":"call_2","output":"09:00"}]}""",
        )
        r.requests.map { it.beta }.toSet() shouldBe setOf("assistants=v2")
    }

    test("toBuilder copies tool outputs and extra fields; a changed copy sends the change and leaves the original alone") {
        val r = Recorded { json(run("queued")) }
        val original = ToolOutputsRequest.builder().output("call_1", "12C").extraBody("x_trace", "t1").build()
        val changed = original.toBuilder().output("call_2", "09:00").build()
        val runs = r.client.assistants.threads.runs
        runs.submitToolOutputs("thread_1", "run_1", original.toBuilder().build())
        runs.submitToolOutputs("thread_1", "run_1", changed)

        r.requests[0].json shouldBe parse("""{"tool_outputs":[{"tool_call_id":"call_1","output":"12C"}],"x_trace":"t1"}""")
        r.requests[1].json shouldBe parse(
            """{"tool_outputs":[{"tool_call_id":"call_1","output":"12C"},{"tool_call_id":"call_2","output":"09:00"}],"x_trace":"t1"}""",
        )
        original.toolOutputs.map { it.toolCallId } shouldContainExactly listOf("call_1")
    }

    test("a message's toBuilder keeps plain text a string on the wire; adding a part turns it into parts") {
        val r = Recorded { json("""{"id":"msg_1","object":"thread.message","thread_id":"thread_1","role":"user","content":[]}""") }
        val message = messageRequest { text("Hi"); attach("file-1", AssistantTool.fileSearch()); metadata("k", "v") }
        val messages = r.client.assistants.threads.messages
        messages.create("thread_1", message.toBuilder().build())
        messages.create("thread_1", message.toBuilder().imageFile("file-2").build())

        val attachments = """"attachments":[{"file_id":"file-1","tools":[{"type":"file_search"}]}],"metadata":{"k":"v"}"""
        r.requests[0].json shouldBe parse("""{"role":"user","content":"Hi",$attachments}""")
        r.requests[1].json shouldBe parse(
            """{"role":"user","content":[{"type":"text","text":"Hi"},{"type":"image_file","image_file":{"file_id":"file-2"}}],$attachments}""",
        )
    }

    test("runs.list sends the paging query; listAll follows two pages") {
        val r = Recorded { request ->
            when (request.url.parameters["after"]) {
                null -> json("""{"data":[${run("completed")}],"has_more":true,"last_id":"run_1"}""")
                "run_1" -> json("""{"data":[{"id":"run_0","status":"failed"}],"has_more":false}""")
                else -> json("""{"error":{"message":"bad cursor"}}""", 400)
            }
        }
        val runs = r.client.assistants.threads.runs
        runs.list("thread_1", ListQuery(limit = 1)).data.single().id shouldBe "run_1"
        runs.listAll("thread_1", ListQuery(limit = 1)).toList().map { it.status } shouldContainExactly listOf("completed", "failed")
        r.requests.map { it.target } shouldContainExactly listOf(
            "/v1/threads/thread_1/runs?limit=1",
            "/v1/threads/thread_1/runs?limit=1",
            "/v1/threads/thread_1/runs?limit=1&after=run_1",
        )
    }

    test("createAndPoll follows queued -> in_progress -> completed on virtual time, backing off between checks") {
        runTest {
            val statuses = ArrayDeque(listOf("in_progress", "completed"))
            val checkedAt = mutableListOf<Long>()
            val r = Recorded(dispatcher = StandardTestDispatcher(testScheduler)) { request ->
                if (request.method == HttpMethod.Post) {
                    json(run("queued"))
                } else {
                    checkedAt += testScheduler.currentTime
                    json(run(statuses.removeFirst(), ""","usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}"""))
                }
            }
            val startedReal = System.nanoTime()
            val done = r.client.assistants.threads.runs.createAndPoll(
                "thread_1", runRequest("asst_1"), pollInterval = 1.seconds, maxPollInterval = 5.seconds, deadline = 1.minutes,
            )

            done.status shouldBe RunStatus.COMPLETED
            done.usage!!.totalTokens shouldBe 7
            r.requests.map { it.method to it.target } shouldContainExactly listOf(
                HttpMethod.Post to "/v1/threads/thread_1/runs",
                HttpMethod.Get to "/v1/threads/thread_1/runs/run_1",
                HttpMethod.Get to "/v1/threads/thread_1/runs/run_1",
            )
            r.requests.map { it.beta }.toSet() shouldBe setOf("assistants=v2")
            checkedAt shouldContainExactly listOf(1000L, 2500L)
            ((System.nanoTime() - startedReal) / 1_000_000 < 2000) shouldBe true
        }
    }

    test("the wait between checks grows by half each time up to the cap") {
        runTest {
            val checkedAt = mutableListOf<Long>()
            val r = Recorded(dispatcher = StandardTestDispatcher(testScheduler)) { request ->
                if (request.method == HttpMethod.Post) return@Recorded json(run("queued"))
                checkedAt += testScheduler.currentTime
                json(run(if (checkedAt.size < 7) "in_progress" else "completed"))
            }
            r.client.assistants.threads.runs.createAndPoll(
                "thread_1", runRequest("asst_1"), pollInterval = 1.seconds, maxPollInterval = 4.seconds,
            ).status shouldBe RunStatus.COMPLETED

            checkedAt.zipWithNext { a, b -> b - a } shouldContainExactly listOf(1500L, 2250L, 3375L, 4000L, 4000L, 4000L)
            checkedAt.first() shouldBe 1000L
        }
    }

    test("createAndPoll stops at requires_action; submitToolOutputsAndPoll resumes to completion") {
        runTest {
            val script = ArrayDeque(listOf(run("in_progress"), run("requires_action", REQUIRES_ACTION), run("completed")))
            val r = Recorded(dispatcher = StandardTestDispatcher(testScheduler)) { request ->
                when {
                    request.url.encodedPath.endsWith("/submit_tool_outputs") -> json(run("queued"))
                    request.method == HttpMethod.Post -> json(run("queued"))
                    else -> json(script.removeFirst())
                }
            }
            val runs = r.client.assistants.threads.runs
            val waiting = runs.createAndPoll("thread_1", runRequest("asst_1"), pollInterval = 200.milliseconds)
            waiting.status shouldBe RunStatus.REQUIRES_ACTION
            val outputs = ToolOutputsRequest.builder().apply { waiting.toolCalls.forEach { output(it.id, "ok:" + it.function.name) } }.build()
            val done = runs.submitToolOutputsAndPoll("thread_1", waiting.id, outputs, pollInterval = 200.milliseconds)

            done.status shouldBe RunStatus.COMPLETED
            r.requests.map { it.method.value + " " + it.url.encodedPath.removePrefix("/v1/threads/thread_1") } shouldContainExactly listOf(
                "POST /runs", "GET /runs/run_1", "GET /runs/run_1", "POST /runs/run_1/submit_tool_outputs", "GET /runs/run_1",
            )
            r.requests[3].json shouldBe parse(
                """{"tool_outputs":[{"tool_call_id":"call_1","output":"ok:weather"},{"tool_call_id":"call_2","output":"ok:time"}]}""",
            )
        }
    }

    test("a run that never settles raises RunPollTimeoutException at the deadline, carrying the last state") {
        runTest {
            var checks = 0
            val r = Recorded(dispatcher = StandardTestDispatcher(testScheduler)) { request ->
                if (request.method == HttpMethod.Post) return@Recorded json(run("queued"))
                checks++
                json(run("in_progress"))
            }
            val e = shouldThrow<RunPollTimeoutException> {
                r.client.assistants.threads.runs.createAndPoll(
                    "thread_1", runRequest("asst_1"), pollInterval = 1.seconds, maxPollInterval = 2.seconds, deadline = 10.seconds,
                )
            }
            e.run!!.status shouldBe RunStatus.IN_PROGRESS
            e.partial shouldBe e.run
            e.runId shouldBe "run_1"
            e.threadId shouldBe "thread_1"
            e.deadlineMillis shouldBe 10_000L
            e.kind shouldBe ErrorKind.TRANSPORT
            e.message!!.contains("did not settle within 10000 ms") shouldBe true
            // Checks at 1 s, 2.5 s, 4.5 s, 6.5 s, 8.5 s; the next would be at 10.5 s, past the deadline.
            checks shouldBe 5
            testScheduler.currentTime shouldBe 10_000L
        }
    }

    test("poll checks at once and returns a run that has already ended without waiting") {
        runTest {
            val r = Recorded(dispatcher = StandardTestDispatcher(testScheduler)) { json(run("expired")) }
            r.client.assistants.threads.runs.poll("thread_1", "run_1").status shouldBe RunStatus.EXPIRED
            r.requests.size shouldBe 1
            testScheduler.currentTime shouldBe 0L
        }
    }

    test("a failed check ends polling with the server's error") {
        runTest {
            val r = Recorded(dispatcher = StandardTestDispatcher(testScheduler)) { request ->
                if (request.method == HttpMethod.Post) json(run("queued"))
                else json("""{"error":{"message":"No run found","type":"invalid_request_error"}}""", 404)
            }
            shouldThrow<NotFoundException> { r.client.assistants.threads.runs.createAndPoll("thread_1", runRequest("asst_1")) }
            r.requests.size shouldBe 2
        }
    }

    test("polling settings are validated before anything is sent") {
        val r = Recorded { json(run("queued")) }
        val runs = r.client.assistants.threads.runs
        shouldThrow<IllegalArgumentException> { runs.createAndPoll("t", runRequest("a"), pollInterval = 0.seconds) }
        shouldThrow<IllegalArgumentException> {
            runs.createAndPoll("t", runRequest("a"), pollInterval = 2.seconds, maxPollInterval = 1.seconds)
        }
        shouldThrow<IllegalArgumentException> { runs.poll("t", "r", deadline = (-1).seconds) }
        r.requests.size shouldBe 0
    }
})
