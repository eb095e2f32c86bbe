package dev.openai4k.testkit

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import kotlinx.serialization.json.JsonObject

class ChatEndpointTest : FunSpec({
    val server = OpenAITestServer.start()
    afterSpec { server.close() }

    test("a chat completion echoes the last user message in the shape the API reference gives") {
        val r = server.post(
            "chat/completions",
            """{"model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"first"},
               {"role":"assistant","content":"ok"},{"role":"user","content":"Hello there, world"}]}""",
        )
        r.statusCode() shouldBe 200
        r.headers().firstValue("content-type").get() shouldBe "application/json"
        r.headers().firstValue("x-request-id").get() shouldStartWith "req_"
        val body = parse(r.body())
        body.shape() shouldBe mapOf(
            "id" to "string", "object" to "string", "created" to "number", "model" to "string", "choices" to "array",
            "usage" to "object", "service_tier" to "string", "system_fingerprint" to "string",
        )
        body["object"]!!.str shouldBe "chat.completion"
        body["id"]!!.str shouldStartWith "chatcmpl-"
        body["model"]!!.str shouldBe "gpt-4o-mini"
        val choice = body["choices"]!!.arr.single().obj
        choice["index"]!!.long shouldBe 0
        choice["finish_reason"]!!.str shouldBe "stop"
        choice["logprobs"]!!.isNull shouldBe true
        val message = choice["message"]!!.obj
        message["role"]!!.str shouldBe "assistant"
        message["content"]!!.str shouldBe "Hello there, world"
        val usage = body["usage"]!!.obj
        usage["completion_tokens"]!!.long shouldBe 3
        usage["total_tokens"]!!.long shouldBe usage["prompt_tokens"]!!.long + usage["completion_tokens"]!!.long
    }

    test("text parts of a user message are echoed; image parts are not") {
        val body = parse(server.post(
            "chat/completions",
            """{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"What is"},
               {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}},{"type":"text","text":"this?"}]}]}""",
        ).body())
        body["choices"]!!.arr[0].obj["message"]!!.obj["content"]!!.str shouldBe "What is this?"
    }

    test("n gives n choices and max_tokens cuts the echo with finish_reason length") {
        val body = parse(server.post(
            "chat/completions",
            """{"model":"m","n":2,"max_tokens":2,"messages":[{"role":"user","content":"one two three four"}]}""",
        ).body())
        val choices = body["choices"]!!.arr
        choices.map { it.obj["index"]!!.long } shouldBe listOf(0L, 1L)
        choices.forEach {
            it.obj["message"]!!.obj["content"]!!.str shouldBe "one two"
            it.obj["finish_reason"]!!.str shouldBe "length"
        }
    }

    test("a json_schema response format gets JSON that fits the schema") {
        val body = parse(server.post(
            "chat/completions",
            """{"model":"m","messages":[{"role":"user","content":"Ada"}],"response_format":{"type":"json_schema",
               "json_schema":{"name":"p","strict":true,"schema":{"type":"object","properties":{"name":{"type":"string"},
               "age":{"type":"integer"},"tags":{"type":"array","items":{"type":"string"}},"kind":{"enum":["a","b"]}},
               "required":["name","age","tags","kind"]}}}}""",
        ).body())
        val content = parse(body["choices"]!!.arr[0].obj["message"]!!.obj["content"]!!.str)
        content["name"]!!.str shouldBe "Ada"
        content["age"]!!.long shouldBe 0
        content["tags"]!!.arr.map { it.str } shouldBe listOf("Ada")
        content["kind"]!!.str shouldBe "a"
    }

    test("a stream sends a role chunk, word chunks, a finish chunk, a usage chunk, then [DONE]") {
        val r = server.post(
            "chat/completions",
            """{"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},
               "messages":[{"role":"user","content":"Hello streaming world"}]}""",
        )
        r.statusCode() shouldBe 200
        r.headers().firstValue("content-type").get() shouldStartWith "text/event-stream"
        val events = sseEvents(r.body())
        events.last().data shouldBe "[DONE]"
        val chunks = events.dropLast(1).map { parse(it.data) }
        chunks.forEach {
            it["object"]!!.str shouldBe "chat.completion.chunk"
            it["id"]!!.str shouldBe chunks[0]["id"]!!.str
            it["created"]!!.long shouldBe chunks[0]["created"]!!.long
            it["model"]!!.str shouldBe "gpt-4o-mini"
        }
        val first = chunks.first()["choices"]!!.arr.single().obj
        first["delta"]!!.obj["role"]!!.str shouldBe "assistant"
        first["finish_reason"]!!.isNull shouldBe true
        val words = chunks.subList(1, chunks.size - 2).map { it["choices"]!!.arr.single().obj["delta"]!!.obj["content"]!!.str }
        words shouldBe listOf("Hello", " streaming", " world")
        val finish = chunks[chunks.size - 2]
        finish["choices"]!!.arr.single().obj["finish_reason"]!!.str shouldBe "stop"
        finish["choices"]!!.arr.single().obj["delta"]!!.obj shouldBe JsonObject(emptyMap())
        finish["usage"]!!.isNull shouldBe true
        val usage = chunks.last()
        usage["choices"]!!.arr.size shouldBe 0
        usage["usage"]!!.obj["completion_tokens"]!!.long shouldBe 3
    }

    test("without include_usage a stream has no usage chunk and no usage field") {
        val events = sseEvents(server.post(
            "chat/completions",
            """{"model":"m","stream":true,"messages":[{"role":"user","content":"a b"}]}""",
        ).body())
        events.map { it.data }.last() shouldBe "[DONE]"
        val chunks = events.dropLast(1).map { parse(it.data) }
        chunks.size shouldBe 4
        chunks.forEach { it.containsKey("usage") shouldBe false }
        chunks.last()["choices"]!!.arr.single().obj["finish_reason"]!!.str shouldBe "stop"
    }

    test("a request without messages is a 400 in OpenAI's error shape") {
        val r = server.post("chat/completions", """{"model":"m"}""")
        r.statusCode() shouldBe 400
        val error = parse(r.body())["error"]!!.obj
        error.keys shouldContainAll listOf("message", "type", "param", "code")
        error["param"]!!.str shouldBe "messages"
        error["type"]!!.str shouldBe "invalid_request_error"
    }

    test("a body that is not JSON is a 400") {
        val r = server.post("chat/completions", "{not json")
        r.statusCode() shouldBe 400
        parse(r.body())["error"]!!.obj["message"]!!.str shouldStartWith "We could not parse the JSON body"
    }

    test("an unknown path is a 404 and a wrong method a 405") {
        server.post("chat/nothing", "{}").statusCode() shouldBe 404
        server.get("chat/completions").statusCode() shouldBe 405
    }
})
