package dev.openai4k

import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import dev.openai4k.http.ServerSentEvent
import dev.openai4k.http.SseParser
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.ktor.client.engine.mock.respond
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import kotlinx.coroutines.flow.toList

private fun parse(text: String, split: Int = Int.MAX_VALUE, max: Int = 1 shl 20): List<ServerSentEvent> {
    val out = mutableListOf<ServerSentEvent>()
    val parser = SseParser(max) { out += it }
    val bytes = text.encodeToByteArray()
    var i = 0
    while (i < bytes.size) {
        val n = minOf(split, bytes.size - i)
        parser.feed(bytes, i, n)
        i += n
    }
    return out
}

private fun streamClient(body: String, configure: OpenAIConfig.() -> Unit = {}) = Recorded(configure) {
    respond(body, HttpStatusCode.OK, headersOf("Content-Type" to listOf("text/event-stream"), "x-request-id" to listOf("req_s")))
}

private val call = ApiCall(ApiMethod.POST, ApiPath.fixed("chat/completions"))

class SseTest : FunSpec({
    test("LF, CR and CRLF line ends, split at every byte boundary") {
        val expected = listOf(ServerSentEvent(null, "a"), ServerSentEvent(null, "b"), ServerSentEvent(null, "c"))
        for (split in listOf(1, 2, 3, 1000)) {
            parse("data: a\n\ndata: b\r\rdata: c\r\n\r\n", split) shouldBe expected
        }
    }

    test("comments are skipped; data with or without the space; several data lines joined with newline") {
        parse(": keep-alive\n\ndata:x\n\ndata: one\ndata: two\ndata:\n\n") shouldBe
            listOf(ServerSentEvent(null, "x"), ServerSentEvent(null, "one\ntwo\n"))
    }

    test("event and id are kept; an event name does not leak into the next event") {
        parse("event: response.created\nid: 7\ndata: {}\n\ndata: next\n\n") shouldBe
            listOf(ServerSentEvent("response.created", "{}", "7"), ServerSentEvent(null, "next", "7"))
    }

    test("a blank line with no data dispatches nothing; an unterminated event at end of input is dropped") {
        parse("event: ping\n\n\n\ndata: partial") shouldBe emptyList()
    }

    test("multi-byte UTF-8 split across reads decodes intact") {
        parse("data: héllo 世界 🎉\n\n", 1) shouldBe listOf(ServerSentEvent(null, "héllo 世界 🎉"))
    }

    test("a line over the bound raises a decode error instead of growing") {
        shouldThrow<OpenAIDecodeException> { parse("data: " + "x".repeat(5000) + "\n\n", 100, 1024) }
            .message shouldContain "exceeds 1024 bytes"
        shouldThrow<OpenAIDecodeException> { parse("data: aaaa\n".repeat(500) + "\n", 7, 1024) }
    }

    test("events() ends at [DONE] and ignores what follows") {
        val r = streamClient("data: {\"n\":1}\n\ndata: {\"n\":2}\n\ndata: [DONE]\n\ndata: {\"n\":3}\n\n")
        r.client.events(call).toList().map { it.data } shouldBe listOf("{\"n\":1}", "{\"n\":2}")
        r.requests.single().headers["Accept"] shouldBe "text/event-stream"
    }

    test("a [DONE] padded with spaces still ends the stream") {
        val r = streamClient("data: {\"n\":1}\n\ndata: [DONE]   \n\ndata:  [DONE]\n\n")
        r.client.events(call).toList().map { it.data } shouldBe listOf("{\"n\":1}")
    }

    test("{error: ...} data raises the stream error after the events before it") {
        val r = streamClient("data: {\"n\":1}\n\ndata: {\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\",\"code\":\"overloaded\"}}\n\n")
        val seen = mutableListOf<String>()
        val e = shouldThrow<OpenAIStreamException> { r.client.events(call).collect { seen += it.data } }
        seen shouldBe listOf("{\"n\":1}")
        e.message shouldBe "stream error: overloaded"
        e.code shouldBe "overloaded"
        e.type shouldBe "server_error"
        e.requestId shouldBe "req_s"
        e.kind shouldBe ErrorKind.API
    }

    test("event: error raises the stream error") {
        val r = streamClient("event: error\ndata: {\"type\":\"error\",\"code\":\"rate_limit\",\"message\":\"slow down\"}\n\n")
        val e = shouldThrow<OpenAIStreamException> { r.client.events(call).toList() }
        e.message shouldBe "stream error: slow down"
        e.code shouldBe "rate_limit"
    }

    test("an SSE line over the client's bound raises a decode error") {
        val r = streamClient("data: " + "x".repeat(10_000) + "\n\n") { maxEventBytes = 4096 }
        shouldThrow<OpenAIDecodeException> { r.client.events(call).toList() }
    }

    test("an error status on a stream is the status exception, not a stream error") {
        val r = Recorded({ maxRetries = 0 }) { json("""{"error":{"message":"bad key"}}""", 401) }
        shouldThrow<AuthenticationException> { r.client.events(call).toList() }
    }
})
