package dev.openai4k.chat

import dev.openai4k.OpenAIConnectionException
import dev.openai4k.OpenAIStreamException
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf

class CutStreamTest : FunSpec({
    test("a stream that ends cleanly before any finish_reason fails and carries what arrived") {
        val r = Recorded { sse(listOf(Chunks.role(), Chunks.text("Hel"), Chunks.text("lo")), done = false) }
        val e = shouldThrow<OpenAIConnectionException> { r.client.chat.stream(chatRequest("m") { user("x") }).accumulate() }
        e.message shouldBe "The stream ended before the completion finished (no finish_reason)"
        e.partialText shouldBe "Hello"
        e.partial.shouldBeInstanceOf<ChatCompletion>().text shouldBe "Hello"
    }

    test("OpenRouter's error chunk (error after id, beside choices) fails the stream and keeps its text as partial") {
        val chunk = """{"id":"gen-1","provider":"P","error":{"code":400,"message":"Token limit reached"},""" +
            """"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":"length"}]}"""
        for (collect in listOf<suspend (Recorded) -> Unit>(
            { r -> r.client.chat.stream(chatRequest("m") { user("x") }).accumulate() },
            { r -> r.client.chat.stream(chatRequest("m") { user("x") }).collect {} },
        )) {
            val r = Recorded { sse(listOf(chunk), done = true) }
            val e = shouldThrow<OpenAIStreamException> { collect(r) }
            e.code shouldBe "400"
            e.message shouldBe "stream error: Token limit reached"
            e.partialText shouldBe "Hi"
            e.partial.shouldBeInstanceOf<ChatCompletion>().text shouldBe "Hi"
        }
    }

    test("an empty stream is an error, not an empty answer") {
        val r = Recorded { sse(emptyList(), done = true) }
        shouldThrow<OpenAIConnectionException> { r.client.chat.stream(chatRequest("m") { user("x") }).accumulate() }
            .message shouldBe "The stream ended without any chunk"
    }
})
