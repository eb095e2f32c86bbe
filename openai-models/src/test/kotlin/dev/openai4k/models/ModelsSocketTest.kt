package dev.openai4k.models

import dev.openai4k.NotFoundException
import dev.openai4k.OpenAI
import dev.openai4k.testkit.OpenAITestServer
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe

class ModelsSocketTest : FunSpec({
    test("over a socket: list, retrieve an id with / and :, delete, then not found") {
        OpenAITestServer.start().use { server ->
            server.addModel("org/model:tag", "me")
            OpenAI { baseUrl = server.baseUrl; apiKey = "sk-socket-test"; maxRetries = 0 }.use { client ->
                val all = client.models.list()
                all.map { it.id } shouldContain "gpt-4o-mini"
                all.first { it.id == "gpt-4o-mini" }.let { it.ownedBy shouldBe "system"; it.created shouldNotBe null }

                client.models.retrieve("org/model:tag").ownedBy shouldBe "me"
                server.requests.last().path shouldBe "/v1/models/org%2Fmodel%3Atag"

                val id = "ft:gpt-4o-mini-2024-07-18:testkit::ft000001"
                client.models.delete(id) shouldBe ModelDeleted(id, deleted = true, objectType = "model")
                server.requests.last().method shouldBe "DELETE"
                val e = shouldThrow<NotFoundException> { client.models.retrieve(id) }
                e.code shouldBe "model_not_found"
                e.requestId shouldNotBe null
            }
        }
    }
})
