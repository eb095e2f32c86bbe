package dev.openai4k.completions

import dev.openai4k.common.FinishReason
import dev.openai4k.AuthenticationException
import dev.openai4k.ErrorKind
import dev.openai4k.OpenAI
import dev.openai4k.OpenAIException
import dev.openai4k.OpenAIStreamException
import dev.openai4k.testkit.Fault
import dev.openai4k.testkit.OpenAITestServer
import dev.openai4k.testkit.Scripted
import dev.openai4k.testkit.SseOptions
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.serialization.json.JsonPrimitive

class CompletionsSocketTest : FunSpec({
    fun clientOf(server: OpenAITestServer) = OpenAI { baseUrl = server.baseUrl; apiKey = "sk-socket-test"; maxRetries = 0 }

    test("over a socket: a streamed completion accumulates to the whole text with usage") {
        OpenAITestServer.start().use { server ->
            clientOf(server).use { client ->
                val request = completionRequest("gpt-3.5-turbo-instruct") { prompt("The quick brown fox"); includeUsage(true) }
                val whole = client.completions.stream(request).accumulate()
                val sent = server.requests.single().jsonObject!!
                sent["stream"] shouldBe JsonPrimitive(true)
                sent["stream_options"].toString() shouldBe """{"include_usage":true}"""
                whole.text shouldBe "The quick brown fox"
                whole.choices.single().finishReason shouldBe FinishReason.STOP
                whole.usage!!.totalTokens shouldBe whole.usage!!.promptTokens + whole.usage!!.completionTokens
                whole.usage!!.completionTokens shouldBe 4
                whole.id!!.startsWith("cmpl-") shouldBe true
            }
        }
    }

    test("over a socket: create with n and max_tokens") {
        OpenAITestServer.start().use { server ->
            server.enqueue("completions", Scripted.text("one two three four"))
            clientOf(server).use { client ->
                val c = client.completions.create(completionRequest("gpt-3.5-turbo-instruct") { prompt("p"); n = 2; maxTokens = 2 })
                c.choices.map { it.index to it.text } shouldBe listOf(0 to "one two", 1 to "one two")
                c.choices.map { it.finishReason } shouldBe listOf(FinishReason.LENGTH, FinishReason.LENGTH)
            }
        }
    }

    test("over a socket: an error event after two chunks fails with the partial completion") {
        OpenAITestServer.start().use { server ->
            server.enqueue(
                "completions",
                Scripted.sse(
                    listOf(
                        """{"id":"cmpl-x","object":"text_completion","choices":[{"text":"one","index":0,"finish_reason":null}]}""",
                        """{"id":"cmpl-x","object":"text_completion","choices":[{"text":" two","index":0,"finish_reason":null}]}""",
                        """{"error":{"message":"overloaded","type":"server_error","code":"overloaded"}}""",
                    ),
                    SseOptions.DEFAULT.withoutDone(),
                ),
            )
            clientOf(server).use { client ->
                val e = shouldThrow<OpenAIStreamException> {
                    client.completions.stream(completionRequest("gpt-3.5-turbo-instruct") { prompt("p") }).accumulate()
                }
                e.code shouldBe "overloaded"
                e.partialText shouldBe "one two"
                (e.partial as Completion).id shouldBe "cmpl-x"
                (e.partial as Completion).choices.single().finishReason shouldBe null
            }
        }
    }

    test("over a socket: a stream reset mid-way is a transport error carrying no more than was sent") {
        OpenAITestServer.start().use { server ->
            server.enqueue("completions", Scripted.fault(Fault.resetAfterEvents(2), Scripted.text("one two three four")))
            clientOf(server).use { client ->
                val e = shouldThrow<OpenAIException> {
                    client.completions.stream(completionRequest("gpt-3.5-turbo-instruct") { prompt("p") }).accumulate()
                }
                e.kind shouldBe ErrorKind.TRANSPORT
                // A reset may discard bytes the client had not read yet, so only a prefix of the two events is certain.
                "one two".startsWith(e.partialText ?: "") shouldBe true
            }
        }
    }

    test("over a socket: a 401 is an AuthenticationException") {
        OpenAITestServer.start().use { server ->
            server.enqueue("completions", Scripted.error(401))
            clientOf(server).use { client ->
                shouldThrow<AuthenticationException> { client.completions.complete("gpt-3.5-turbo-instruct", "p") }.status shouldBe 401
            }
        }
    }
})
