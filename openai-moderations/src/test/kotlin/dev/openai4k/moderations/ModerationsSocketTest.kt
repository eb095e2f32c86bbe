package dev.openai4k.moderations

import dev.openai4k.ErrorKind
import dev.openai4k.InternalServerException
import dev.openai4k.OpenAI
import dev.openai4k.testkit.Fault
import dev.openai4k.testkit.OpenAITestServer
import dev.openai4k.testkit.Scripted
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.shouldBe

class ModerationsSocketTest : FunSpec({
    fun clientOf(server: OpenAITestServer) = OpenAI { baseUrl = server.baseUrl; apiKey = "sk-socket-test"; maxRetries = 0 }

    test("over a socket: texts and a multimodal input are classified with typed categories") {
        OpenAITestServer.start().use { server ->
            clientOf(server).use { client ->
                val texts = client.moderations.create(moderationRequest { inputs(listOf("have a nice day", "I will kill it")) })
                texts.results.map { it.flagged } shouldBe listOf(false, true)
                texts.flagged shouldBe true
                texts.results[1].categories.violence shouldBe true
                texts.results[1].categories.flaggedNames shouldBe listOf("violence")
                texts.results[1].categoryScores.violence shouldBe 0.97

                val multi = client.moderations.create(moderationRequest { text("so much gore"); imageUrl("data:image/png;base64,iVBORw0KGgo=") })
                server.requests.last().jsonObject!!["input"].toString() shouldBe
                    """[{"type":"text","text":"so much gore"},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]"""
                multi.results.single().categories.violenceGraphic shouldBe true
                multi.results.single().categoryAppliedInputTypes["violence/graphic"]!! shouldContain "image"
            }
        }
    }

    test("over a socket: a proxy's 502 page is an InternalServerException of kind HTTP") {
        OpenAITestServer.start().use { server ->
            server.enqueue("moderations", Scripted.fault(Fault.html502()))
            clientOf(server).use { client ->
                val e = shouldThrow<InternalServerException> { client.moderations.create("x") }
                e.status shouldBe 502
                e.kind shouldBe ErrorKind.HTTP
            }
        }
    }
})
