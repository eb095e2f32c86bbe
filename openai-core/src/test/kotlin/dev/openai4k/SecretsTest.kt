package dev.openai4k

import dev.openai4k.http.ApiBody
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import kotlinx.coroutines.flow.toList
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import java.io.File

private const val KEY = "sk-proj-SECRET0123456789abcdef"

class SecretsTest : FunSpec({
    test("the key appears in no log line at debug level, no exception message, no toString") {
        val log = File("target/openai-core-test.log")
        val messages = mutableListOf<String>()
        var calls = 0
        val r = Recorded({ apiKey = KEY; logBodies = true; maxRetries = 1 }) { request ->
            calls++
            when (calls) {
                1 -> json("""{"error":{"message":"Incorrect API key provided: $KEY"}}""", 401)
                2 -> json("""{"error":{"message":"overloaded"}}""", 503, "retry-after-ms" to "1")
                3 -> json("""{"ok":true,"echo":"$KEY"}""")
                else -> json("""{"ok": broken $KEY""")
            }
        }
        val call = ApiCall(ApiMethod.POST, ApiPath.fixed("chat/completions"), ApiBody.Json(JsonObject(mapOf("q" to JsonPrimitive("hi")))))
        messages += shouldThrow<AuthenticationException> { r.client.execute(call, Echo.serializer()) }.let { "${it.message} ${it.bodySnippet} $it" }
        r.client.execute(call, Echo.serializer())
        messages += shouldThrow<OpenAIDecodeException> { r.client.execute(call, Echo.serializer()) }.let { "${it.message} ${it.bodySnippet} $it" }
        messages += r.client.toString() + r.client.config.toString()

        // The key did travel where it must: in the Authorization header.
        r.requests.first().headers["Authorization"] shouldContain KEY
        messages.forEach { it shouldNotContain KEY }
        val logged = log.readText()
        logged shouldContain "Retrying POST /chat/completions"
        logged shouldContain "<-- body"
        logged shouldNotContain KEY
    }

    test("a key sent over plain http to a non-loopback host is warned about once") {
        val log = File("target/openai-core-test.log")
        OpenAI { apiKey = KEY; baseUrl = "http://192.0.2.1:9/v1" }.close()
        OpenAI { apiKey = KEY; baseUrl = "http://192.0.2.1:9/v1" }.close()
        OpenAI { apiKey = KEY; baseUrl = "http://127.0.0.1:9/v1" }.close()
        val warnings = log.readLines().filter { it.contains("plain http://") }
        warnings.size shouldBe 1
        warnings.single() shouldContain "192.0.2.1"
    }
})
