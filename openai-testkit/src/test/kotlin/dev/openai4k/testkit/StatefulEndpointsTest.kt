package dev.openai4k.testkit

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith

class StatefulEndpointsTest : FunSpec({

    test("files upload with purpose, page with limit/after/order, retrieve, give back content, and delete") {
        OpenAITestServer.start().use { server ->
            val ids = (1..3).map { i ->
                val r = server.postForm("files", Form().file("file", "data$i.jsonl", "application/jsonl", "{\"i\":$i}\n".toByteArray()).field("purpose", "batch"))
                r.statusCode() shouldBe 200
                val f = parse(r.body())
                f.shape() shouldBe mapOf(
                    "id" to "string", "object" to "string", "bytes" to "number", "created_at" to "number",
                    "expires_at" to "null", "filename" to "string", "purpose" to "string", "status" to "string",
                    "status_details" to "null",
                )
                f["bytes"]!!.long shouldBe 8
                f["filename"]!!.str shouldBe "data$i.jsonl"
                f["id"]!!.str
            }
            val first = parse(server.get("files?limit=2").body())
            first["data"]!!.arr.map { it.obj["id"]!!.str } shouldBe listOf(ids[2], ids[1])
            first["has_more"]!!.bool shouldBe true
            first["first_id"]!!.str shouldBe ids[2]
            first["last_id"]!!.str shouldBe ids[1]
            val second = parse(server.get("files?limit=2&after=${ids[1]}").body())
            second["data"]!!.arr.map { it.obj["id"]!!.str } shouldBe listOf(ids[0])
            second["has_more"]!!.bool shouldBe false
            parse(server.get("files?order=asc").body())["data"]!!.arr.map { it.obj["id"]!!.str } shouldBe ids
            parse(server.get("files?purpose=assistants").body())["data"]!!.arr.size shouldBe 0

            parse(server.get("files/${ids[0]}").body())["filename"]!!.str shouldBe "data1.jsonl"
            val content = server.get("files/${ids[0]}/content")
            content.body() shouldBe "{\"i\":1}\n"
            content.headers().firstValue("content-type").get() shouldBe "application/jsonl"
            parse(server.delete("files/${ids[0]}").body()).let {
                it["deleted"]!!.bool shouldBe true
                it["object"]!!.str shouldBe "file"
            }
            server.get("files/${ids[0]}").statusCode() shouldBe 404
            server.postForm("files", Form().file("file", "x.txt", "text/plain", ByteArray(1)).field("purpose", "nonsense")).statusCode() shouldBe 400
        }
    }

    test("assistants are created, listed, updated with POST, and deleted") {
        OpenAITestServer.start().use { server ->
            val a = parse(server.post("assistants", """{"model":"gpt-4o","name":"Math","instructions":"Solve","tools":[{"type":"code_interpreter"}]}""").body())
            a["id"]!!.str shouldStartWith "asst_"
            a["object"]!!.str shouldBe "assistant"
            a["name"]!!.str shouldBe "Math"
            a["tools"]!!.arr.single().obj["type"]!!.str shouldBe "code_interpreter"
            a["description"]!!.isNull shouldBe true
            val b = parse(server.post("assistants", """{"model":"gpt-4o"}""").body())
            parse(server.get("assistants?order=asc").body())["data"]!!.arr.map { it.obj["id"] } shouldBe listOf(a["id"], b["id"])
            val updated = parse(server.post("assistants/${a["id"]!!.str}", """{"name":"Algebra"}""").body())
            updated["name"]!!.str shouldBe "Algebra"
            updated["instructions"]!!.str shouldBe "Solve"
            parse(server.get("assistants/${a["id"]!!.str}").body())["name"]!!.str shouldBe "Algebra"
            parse(server.delete("assistants/${a["id"]!!.str}").body())["object"]!!.str shouldBe "assistant.deleted"
            server.get("assistants/${a["id"]!!.str}").statusCode() shouldBe 404
        }
    }

    test("threads hold messages; a run goes queued, in_progress, completed over retrieves and adds the reply") {
        OpenAITestServer.start().use { server ->
            val assistant = parse(server.post("assistants", """{"model":"gpt-4o"}""").body())["id"]!!.str
            val thread = parse(server.post("threads", """{"messages":[{"role":"user","content":"Hi there"}]}""").body())
            thread["object"]!!.str shouldBe "thread"
            val tid = thread["id"]!!.str
            val added = parse(server.post("threads/$tid/messages", """{"role":"user","content":"What is 2+2?"}""").body())
            added["object"]!!.str shouldBe "thread.message"
            added["content"]!!.arr.single().obj["text"]!!.obj["value"]!!.str shouldBe "What is 2+2?"
            added["thread_id"]!!.str shouldBe tid

            val run = parse(server.post("threads/$tid/runs", """{"assistant_id":"$assistant"}""").body())
            run["object"]!!.str shouldBe "thread.run"
            run["status"]!!.str shouldBe "queued"
            run["model"]!!.str shouldBe "gpt-4o"
            val rid = run["id"]!!.str
            parse(server.get("threads/$tid/runs/$rid").body())["status"]!!.str shouldBe "in_progress"
            val done = parse(server.get("threads/$tid/runs/$rid").body())
            done["status"]!!.str shouldBe "completed"
            done["usage"]!!.obj["completion_tokens"]!!.long shouldBe 3
            done["completed_at"]!!.long

            val messages = parse(server.get("threads/$tid/messages").body())
            val newest = messages["data"]!!.arr.first().obj
            newest["role"]!!.str shouldBe "assistant"
            newest["run_id"]!!.str shouldBe rid
            newest["content"]!!.arr.single().obj["text"]!!.obj["value"]!!.str shouldBe "What is 2+2?"
            messages["data"]!!.arr.size shouldBe 3
            parse(server.get("threads/$tid/messages?run_id=$rid").body())["data"]!!.arr.size shouldBe 1
            parse(server.get("threads/$tid/runs").body())["data"]!!.arr.single().obj["id"]!!.str shouldBe rid
            parse(server.delete("threads/$tid").body())["object"]!!.str shouldBe "thread.deleted"
            server.get("threads/$tid").statusCode() shouldBe 404
        }
    }

    test("scripted tool calls make a run require action until outputs are submitted") {
        OpenAITestServer.start().use { server ->
            val tid = parse(server.post("threads", """{"messages":[{"role":"user","content":"Weather?"}]}""").body())["id"]!!.str
            server.enqueue("threads/{id}/runs", Scripted.toolCalls(ToolCallSpec("call_1", "weather", """{"city":"Oslo"}""")))
            val rid = parse(server.post("threads/$tid/runs", """{"assistant_id":"asst_any"}""").body())["id"]!!.str
            server.get("threads/$tid/runs/$rid")
            val waiting = parse(server.get("threads/$tid/runs/$rid").body())
            waiting["status"]!!.str shouldBe "requires_action"
            val call = waiting["required_action"]!!.obj["submit_tool_outputs"]!!.obj["tool_calls"]!!.arr.single().obj
            call["id"]!!.str shouldBe "call_1"
            call["function"]!!.obj["arguments"]!!.str shouldBe """{"city":"Oslo"}"""
            server.post("threads/$tid/runs/$rid/submit_tool_outputs", """{"tool_outputs":[{"tool_call_id":"other","output":"x"}]}""").statusCode() shouldBe 400
            val submitted = parse(server.post("threads/$tid/runs/$rid/submit_tool_outputs", """{"tool_outputs":[{"tool_call_id":"call_1","output":"Sunny, 20C"}]}""").body())
            submitted["status"]!!.str shouldBe "queued"
            submitted["required_action"]!!.isNull shouldBe true
            server.get("threads/$tid/runs/$rid")
            parse(server.get("threads/$tid/runs/$rid").body())["status"]!!.str shouldBe "completed"
            parse(server.get("threads/$tid/messages").body())["data"]!!.arr.first().obj["content"]!!.arr[0].obj["text"]!!.obj["value"]!!.str shouldBe "Sunny, 20C"
        }
    }

    test("a run can be cancelled, and a streamed run sends the Assistants events then done") {
        OpenAITestServer.start().use { server ->
            val tid = parse(server.post("threads", "{}").body())["id"]!!.str
            val rid = parse(server.post("threads/$tid/runs", """{"assistant_id":"a"}""").body())["id"]!!.str
            parse(server.post("threads/$tid/runs/$rid/cancel", "").body())["status"]!!.str shouldBe "cancelling"
            parse(server.get("threads/$tid/runs/$rid").body())["status"]!!.str shouldBe "cancelled"
            server.post("threads/$tid/runs/$rid/cancel", "").statusCode() shouldBe 400

            server.post("threads/$tid/messages", """{"role":"user","content":"stream please"}""")
            val events = sseEvents(server.post("threads/$tid/runs", """{"assistant_id":"a","stream":true}""").body())
            events.map { it.event } shouldBe listOf(
                "thread.run.created", "thread.run.queued", "thread.run.in_progress", "thread.message.created",
                "thread.message.in_progress", "thread.message.delta", "thread.message.delta", "thread.message.completed",
                "thread.run.completed", "done",
            )
            events.last().data shouldBe "[DONE]"
            events.filter { it.event == "thread.message.delta" }
                .joinToString("") { parse(it.data)["delta"]!!.obj["content"]!!.arr[0].obj["text"]!!.obj["value"]!!.str } shouldBe "stream please"
            parse(events[8].data)["status"]!!.str shouldBe "completed"
        }
    }
})
