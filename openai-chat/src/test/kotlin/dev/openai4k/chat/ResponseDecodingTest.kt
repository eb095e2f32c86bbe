package dev.openai4k.chat

import dev.openai4k.common.FinishReason
import dev.openai4k.OpenAIDecodeException
import dev.openai4k.RateLimitException
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class ResponseDecodingTest : FunSpec({
    test("every response field decodes") {
        val r = Recorded {
            json(
                """
                {"id":"chatcmpl-9","object":"chat.completion","created":1712345678,"model":"gpt-4o-2024-08-06",
                 "system_fingerprint":"fp_1","service_tier":"default",
                 "choices":[{"index":0,"finish_reason":"tool_calls",
                   "message":{"role":"assistant","content":"See [1].","refusal":"not that",
                     "tool_calls":[{"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}],
                     "annotations":[{"type":"url_citation","url_citation":{"start_index":4,"end_index":7,"title":"Doc","url":"https://d.test"}}],
                     "audio":{"id":"audio_9","data":"UklG","expires_at":1712349999,"transcript":"See one."},
                     "reasoning_content":"thinking..."},
                   "logprobs":{"content":[{"token":"See","logprob":-0.1,"bytes":[83,101,101],
                       "top_logprobs":[{"token":"See","logprob":-0.1,"bytes":[83,101,101]},{"token":"Look","logprob":-2.5}]}],
                     "refusal":null}}],
                 "usage":{"prompt_tokens":20,"completion_tokens":10,"total_tokens":30,
                   "prompt_tokens_details":{"cached_tokens":5,"audio_tokens":0},
                   "completion_tokens_details":{"reasoning_tokens":4,"audio_tokens":1,"accepted_prediction_tokens":2,"rejected_prediction_tokens":3}}}
                """,
            )
        }
        val c = r.client.chat.create(chatRequest("m") { user("x") })
        c.id shouldBe "chatcmpl-9"
        c.objectType shouldBe "chat.completion"
        c.created shouldBe 1712345678L
        c.model shouldBe "gpt-4o-2024-08-06"
        c.systemFingerprint shouldBe "fp_1"
        c.serviceTier shouldBe "default"
        c.finishReason shouldBe FinishReason.TOOL_CALLS
        c.text shouldBe "See [1]."
        c.refusal shouldBe "not that"
        c.toolCalls shouldBe listOf(ToolCall("call_a", FunctionCall("get_weather", """{"city":"Oslo"}""")))
        c.toolCalls.single().argumentsJson()["city"].toString() shouldBe "\"Oslo\""
        val m = c.choices.single().message
        m.annotations shouldBe listOf(MessageAnnotation("url_citation", UrlCitation(4, 7, "Doc", "https://d.test")))
        m.audio shouldBe AssistantAudio("audio_9", "UklG", 1712349999L, "See one.")
        m.reasoningContent shouldBe "thinking..."
        val lp = c.choices.single().logprobs!!.content!!.single()
        lp.token shouldBe "See"
        lp.bytes shouldBe listOf(83, 101, 101)
        lp.topLogprobs.map { it.token } shouldBe listOf("See", "Look")
        lp.topLogprobs[1].logprob shouldBe -2.5
        val u = c.usage!!
        u.promptTokens shouldBe 20
        u.promptTokensDetails!!.cachedTokens shouldBe 5
        u.completionTokensDetails!!.reasoningTokens shouldBe 4
        u.completionTokensDetails!!.rejectedPredictionTokens shouldBe 3
        m.toAssistantMessage() shouldBe AssistantMessage(
            content = MessageContent.Text("See [1]."),
            refusal = "not that",
            toolCalls = c.toolCalls,
            audio = AudioReference("audio_9"),
        )
    }

    test("a sparse answer from a compatible server decodes, and an unknown finish reason is kept") {
        val r = Recorded { json("""{"choices":[{"message":{"content":"hi"},"finish_reason":"eos_token"}]}""") }
        val c = r.client.chat.create(chatRequest("m") { user("x") })
        c.id shouldBe ""
        c.model shouldBe ""
        c.created shouldBe 0L
        c.text shouldBe "hi"
        c.finishReason shouldBe "eos_token"
        c.choices.single().message.role shouldBe "assistant"
        c.toolCalls shouldBe emptyList()
        c.usage shouldBe null
    }

    test("content sent as an array of parts is read as its text") {
        val r = Recorded {
            json(
                """{"choices":[{"index":0,"message":{"role":"assistant","content":[
                   {"type":"thinking","thinking":[{"type":"text","text":"hmm"}]},{"type":"text","text":"Hello "},{"type":"text","text":"there"}]}}]}""",
            )
        }
        r.client.chat.create(chatRequest("m") { user("x") }).text shouldBe "Hello there"
    }

    test("text() returns the answer and sends one user message") {
        val r = Recorded { json(completionJson("Paris")) }
        r.client.chat.text("gpt-4o-mini", "Capital of France?") shouldBe "Paris"
        r.json() shouldBe parse("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Capital of France?"}]}""")
    }

    test("text() raises on a refusal, on a missing text, and on an error status") {
        val refusing = Recorded { json(completionJson(null, refusal = "I can't help with that.")) }
        shouldThrow<ChatRefusalException> { refusing.client.chat.text("m", "x") }.refusal shouldBe "I can't help with that."

        val empty = Recorded { json(completionJson(null, finishReason = "length")) }
        shouldThrow<OpenAIDecodeException> { empty.client.chat.text("m", "x") }.message shouldBe
            "The answer has no text (finish_reason=length)"

        val limited = Recorded { json("""{"error":{"message":"Slow down","type":"requests","code":"rate_limit_exceeded"}}""", 429) }
        val e = shouldThrow<RateLimitException> { limited.client.chat.text("m", "x") }
        e.code shouldBe "rate_limit_exceeded"
        e.status shouldBe 429
    }

    test("a body that is not a completion raises a decode error") {
        val r = Recorded { json("""{"choices":"nope"}""") }
        shouldThrow<OpenAIDecodeException> { r.client.chat.create(chatRequest("m") { user("x") }) }
    }
})
