package dev.openai4k

import dev.openai4k.http.ApiBody
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.string.shouldStartWith
import kotlinx.serialization.json.JsonObject

private val models = ApiCall(ApiMethod.GET, ApiPath.fixed("models"))
private val chat = ApiCall(ApiMethod.POST, ApiPath.fixed("chat/completions"), ApiBody.Json(JsonObject(emptyMap())), deploymentScoped = true)

/**
 * Plain `http://` is spoken as HTTP/1.1 with no h2c upgrade offer (`Upgrade: h2c`, `HTTP2-Settings`), which servers
 * such as vLLM and LM Studio answer badly; checked on the request heads a real socket received.
 */
class PlainHttpTest : FunSpec({
    for (engine in HttpEngine.entries) context("engine $engine") {
        test("a plain-http base URL: HTTP/1.1, no upgrade offer") {
            RawServer { json("""{"ok":true}""") }.use { server ->
                OpenAI { httpEngine = engine; baseUrl = server.baseUrl; maxRetries = 0 }.use { client ->
                    client.execute(models, Echo.serializer()).ok shouldBe true
                    client.execute(chat, Echo.serializer()).ok shouldBe true
                }
                server.received shouldHaveSize 2
                for ((head, _) in server.received) head.assertNoUpgrade()
            }
        }

        // Issue 24, item 9: the plain-http check looked at baseUrl only, so an Azure http:// endpoint got HTTP/2 and
        // with it the h2c upgrade offer.
        test("an Azure endpoint on plain http: HTTP/1.1, no upgrade offer") {
            RawServer { json("""{"ok":true}""") }.use { server ->
                OpenAI {
                    httpEngine = engine
                    apiKey = "azure-key-0001"
                    maxRetries = 0
                    azure("http://127.0.0.1:${server.port}", "gpt4o-dev")
                }.use { client ->
                    client.execute(models, Echo.serializer()).ok shouldBe true
                    client.execute(chat, Echo.serializer()).ok shouldBe true
                }
                server.received shouldHaveSize 2
                val heads = server.received.map { it.first }
                heads[0] shouldStartWith "GET /openai/models?api-version="
                heads[1] shouldStartWith "POST /openai/deployments/gpt4o-dev/chat/completions?api-version="
                for (head in heads) head.assertNoUpgrade()
            }
        }
    }
})

private fun String.assertNoUpgrade() {
    lineSequence().first() shouldNotContain "HTTP/2"
    lowercase().let {
        it shouldNotContain "\nupgrade:"
        it shouldNotContain "\nhttp2-settings:"
        it shouldNotContain "h2c"
    }
}
