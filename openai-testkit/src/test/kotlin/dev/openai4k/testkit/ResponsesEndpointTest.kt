package dev.openai4k.testkit

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith

class ResponsesEndpointTest : FunSpec({
    val server = OpenAITestServer.start()
    afterSpec { server.close() }

    test("a response echoes the input as one output message with usage") {
        val body = parse(server.post("responses", """{"model":"gpt-4o-mini","input":"Tell me a joke","instructions":"Be fun"}""").body())
        body["id"]!!.str shouldStartWith "resp_"
        body["object"]!!.str shouldBe "response"
        body["status"]!!.str shouldBe "completed"
        body["created_at"]!!.long
        body["instructions"]!!.str shouldBe "Be fun"
        body.keys shouldContainAll listOf("error", "incomplete_details", "tools", "tool_choice", "text", "metadata", "parallel_tool_calls")
        val message = body["output"]!!.arr.single().obj
        message["type"]!!.str shouldBe "message"
        message["role"]!!.str shouldBe "assistant"
        message["status"]!!.str shouldBe "completed"
        message["id"]!!.str shouldStartWith "msg_"
        val part = message["content"]!!.arr.single().obj
        part["type"]!!.str shouldBe "output_text"
        part["text"]!!.str shouldBe "Tell me a joke"
        part["annotations"]!!.arr.size shouldBe 0
        val usage = body["usage"]!!.obj
        usage["output_tokens"]!!.long shouldBe 4
        usage["total_tokens"]!!.long shouldBe usage["input_tokens"]!!.long + 4
        usage["output_tokens_details"]!!.obj["reasoning_tokens"]!!.long shouldBe 0
    }

    test("an input of items echoes the last user message") {
        val body = parse(server.post(
            "responses",
            """{"model":"m","input":[{"role":"user","content":"first"},{"role":"assistant","content":"ok"},
               {"role":"user","content":[{"type":"input_text","text":"second"}]}]}""",
        ).body())
        body["output"]!!.arr[0].obj["content"]!!.arr[0].obj["text"]!!.str shouldBe "second"
    }

    test("a streamed response sends the documented event sequence, each named by its type") {
        val r = server.post("responses", """{"model":"m","input":"one two three","stream":true}""")
        r.headers().firstValue("content-type").get() shouldStartWith "text/event-stream"
        val events = sseEvents(r.body())
        events.forEach { parse(it.data)["type"]!!.str shouldBe it.event }
        events.map { it.event } shouldBe listOf(
            "response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
            "response.output_text.delta", "response.output_text.delta", "response.output_text.delta",
            "response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed",
        )
        val payloads = events.map { parse(it.data) }
        payloads.map { it["sequence_number"]!!.long } shouldBe payloads.indices.map { it.toLong() }
        payloads[0]["response"]!!.obj["status"]!!.str shouldBe "in_progress"
        payloads.filter { it["type"]!!.str == "response.output_text.delta" }.joinToString("") { it["delta"]!!.str } shouldBe "one two three"
        payloads[7]["text"]!!.str shouldBe "one two three"
        val completed = payloads.last()["response"]!!.obj
        completed["status"]!!.str shouldBe "completed"
        completed["output"]!!.arr[0].obj["id"] shouldBe payloads[2]["item"]!!.obj["id"]
        events.none { it.data == "[DONE]" } shouldBe true
    }

    test("a stored response can be retrieved, listed for input items, and deleted") {
        val created = parse(server.post("responses", """{"model":"m","input":"keep me"}""").body())
        val id = created["id"]!!.str
        parse(server.get("responses/$id").body()) shouldBe created
        val items = parse(server.get("responses/$id/input_items").body())
        items["object"]!!.str shouldBe "list"
        val item = items["data"]!!.arr.single().obj
        item["type"]!!.str shouldBe "message"
        item["role"]!!.str shouldBe "user"
        item["content"]!!.arr.single().obj["text"]!!.str shouldBe "keep me"
        items["first_id"] shouldBe item["id"]
        items["has_more"]!!.bool shouldBe false
        val deleted = parse(server.delete("responses/$id").body())
        deleted["deleted"]!!.bool shouldBe true
        server.get("responses/$id").statusCode() shouldBe 404
    }

    test("store false is not retrievable") {
        val id = parse(server.post("responses", """{"model":"m","input":"x","store":false}""").body())["id"]!!.str
        server.get("responses/$id").statusCode() shouldBe 404
    }

    test("a background response moves queued, in_progress, completed over retrieves, and can be cancelled") {
        val id = parse(server.post("responses", """{"model":"m","input":"later","background":true}""").body()).let {
            it["status"]!!.str shouldBe "queued"
            it["output"]!!.arr.size shouldBe 0
            it["id"]!!.str
        }
        parse(server.get("responses/$id").body())["status"]!!.str shouldBe "in_progress"
        val done = parse(server.get("responses/$id").body())
        done["status"]!!.str shouldBe "completed"
        done["output"]!!.arr[0].obj["content"]!!.arr[0].obj["text"]!!.str shouldBe "later"

        val other = parse(server.post("responses", """{"model":"m","input":"stop","background":true}""").body())["id"]!!.str
        parse(server.post("responses/$other/cancel", "").body())["status"]!!.str shouldBe "cancelled"
        parse(server.get("responses/$other").body())["status"]!!.str shouldBe "cancelled"
        server.post("responses/$id/cancel", "").statusCode() shouldBe 200
        val foreground = parse(server.post("responses", """{"model":"m","input":"now"}""").body())["id"]!!.str
        server.post("responses/$foreground/cancel", "").statusCode() shouldBe 400
    }
})
