package dev.openai4k

import dev.openai4k.http.ApiBody
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonObject

@Serializable
data class Echo(val ok: Boolean = false)

class ClientSmokeTest : FunSpec({
    test("a JSON POST carries auth headers and decodes the answer") {
        val r = Recorded({ organization = "org-1"; project = "proj-1" }) { json("""{"ok":true,"extra":1}""") }
        val result = r.client.execute(
            ApiCall(ApiMethod.POST, ApiPath.fixed("chat/completions"), ApiBody.Json(JsonObject(emptyMap()))),
            Echo.serializer(),
        )
        result.ok shouldBe true
        val req = r.requests.single()
        req.url.toString() shouldBe "https://api.example.test/v1/chat/completions"
        req.headers["Authorization"] shouldBe "Bearer sk-test-secret-key-123456"
        req.headers["OpenAI-Organization"] shouldBe "org-1"
        req.headers["OpenAI-Project"] shouldBe "proj-1"
        req.bodyText() shouldBe "{}"
    }
})
