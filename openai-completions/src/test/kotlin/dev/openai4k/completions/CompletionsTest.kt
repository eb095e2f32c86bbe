package dev.openai4k.completions

import dev.openai4k.common.FinishReason
import dev.openai4k.AuthenticationException
import dev.openai4k.BadRequestException
import dev.openai4k.OpenAIDecodeException
import dev.openai4k.OpenAIStreamException
import dev.openai4k.RateLimitException
import dev.openai4k.Usage
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.flow.toList
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonPrimitive

private const val OPENAI_ANSWER = """{"id":"cmpl-9","object":"text_completion","created":1700000000,"model":"gpt-3.5-turbo-instruct",
  "system_fingerprint":"fp_1","choices":[{"text":"\n\nHello there","index":0,"logprobs":null,"finish_reason":"stop"}],
  "usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}"""

class CompletionsTest : FunSpec({
    test("create posts to /completions without stream or stream_options and decodes OpenAI's answer") {
        val r = Recorded { json(OPENAI_ANSWER) }
        val c = r.client.completions.create(completionRequest("gpt-3.5-turbo-instruct") { prompt("Say hi"); includeUsage(true) })
        val seen = r.requests.single()
        seen.data.method.value shouldBe "POST"
        seen.path shouldBe "/v1/completions"
        seen.json shouldBe Json.parseToJsonElement("""{"model":"gpt-3.5-turbo-instruct","prompt":"Say hi"}""")
        c.id shouldBe "cmpl-9"
        c.objectType shouldBe "text_completion"
        c.created shouldBe 1700000000L
        c.model shouldBe "gpt-3.5-turbo-instruct"
        c.systemFingerprint shouldBe "fp_1"
        c.choices.single() shouldBe CompletionChoice("\n\nHello there", 0, null, FinishReason.STOP)
        c.text shouldBe "\n\nHello there"
        c.usage shouldBe Usage(promptTokens = 3, completionTokens = 4, totalTokens = 7)
    }

    test("echoed logprobs decode, nulls included") {
        val r = Recorded {
            json("""{"id":"cmpl-1","object":"text_completion","created":1,"model":"m","choices":[{"text":"Hi there","index":0,
                "logprobs":{"tokens":["Hi"," there"],"token_logprobs":[null,-0.25],"top_logprobs":[null,{" there":-0.25," you":-1.5}],
                "text_offset":[0,2]},"finish_reason":"length"}]}""")
        }
        val lp = r.client.completions.create(completionRequest("m") { prompt("Hi"); echo = true; logprobs = 2 }).choices.single().logprobs!!
        lp.tokens shouldBe listOf("Hi", " there")
        lp.tokenLogprobs shouldBe listOf(null, -0.25)
        lp.topLogprobs shouldBe listOf(null, mapOf(" there" to -0.25, " you" to -1.5))
        lp.textOffset shouldBe listOf(0, 2)
    }

    test("vLLM's and Ollama's answers decode") {
        val vllm = Recorded {
            json("""{"id":"cmpl-abc","object":"text_completion","created":1718000000,"model":"meta-llama/Llama-3.1-8B",
                "choices":[{"index":0,"text":" Paris.","logprobs":null,"finish_reason":"stop","stop_reason":"\n","prompt_logprobs":null}],
                "usage":{"prompt_tokens":7,"total_tokens":10,"completion_tokens":3,"prompt_tokens_details":null},
                "kv_transfer_params":null}""")
        }
        vllm.client.completions.complete("meta-llama/Llama-3.1-8B", "The capital of France is") shouldBe " Paris."
        val ollama = Recorded {
            json("""{"id":"cmpl-512","object":"text_completion","created":1729000000,"model":"llama3.2",
                "system_fingerprint":"fp_ollama","choices":[{"text":"Hello!","index":0,"finish_reason":"stop"}],
                "usage":{"prompt_tokens":26,"completion_tokens":3,"total_tokens":29}}""")
        }
        val c = ollama.client.completions.create(CompletionRequest("llama3.2", CompletionPrompt.of("hi")))
        c.systemFingerprint shouldBe "fp_ollama"
        c.usage!!.totalTokens shouldBe 29
    }

    test("complete returns the text of choice 0, and fails on an answer with no choice") {
        Recorded { json(OPENAI_ANSWER) }.client.completions.complete("m", "p") shouldBe "\n\nHello there"
        shouldThrow<OpenAIDecodeException> { Recorded { json("""{"choices":[]}""") }.client.completions.complete("m", "p") }
    }

    test("error statuses map to their exception types") {
        val bad = Recorded {
            json("""{"error":{"message":"best_of must be >= n","type":"invalid_request_error","param":"best_of","code":null}}""", 400)
        }
        val e = shouldThrow<BadRequestException> { bad.client.completions.complete("m", "p") }
        e.param shouldBe "best_of"
        e.message shouldContain "best_of must be >= n"
        shouldThrow<AuthenticationException> { Recorded { json("""{"error":{"message":"no key"}}""", 401) }.client.completions.complete("m", "p") }
    }

    test("stream sends stream true and the stream options, and emits each chunk") {
        val r = Recorded {
            sse(
                """{"id":"cmpl-s","object":"text_completion","created":5,"model":"m","choices":[{"text":"Hel","index":0,"logprobs":null,"finish_reason":null}]}""",
                """{"id":"cmpl-s","object":"text_completion","created":5,"model":"m","choices":[{"text":"lo","index":0,"logprobs":null,"finish_reason":"length"}]}""",
                """{"id":"cmpl-s","object":"text_completion","created":5,"model":"m","choices":[],"usage":{"prompt_tokens":2,"completion_tokens":2,"total_tokens":4}}""",
            )
        }
        val chunks = r.client.completions.stream(completionRequest("m") { prompt("p"); maxTokens = 2; includeUsage(true) }).toList()
        r.requests.single().json shouldBe Json.parseToJsonElement(
            """{"model":"m","prompt":"p","max_tokens":2,"stream_options":{"include_usage":true},"stream":true}""",
        )
        r.requests.single().data.headers["Accept"] shouldBe "text/event-stream"
        chunks.map { it.text } shouldBe listOf("Hel", "lo", "")
        chunks.last().usage!!.totalTokens shouldBe 4
    }

    test("accumulate joins text per choice index and keeps finish reasons, logprobs and usage") {
        val r = Recorded {
            sse(
                """{"id":"cmpl-n","object":"text_completion","created":9,"model":"m","system_fingerprint":"fp","choices":[{"text":"A","index":1,"logprobs":{"tokens":["A"],"token_logprobs":[-0.5],"top_logprobs":[{"A":-0.5}],"text_offset":[0]}}]}""",
                """{"id":"cmpl-n","choices":[{"text":"x","index":0}]}""",
                """{"id":"cmpl-n","choices":[{"text":"B","index":1,"logprobs":{"tokens":["B"],"token_logprobs":[-1.0],"top_logprobs":[{"B":-1.0}],"text_offset":[1]},"finish_reason":"stop"}]}""",
                """{"id":"cmpl-n","choices":[{"text":"y","index":0,"finish_reason":"length"}]}""",
                """{"id":"cmpl-n","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":4,"total_tokens":5}}""",
            )
        }
        val whole = r.client.completions.stream(completionRequest("m") { prompt("p"); n = 2; logprobs = 1 }).accumulate()
        whole.id shouldBe "cmpl-n"
        whole.model shouldBe "m"
        whole.created shouldBe 9L
        whole.systemFingerprint shouldBe "fp"
        whole.objectType shouldBe "text_completion"
        whole.choices.map { Triple(it.index, it.text, it.finishReason) } shouldBe
            listOf(Triple(0, "xy", "length"), Triple(1, "AB", "stop"))
        whole.choices[0].logprobs shouldBe null
        whole.choices[1].logprobs shouldBe CompletionLogprobs(
            listOf("A", "B"), listOf(-0.5, -1.0), listOf(mapOf("A" to -0.5), mapOf("B" to -1.0)), listOf(0, 1),
        )
        whole.usage shouldBe Usage(promptTokens = 1, completionTokens = 4, totalTokens = 5)
        whole.text shouldBe "xy"
    }

    test("an error inside the stream carries the partial completion and text") {
        val r = Recorded {
            sse(
                """{"id":"cmpl-e","choices":[{"text":"Once upon","index":0}]}""",
                """{"id":"cmpl-e","choices":[{"text":" a time","index":0}]}""",
                """{"error":{"message":"The server had an error while processing your request","type":"server_error"}}""",
                done = false,
            )
        }
        val e = shouldThrow<OpenAIStreamException> { r.client.completions.stream(completionRequest("m") { prompt("p") }).accumulate() }
        e.type shouldBe "server_error"
        e.partialText shouldBe "Once upon a time"
        (e.partial as Completion).choices.single().text shouldBe "Once upon a time"
        (e.partial as Completion).id shouldBe "cmpl-e"
    }

    test("a chunk that does not decode is an OpenAIDecodeException carrying what came before") {
        val r = Recorded { sse("""{"choices":[{"text":"ok","index":0}]}""", """{"choices":[{"text":5""") }
        val e = shouldThrow<OpenAIDecodeException> { r.client.completions.stream(completionRequest("m") { prompt("p") }).accumulate() }
        e.bodySnippet shouldBe """{"choices":[{"text":5"""
        e.partialText shouldBe "ok"
    }

    test("a stream refused with 429 is a RateLimitException with no partial") {
        val r = Recorded { json("""{"error":{"message":"slow down","type":"tokens"}}""", 429) }
        val e = shouldThrow<RateLimitException> { r.client.completions.stream(completionRequest("m") { prompt("p") }).accumulate() }
        e.partial shouldBe null
        e.partialText shouldBe null
    }

    test("the accumulator can be fed by hand and read mid-stream") {
        val acc = CompletionAccumulator()
        acc.add(Completion(choices = listOf(CompletionChoice("a", 0))))
        acc.text shouldBe "a"
        acc.add(Completion(choices = listOf(CompletionChoice("b", 0), CompletionChoice("z", 2))))
        acc.text(0) shouldBe "ab"
        acc.text(2) shouldBe "z"
        acc.text(1) shouldBe ""
        acc.chunks shouldBe 2
        acc.completion().choices.map { it.index } shouldBe listOf(0, 2)
    }

    test("extra body reaches the stream request too") {
        val r = Recorded { sse("""{"choices":[{"text":"k","index":0,"finish_reason":"stop"}]}""") }
        r.client.completions.stream(completionRequest("m") { prompt("p"); extraBody("top_k", JsonPrimitive(5)) }).accumulate().text shouldBe "k"
        r.requests.single().json["top_k"] shouldBe JsonPrimitive(5)
        r.requests.single().json["stream"] shouldBe JsonPrimitive(true)
    }

    test("a broken stream's exception gives the partial completion through partialTextCompletion, typed") {
        val r = Recorded {
            sse(
                """{"id":"cmpl-p","choices":[{"text":"Once","index":0}]}""",
                """{"error":{"message":"overloaded","type":"server_error"}}""",
                done = false,
            )
        }
        // The stream itself attaches it: no accumulate() needed.
        val e = shouldThrow<OpenAIStreamException> { r.client.completions.stream(completionRequest("m") { prompt("p") }).toList() }
        val partial: Completion = e.partialTextCompletion!!
        partial.id shouldBe "cmpl-p"
        partial.choices.single().text shouldBe "Once"
        e.partialText shouldBe "Once"
    }
})
