package dev.openai4k.assistants

import dev.openai4k.common.listQuery
import dev.openai4k.common.ListOrder
import dev.openai4k.common.ListQuery
import dev.openai4k.common.ImageUrl
import dev.openai4k.common.MessageRole
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.ktor.http.HttpMethod
import kotlinx.coroutines.flow.toList

private const val THREAD_JSON =
    """{"id":"thread_1","object":"thread","created_at":1700000001,"tool_resources":{"code_interpreter":{"file_ids":[]}},"metadata":{"user":"42"}}"""

private const val MESSAGE_JSON = """{
  "id":"msg_1","object":"thread.message","created_at":1700000002,"thread_id":"thread_1","status":"completed",
  "incomplete_details":null,"completed_at":1700000003,"incomplete_at":null,"role":"assistant",
  "content":[
    {"type":"text","text":{"value":"See the report【4:0†source】 and chart.png","annotations":[
      {"type":"file_citation","text":"【4:0†source】","file_citation":{"file_id":"file-r"},"start_index":14,"end_index":26},
      {"type":"file_path","text":"chart.png","file_path":{"file_id":"file-c"},"start_index":31,"end_index":40},
      {"type":"url_citation","url":"https://example.test"}]}},
    {"type":"image_file","image_file":{"file_id":"file-img","detail":"high"}},
    {"type":"image_url","image_url":{"url":"https://example.test/a.png"}},
    {"type":"refusal","refusal":"I can't."},
    {"type":"audio","audio":{"id":"x"}},
    {"type":"text","text":{"value":"Second.","annotations":[]}}
  ],
  "assistant_id":"asst_1","run_id":"run_1",
  "attachments":[{"file_id":"file-a","tools":[{"type":"file_search"}]}],"metadata":{}
}"""

class ThreadsAndMessagesTest : FunSpec({

    test("threads.create sends initial messages as string or parts, with attachments, resources and metadata") {
        val r = Recorded { json(THREAD_JSON) }
        val thread = r.client.assistants.threads.create(threadRequest {
            user("Hello")
            message(messageRequest {
                text("What is in this image?")
                imageFile("file-img", detail = "low")
                imageUrl("https://example.test/a.png")
                attach("file-a", AssistantTool.fileSearch(), AssistantTool.codeInterpreter())
                metadata("source", "test")
            })
            assistant("I am ready.")
            toolResources = ToolResources.codeInterpreter("file-1", "file-2")
            metadata("user", "42")
        })

        val req = r.requests.single()
        req.method shouldBe HttpMethod.Post
        req.target shouldBe "/v1/threads"
        req.beta shouldBe "assistants=v2"
        req.json shouldBe parse("""{
          "messages":[
            {"role":"user","content":"Hello"},
            {"role":"user","content":[
               {"type":"text","text":"What is in this image?"},
               {"type":"image_file","image_file":{"file_id":"file-img","detail":"low"}},
               {"type":"image_url","image_url":{"url":"https://example.test/a.png"}}],
             "attachments":[{"file_id":"file-a","tools":[{"type":"file_search"},{"type":"code_interpreter"}]}],
             "metadata":{"source":"test"}},
            {"role":"assistant","content":"I am ready."}],
          "tool_resources":{"code_interpreter":{"file_ids":["file-1","file-2"]}},
          "metadata":{"user":"42"}
        }""")
        thread shouldBe AssistantThread(
            id = "thread_1", objectType = "thread", createdAt = 1700000001,
            toolResources = ToolResources(codeInterpreter = CodeInterpreterResources(emptyList())), metadata = mapOf("user" to "42"),
        )
    }

    test("an empty thread create sends {}") {
        val r = Recorded { json(THREAD_JSON) }
        r.client.assistants.threads.create()
        r.requests.single().body shouldBe "{}"
    }

    test("threads retrieve, update and delete use their paths and methods") {
        val r = Recorded { request ->
            if (request.method == HttpMethod.Delete) json("""{"id":"thread_1","object":"thread.deleted","deleted":true}""")
            else json(THREAD_JSON)
        }
        val threads = r.client.assistants.threads
        threads.retrieve("thread_1").metadata shouldBe mapOf("user" to "42")
        threads.update("thread_1", ThreadUpdateRequest.metadata(mapOf("user" to "43")))
        threads.delete("thread_1") shouldBe DeletionStatus("thread_1", "thread.deleted", true)

        r.requests.map { it.method to it.target } shouldContainExactly listOf(
            HttpMethod.Get to "/v1/threads/thread_1",
            HttpMethod.Post to "/v1/threads/thread_1",
            HttpMethod.Delete to "/v1/threads/thread_1",
        )
        r.requests[1].json shouldBe parse("""{"metadata":{"user":"43"}}""")
        r.requests.map { it.beta }.toSet() shouldBe setOf("assistants=v2")
    }

    test("messages.create posts to the thread's messages with plain string content") {
        val r = Recorded { json(MESSAGE_JSON) }
        r.client.assistants.threads.messages.create("thread_1", MessageRequest.user("Hi"))

        val req = r.requests.single()
        req.method shouldBe HttpMethod.Post
        req.target shouldBe "/v1/threads/thread_1/messages"
        req.beta shouldBe "assistants=v2"
        req.json shouldBe parse("""{"role":"user","content":"Hi"}""")
    }

    test("a message built from parts only keeps the array form; a lone text part becomes a string") {
        messageRequest { imageUrl("https://x.test/i.png") }.content.parts!!.single().shouldBeInstanceOf<ImageUrlContent>()
        messageRequest { text("only") }.content shouldBe MessageInput.text("only")
        shouldThrow<IllegalStateException> { MessageRequest.builder(MessageRole.USER).build() }
    }

    test("a message decodes every content part and annotation type, keeping unknown ones as JSON") {
        val r = Recorded { json(MESSAGE_JSON) }
        val message = r.client.assistants.threads.messages.retrieve("thread_1", "msg_1")

        r.requests.single().target shouldBe "/v1/threads/thread_1/messages/msg_1"
        message.id shouldBe "msg_1"
        message.threadId shouldBe "thread_1"
        message.role shouldBe MessageRole.ASSISTANT
        message.status shouldBe "completed"
        message.completedAt shouldBe 1700000003L
        message.assistantId shouldBe "asst_1"
        message.runId shouldBe "run_1"
        message.attachments shouldBe listOf(MessageAttachment("file-a", listOf(FileSearchTool())))

        val text = message.content[0].shouldBeInstanceOf<TextContent>()
        text.text.value shouldBe "See the report【4:0†source】 and chart.png"
        text.text.annotations[0] shouldBe FileCitation("【4:0†source】", FileReference("file-r"), 14, 26)
        text.text.annotations[1] shouldBe FilePathAnnotation("chart.png", FileReference("file-c"), 31, 40)
        text.text.annotations[2].shouldBeInstanceOf<OtherAnnotation>().type shouldBe "url_citation"
        message.content[1] shouldBe ImageFileContent(ImageFile("file-img", "high"))
        message.content[2] shouldBe ImageUrlContent(ImageUrl("https://example.test/a.png"))
        message.content[3] shouldBe RefusalContent("I can't.")
        message.content[4].shouldBeInstanceOf<OtherContent>().json shouldBe parse("""{"type":"audio","audio":{"id":"x"}}""")
        message.text shouldBe "See the report【4:0†source】 and chart.png\nSecond."
    }

    test("messages.list sends the paging query and run_id; listAll follows two pages") {
        val r = Recorded { request ->
            when (request.url.parameters["after"]) {
                null -> json("""{"object":"list","data":[$MESSAGE_JSON],"has_more":true,"last_id":"msg_1"}""")
                "msg_1" -> json("""{"object":"list","data":[{"id":"msg_2","content":[]}],"has_more":false,"last_id":"msg_2"}""")
                else -> json("""{"error":{"message":"bad cursor"}}""", 400)
            }
        }
        val messages = r.client.assistants.threads.messages
        val page = messages.list("thread_1", listQuery { limit = 1; order = ListOrder.DESC }, runId = "run_1")
        val all = messages.listAll("thread_1", ListQuery(order = ListOrder.ASC)).toList()

        page.data.single().id shouldBe "msg_1"
        page.hasMore shouldBe true
        all.map { it.id } shouldContainExactly listOf("msg_1", "msg_2")
        r.requests.map { it.target } shouldContainExactly listOf(
            "/v1/threads/thread_1/messages?limit=1&order=desc&run_id=run_1",
            "/v1/threads/thread_1/messages?order=asc",
            "/v1/threads/thread_1/messages?order=asc&after=msg_1",
        )
    }

    test("messages.delete sends DELETE to the message") {
        val r = Recorded { json("""{"id":"msg_1","object":"thread.message.deleted","deleted":true}""") }
        r.client.assistants.threads.messages.delete("thread_1", "msg_1").deleted shouldBe true
        r.requests.single().method shouldBe HttpMethod.Delete
        r.requests.single().target shouldBe "/v1/threads/thread_1/messages/msg_1"
    }
})
