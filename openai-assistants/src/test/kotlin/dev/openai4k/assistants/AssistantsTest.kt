package dev.openai4k.assistants

import dev.openai4k.common.listQuery
import dev.openai4k.common.ListOrder
import dev.openai4k.common.ListQuery
import dev.openai4k.common.FunctionDefinition
import dev.openai4k.NotFoundException
import dev.openai4k.requestOptions
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.ktor.http.HttpMethod
import kotlinx.coroutines.flow.toList
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonObject

private const val ASSISTANT_JSON = """{
  "id":"asst_1","object":"assistant","created_at":1700000000,"name":"Tutor","description":"Math help",
  "model":"gpt-4o","instructions":"Explain steps.",
  "tools":[{"type":"code_interpreter"},{"type":"file_search","file_search":{"max_num_results":5}},
           {"type":"function","function":{"name":"lookup","description":"Find a term","parameters":{"type":"object"},"strict":true}},
           {"type":"web_browser","browser":{"depth":2}}],
  "tool_resources":{"code_interpreter":{"file_ids":["file-1"]},"file_search":{"vector_store_ids":["vs_1"]}},
  "metadata":{"team":"a"},"temperature":0.5,"top_p":0.9,"response_format":"auto","reasoning_effort":"low",
  "unknown_field":[1,2]
}"""

private val schema = parse("""{"type":"object","properties":{"answer":{"type":"string"}},"required":["answer"]}""").jsonObject

class AssistantsTest : FunSpec({

    test("create sends every field with its wire name, the beta header, and decodes the assistant") {
        val r = Recorded { json(ASSISTANT_JSON) }
        val request = assistantRequest("gpt-4o") {
            name = "Tutor"
            description = "Math help"
            instructions = "Explain steps."
            tool(AssistantTool.codeInterpreter())
            tool(AssistantTool.fileSearch(5))
            tool(AssistantTool.function("lookup", "Find a term", """{"type":"object"}""", strict = true))
            toolResources = ToolResources(
                codeInterpreter = CodeInterpreterResources(listOf("file-1")),
                fileSearch = FileSearchResources(vectorStoreIds = listOf("vs_1")),
            )
            metadata("team", "a")
            temperature = 0.5
            topP = 0.9
            responseFormat = AssistantResponseFormat.jsonSchema("answer", schema, strict = true)
            reasoningEffort = "low"
        }
        val assistant = r.client.assistants.create(request)

        val req = r.requests.single()
        req.method shouldBe HttpMethod.Post
        req.target shouldBe "/v1/assistants"
        req.beta shouldBe "assistants=v2"
        req.json shouldBe parse("""{
          "model":"gpt-4o","name":"Tutor","description":"Math help","instructions":"Explain steps.",
          "tools":[{"type":"code_interpreter"},{"type":"file_search","file_search":{"max_num_results":5}},
                   {"type":"function","function":{"name":"lookup","description":"Find a term","parameters":{"type":"object"},"strict":true}}],
          "tool_resources":{"code_interpreter":{"file_ids":["file-1"]},"file_search":{"vector_store_ids":["vs_1"]}},
          "metadata":{"team":"a"},"temperature":0.5,"top_p":0.9,
          "response_format":{"type":"json_schema","json_schema":{"name":"answer","schema":$schema,"strict":true}},
          "reasoning_effort":"low"
        }""")

        assistant.id shouldBe "asst_1"
        assistant.createdAt shouldBe 1700000000L
        assistant.name shouldBe "Tutor"
        assistant.model shouldBe "gpt-4o"
        assistant.tools[0] shouldBe CodeInterpreterTool
        assistant.tools[1] shouldBe FileSearchTool(FileSearchOptions(maxNumResults = 5))
        assistant.tools[2] shouldBe FunctionTool(FunctionDefinition("lookup", "Find a term", parse("""{"type":"object"}""").jsonObject, true))
        val other = assistant.tools[3].shouldBeInstanceOf<OtherTool>()
        other.type shouldBe "web_browser"
        other.json shouldBe parse("""{"type":"web_browser","browser":{"depth":2}}""")
        assistant.toolResources!!.codeInterpreter!!.fileIds shouldBe listOf("file-1")
        assistant.toolResources!!.fileSearch!!.vectorStoreIds shouldBe listOf("vs_1")
        assistant.metadata shouldBe mapOf("team" to "a")
        assistant.temperature shouldBe 0.5
        assistant.topP shouldBe 0.9
        assistant.responseFormat!!.type shouldBe "auto"
        assistant.responseFormat shouldBe AssistantResponseFormat.auto()
        assistant.reasoningEffort shouldBe "low"
    }

    test("a create with only the model sends exactly {model}") {
        val r = Recorded { json("""{"id":"asst_2"}""") }
        val assistant = r.client.assistants.create(assistantRequest("gpt-4o-mini"))
        r.requests.single().json shouldBe parse("""{"model":"gpt-4o-mini"}""")
        assistant shouldBe Assistant(id = "asst_2")
    }

    test("the Java builder and the Kotlin DSL build the same request") {
        val built = AssistantRequest.builder("m").name("n").instructions("i")
            .tool(AssistantTool.codeInterpreter()).metadata("k", "v").temperature(0.1)
            .responseFormat(AssistantResponseFormat.jsonObject()).extraBody("x_vendor", JsonPrimitive(1)).build()
        val dsl = assistantRequest("m") {
            name = "n"; instructions = "i"; tool(AssistantTool.codeInterpreter()); metadata("k", "v"); temperature = 0.1
            responseFormat = AssistantResponseFormat.jsonObject(); extraBody("x_vendor", JsonPrimitive(1))
        }
        built shouldBe dsl
        built.extraBody shouldBe mapOf("x_vendor" to JsonPrimitive(1))
    }

    test("update posts only the fields set, and extra fields can send an explicit null") {
        val r = Recorded { json(ASSISTANT_JSON) }
        r.client.assistants.update("asst_1", assistantUpdate {
            name = "Renamed"
            tools(emptyList())
            extraBody("instructions", JsonNull)
        })

        val req = r.requests.single()
        req.method shouldBe HttpMethod.Post
        req.target shouldBe "/v1/assistants/asst_1"
        req.beta shouldBe "assistants=v2"
        req.json shouldBe parse("""{"name":"Renamed","tools":[],"instructions":null}""")
    }

    test("an unknown tool decoded from the server is sent back unchanged") {
        val r = Recorded { json(ASSISTANT_JSON) }
        val assistant = r.client.assistants.retrieve("asst_1")
        r.client.assistants.update("asst_1", AssistantUpdateRequest(tools = assistant.tools))

        r.requests[0].method shouldBe HttpMethod.Get
        r.requests[0].target shouldBe "/v1/assistants/asst_1"
        r.requests[1].json shouldBe parse("""{"tools":[
            {"type":"code_interpreter"},{"type":"file_search","file_search":{"max_num_results":5}},
            {"type":"function","function":{"name":"lookup","description":"Find a term","parameters":{"type":"object"},"strict":true}},
            {"type":"web_browser","browser":{"depth":2}}]}""")
    }

    test("delete sends DELETE with the beta header and decodes the status") {
        val r = Recorded { json("""{"id":"asst_1","object":"assistant.deleted","deleted":true}""") }
        val status = r.client.assistants.delete("asst_1")

        r.requests.single().method shouldBe HttpMethod.Delete
        r.requests.single().target shouldBe "/v1/assistants/asst_1"
        r.requests.single().beta shouldBe "assistants=v2"
        status shouldBe DeletionStatus("asst_1", "assistant.deleted", true)
    }

    test("list sends the paging query and decodes the page") {
        val r = Recorded {
            json("""{"object":"list","data":[$ASSISTANT_JSON,{"id":"asst_0"}],"first_id":"asst_1","last_id":"asst_0","has_more":false}""")
        }
        val page = r.client.assistants.list(listQuery { limit = 2; order = ListOrder.ASC; after = "a"; before = "b" })

        r.requests.single().method shouldBe HttpMethod.Get
        r.requests.single().target shouldBe "/v1/assistants?limit=2&order=asc&after=a&before=b"
        r.requests.single().beta shouldBe "assistants=v2"
        page.data.map { it.id } shouldContainExactly listOf("asst_1", "asst_0")
        page.hasMore shouldBe false
        page.firstId shouldBe "asst_1"
    }

    test("listAll walks three pages with the beta header on each") {
        val r = Recorded { request ->
            when (request.url.parameters["after"]) {
                null -> json("""{"data":[{"id":"a1"},{"id":"a2"}],"has_more":true,"last_id":"a2"}""")
                "a2" -> json("""{"data":[{"id":"a3"}],"has_more":true,"last_id":"a3"}""")
                "a3" -> json("""{"data":[{"id":"a4"}],"has_more":false}""")
                else -> json("""{"error":{"message":"bad cursor"}}""", 400)
            }
        }
        val all = r.client.assistants.listAll(ListQuery(limit = 2)).toList()

        all.map { it.id } shouldContainExactly listOf("a1", "a2", "a3", "a4")
        r.requests.map { it.target } shouldContainExactly listOf(
            "/v1/assistants?limit=2", "/v1/assistants?limit=2&after=a2", "/v1/assistants?limit=2&after=a3",
        )
        r.requests.map { it.beta }.toSet() shouldBe setOf("assistants=v2")
    }

    test("a caller's own OpenAI-Beta header replaces the default") {
        val r = Recorded { json("""{"id":"asst_1"}""") }
        r.client.assistants.retrieve("asst_1", requestOptions { header("OpenAI-Beta", "assistants=v3") })
        r.requests.single().beta shouldBe "assistants=v3"
    }

    test("a 404 becomes NotFoundException") {
        val r = Recorded { json("""{"error":{"message":"No assistant found with id 'x'.","type":"invalid_request_error"}}""", 404) }
        val e = shouldThrow<NotFoundException> { r.client.assistants.retrieve("x") }
        e.type shouldBe "invalid_request_error"
        e.message!!.contains("No assistant found") shouldBe true
    }

    test("response formats and tool choices encode to the documented shapes") {
        fun enc(f: AssistantResponseFormat) = dev.openai4k.OpenAIJson.encodeToJsonElement(AssistantResponseFormat.serializer(), f)
        fun enc(c: RunToolChoice) = dev.openai4k.OpenAIJson.encodeToJsonElement(RunToolChoice.serializer(), c)
        enc(AssistantResponseFormat.auto()) shouldBe JsonPrimitive("auto")
        enc(AssistantResponseFormat.text()) shouldBe parse("""{"type":"text"}""")
        enc(AssistantResponseFormat.jsonObject()) shouldBe parse("""{"type":"json_object"}""")
        enc(AssistantResponseFormat.jsonSchema("n", """{"type":"object"}""")) shouldBe
            parse("""{"type":"json_schema","json_schema":{"name":"n","schema":{"type":"object"}}}""")
        enc(RunToolChoice.required()) shouldBe JsonPrimitive("required")
        enc(RunToolChoice.none()) shouldBe JsonPrimitive("none")
        enc(RunToolChoice.function("f")) shouldBe parse("""{"type":"function","function":{"name":"f"}}""")
        enc(RunToolChoice.tool("file_search")) shouldBe parse("""{"type":"file_search"}""")
        RunToolChoice.function("f").type shouldBe "function"
    }

    test("in Azure mode assistants calls go to the resource root (not a deployment) with api-version and the beta header") {
        val r = Recorded(configure = { azure("https://res.openai.azure.com", "dep-1", "2024-05-01-preview") }, apiKey = "sk-test") {
            json("""{"id":"run_1","status":"queued"}""")
        }
        r.client.assistants.threads.runs.create("thread_1", runRequest("asst_1"))
        val req = r.requests.single()
        req.url.toString() shouldBe "https://res.openai.azure.com/openai/threads/thread_1/runs?api-version=2024-05-01-preview"
        req.headers["api-key"] shouldBe "sk-test"
        req.beta shouldBe "assistants=v2"
    }
})
