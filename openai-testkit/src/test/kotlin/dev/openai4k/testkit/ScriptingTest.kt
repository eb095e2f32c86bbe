package dev.openai4k.testkit

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

private const val CHAT = """{"model":"m","messages":[{"role":"user","content":"echo me"}]}"""
private const val CHAT_STREAM = """{"model":"m","stream":true,"messages":[{"role":"user","content":"echo me"}]}"""

private fun chatText(body: String) = parse(body)["choices"]!!.arr[0].obj["message"]!!.obj["content"]!!.str

class ScriptingTest : FunSpec({

    test("scripts on a path answer in FIFO order, then the default answers again") {
        OpenAITestServer.start().use { server ->
            server.enqueue("chat/completions", Scripted.text("first"), Scripted.text("second"))
            server.enqueue("chat/completions", Scripted.text("third"))
            server.pending("chat/completions") shouldBe 3
            chatText(server.post("chat/completions", CHAT).body()) shouldBe "first"
            chatText(server.post("chat/completions", CHAT).body()) shouldBe "second"
            chatText(server.post("chat/completions", CHAT).body()) shouldBe "third"
            chatText(server.post("chat/completions", CHAT).body()) shouldBe "echo me"
            server.pending("chat/completions") shouldBe 0
        }
    }

    test("a script is taken only by requests on its own path") {
        OpenAITestServer.start().use { server ->
            server.enqueue("/v1/chat/completions", Scripted.json("""{"scripted":true}"""))
            parse(server.post("embeddings", """{"model":"m","input":"x","dimensions":2}""").body())["object"]!!.str shouldBe "list"
            server.post("chat/completions", CHAT).body() shouldBe """{"scripted":true}"""
        }
    }

    test("a scripted text streams in the shape of chat, completions and responses") {
        OpenAITestServer.start().use { server ->
            server.enqueue("chat/completions", Scripted.text("alpha beta"))
            val chat = sseEvents(server.post("chat/completions", CHAT_STREAM).body()).dropLast(1).map { parse(it.data) }
            chat.mapNotNull { it["choices"]!!.arr.firstOrNull()?.obj?.get("delta")?.obj?.get("content")?.takeIf { c -> !c.isNull }?.str }
                .joinToString("") shouldBe "alpha beta"

            server.enqueue("completions", Scripted.text("gamma delta"))
            parse(server.post("completions", """{"model":"m","prompt":"p"}""").body())["choices"]!!.arr[0].obj["text"]!!.str shouldBe "gamma delta"

            server.enqueue("responses", Scripted.text("epsilon zeta"))
            val events = sseEvents(server.post("responses", """{"model":"m","input":"x","stream":true}""").body())
            parse(events.last().data)["response"]!!.obj["output"]!!.arr[0].obj["content"]!!.arr[0].obj["text"]!!.str shouldBe "epsilon zeta"
        }
    }

    test("scripted chat tool calls arrive whole without stream") {
        OpenAITestServer.start().use { server ->
            server.enqueue("chat/completions", Scripted.toolCalls(ToolCallSpec("call_a", "lookup", """{"q":"x"}""")))
            val choice = parse(server.post("chat/completions", CHAT).body())["choices"]!!.arr[0].obj
            choice["finish_reason"]!!.str shouldBe "tool_calls"
            val message = choice["message"]!!.obj
            message["content"]!!.isNull shouldBe true
            val call = message["tool_calls"]!!.arr.single().obj
            call["id"]!!.str shouldBe "call_a"
            call["type"]!!.str shouldBe "function"
            call["function"]!!.obj["name"]!!.str shouldBe "lookup"
            call["function"]!!.obj["arguments"]!!.str shouldBe """{"q":"x"}"""
        }
    }

    test("streamed chat tool calls come as small interleaved fragments that reassemble by index") {
        OpenAITestServer.start().use { server ->
            val a = """{"city":"Paris","unit":"celsius"}"""
            val b = """{"query":"population of Paris"}"""
            server.enqueue("chat/completions", Scripted.toolCalls(ToolCallSpec("call_1", "weather", a), ToolCallSpec("call_2", "search", b)))
            val chunks = sseEvents(server.post("chat/completions", CHAT_STREAM).body()).let {
                it.last().data shouldBe "[DONE]"
                it.dropLast(1).map { e -> parse(e.data) }
            }
            val deltas = chunks.flatMap { c -> c["choices"]!!.arr.flatMap { ch -> ch.obj["delta"]!!.obj["tool_calls"]?.arr ?: emptyList() } }.map { it.obj }
            val ids = mutableMapOf<Long, String>()
            val names = mutableMapOf<Long, String>()
            val args = mutableMapOf<Long, StringBuilder>()
            val order = mutableListOf<Long>()
            deltas.forEach { d ->
                val index = d["index"]!!.long
                d["id"]?.let { ids[index] = it.str }
                d["function"]?.obj?.get("name")?.let { names[index] = it.str }
                d["function"]?.obj?.get("arguments")?.let { piece ->
                    args.getOrPut(index) { StringBuilder() }.append(piece.str)
                    if (piece.str.isNotEmpty()) order += index
                }
            }
            ids shouldBe mapOf(0L to "call_1", 1L to "call_2")
            names shouldBe mapOf(0L to "weather", 1L to "search")
            args.mapValues { it.value.toString() } shouldBe mapOf(0L to a, 1L to b)
            (order.size > 10) shouldBe true
            order.take(4) shouldBe listOf(0L, 1L, 0L, 1L)
            chunks.last()["choices"]!!.arr[0].obj["finish_reason"]!!.str shouldBe "tool_calls"
        }
    }

    test("scripted responses tool calls are function_call items, streamed as argument deltas") {
        OpenAITestServer.start().use { server ->
            val spec = ToolCallSpec("call_9", "get_time", """{"tz":"UTC"}""")
            server.enqueue("responses", Scripted.toolCalls(spec), Scripted.toolCalls(spec))
            val item = parse(server.post("responses", """{"model":"m","input":"time?"}""").body())["output"]!!.arr.single().obj
            item["type"]!!.str shouldBe "function_call"
            item["call_id"]!!.str shouldBe "call_9"
            item["name"]!!.str shouldBe "get_time"
            item["arguments"]!!.str shouldBe """{"tz":"UTC"}"""
            val events = sseEvents(server.post("responses", """{"model":"m","input":"time?","stream":true}""").body())
            val deltas = events.filter { it.event == "response.function_call_arguments.delta" }.map { parse(it.data)["delta"]!!.str }
            (deltas.size > 1) shouldBe true
            deltas.joinToString("") shouldBe """{"tz":"UTC"}"""
            parse(events.first { it.event == "response.function_call_arguments.done" }.data)["arguments"]!!.str shouldBe """{"tz":"UTC"}"""
        }
    }

    test("an agent turn is two scripts: tool calls, then text") {
        OpenAITestServer.start().use { server ->
            server.enqueue(
                "chat/completions",
                Scripted.toolCalls(ToolCallSpec("call_1", "add", """{"a":2,"b":2}""")),
                Scripted.text("2 + 2 = 4"),
            )
            parse(server.post("chat/completions", CHAT).body())["choices"]!!.arr[0].obj["finish_reason"]!!.str shouldBe "tool_calls"
            val followUp = """{"model":"m","messages":[{"role":"user","content":"add"},{"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"add","arguments":"{}"}}]},{"role":"tool","tool_call_id":"call_1","content":"4"}]}"""
            chatText(server.post("chat/completions", followUp).body()) shouldBe "2 + 2 = 4"
            server.requests("chat/completions")[1].jsonObject!!["messages"]!!.arr[2].obj["content"]!!.str shouldBe "4"
        }
    }

    test("a JSON script is sent as is with its status and headers") {
        OpenAITestServer.start().use { server ->
            val body = buildJsonObject { put("custom", 1) }
            server.enqueue("models", Scripted.json(body, 201, mapOf("x-extra" to "yes")))
            val r = server.get("models")
            r.statusCode() shouldBe 201
            r.body() shouldBe """{"custom":1}"""
            r.headers().firstValue("x-extra").get() shouldBe "yes"
            r.headers().firstValue("content-type").get() shouldBe "application/json"
        }
    }

    test("an error script writes an OpenAI error body and headers such as retry-after") {
        OpenAITestServer.start().use { server ->
            server.enqueue("chat/completions", Scripted.error(429, headers = mapOf("retry-after" to "2", "x-request-id" to "req_mine")))
            server.enqueue("chat/completions", Scripted.error(500, """{"error":{"message":"boom","type":"server_error","param":null,"code":null}}"""))
            val limited = server.post("chat/completions", CHAT)
            limited.statusCode() shouldBe 429
            limited.headers().firstValue("retry-after").get() shouldBe "2"
            limited.headers().allValues("x-request-id") shouldBe listOf("req_mine")
            val error = parse(limited.body())["error"]!!.obj
            error["code"]!!.str shouldBe "rate_limit_exceeded"
            error["type"]!!.str shouldBe "requests"
            val failed = server.post("chat/completions", CHAT)
            failed.statusCode() shouldBe 500
            parse(failed.body())["error"]!!.obj["message"]!!.str shouldBe "boom"
            server.post("chat/completions", CHAT).statusCode() shouldBe 200
        }
    }

    test("a raw SSE script honours CRLF, keep-alive comments, event names and the [DONE] switch") {
        OpenAITestServer.start().use { server ->
            val options = SseOptions.DEFAULT.withCrlf().withKeepAliveComment("ping").withEventName("message")
            server.enqueue("chat/completions", Scripted.sse(listOf("""{"a":1}""", "line1\nline2"), options))
            server.enqueue("chat/completions", Scripted.sse(listOf("""{"b":2}"""), SseOptions.DEFAULT.withoutDone()))
            val raw = rawExchange(server.port, rawPost("chat/completions", "{}"))
            raw.ending shouldBe RawResponse.Ending.COMPLETE
            raw.text shouldBe ": ping\r\nevent: message\r\ndata: {\"a\":1}\r\n\r\n" +
                ": ping\r\nevent: message\r\ndata: line1\r\ndata: line2\r\n\r\n" +
                ": ping\r\ndata: [DONE]\r\n\r\n"
            val second = rawExchange(server.port, rawPost("chat/completions", "{}"))
            second.text shouldBe "data: {\"b\":2}\n\n"
        }
    }

    test("a stream delay spaces the events out") {
        OpenAITestServer.start().use { server ->
            server.enqueue("chat/completions", Scripted.sse(listOf("1", "2", "3"), SseOptions(delayMillis = 150)))
            val started = System.nanoTime()
            sseEvents(server.post("chat/completions", "{}").body()).map { it.data } shouldBe listOf("1", "2", "3", "[DONE]")
            ((System.nanoTime() - started) / 1_000_000 >= 450) shouldBe true
        }
    }

    test("patterns match any id; a concrete path wins over a pattern; a method prefix narrows it") {
        OpenAITestServer.start().use { server ->
            server.enqueue("models/*", Scripted.json("""{"from":"pattern"}"""), Scripted.json("""{"from":"pattern2"}"""))
            server.enqueue("models/gpt-4o", Scripted.json("""{"from":"concrete"}"""))
            server.enqueue("DELETE models/{id}", Scripted.json("""{"from":"delete"}"""))
            server.get("models/gpt-4o").body() shouldBe """{"from":"concrete"}"""
            server.get("models/gpt-4o").body() shouldBe """{"from":"pattern"}"""
            server.delete("models/x").body() shouldBe """{"from":"delete"}"""
            server.get("models/other").body() shouldBe """{"from":"pattern2"}"""
            server.get("models/other").statusCode() shouldBe 404
        }
    }

    test("scripts answer paths the server does not implement") {
        OpenAITestServer.start().use { server ->
            server.enqueue("fine_tuning/jobs", Scripted.json("""{"object":"list","data":[]}"""))
            server.get("fine_tuning/jobs").body() shouldBe """{"object":"list","data":[]}"""
            server.get("fine_tuning/jobs").statusCode() shouldBe 404
        }
    }

    test("a text script on an endpoint without a text shape is a clear 500") {
        OpenAITestServer.start().use { server ->
            server.enqueue("embeddings", Scripted.text("nope"))
            val r = server.post("embeddings", """{"model":"m","input":"x"}""")
            r.statusCode() shouldBe 500
            parse(r.body())["error"]!!.obj["message"]!!.str shouldContain "Scripted.json"
        }
    }

    test("a delayed script waits before answering") {
        OpenAITestServer.start().use { server ->
            server.enqueue("chat/completions", Scripted.delayed(300, Scripted.text("late")))
            val started = System.nanoTime()
            chatText(server.post("chat/completions", CHAT).body()) shouldBe "late"
            ((System.nanoTime() - started) / 1_000_000 >= 300) shouldBe true
        }
    }

    test("clearScripts drops what was queued") {
        OpenAITestServer.start().use { server ->
            server.enqueue("chat/completions", Scripted.text("never"))
            server.pendingTotal shouldBe 1
            server.clearScripts()
            chatText(server.post("chat/completions", CHAT).body()) shouldStartWith "echo"
        }
    }
})
