package dev.openai4k

import dev.openai4k.http.ApiBody
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import dev.openai4k.http.percentEncode
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.Transient
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonObject
import kotlin.time.Duration.Companion.seconds

@Serializable
private data class SampleRequest(
    val model: String,
    val temperature: Double? = null,
    @SerialName("max_tokens") val maxTokens: Int? = null,
    val stream: Boolean = false,
    val tags: List<String> = emptyList(),
    @Transient val extraBody: Map<String, JsonElement> = emptyMap(),
)

class ConfigTest : FunSpec({
    test("a minimal request encodes to only the keys that were set") {
        encodeRequestBody(SampleRequest.serializer(), SampleRequest("m")).toString() shouldBe """{"model":"m"}"""
        encodeRequestBody(SampleRequest.serializer(), SampleRequest("m", temperature = 0.5, maxTokens = 9)).toString() shouldBe
            """{"model":"m","temperature":0.5,"max_tokens":9}"""
    }

    test("extra fields merge into the body and may override") {
        val body = encodeRequestBody(
            SampleRequest.serializer(),
            SampleRequest("m"),
            mapOf("top_k" to JsonPrimitive(40), "model" to JsonPrimitive("other")),
        )
        body shouldBe JsonObject(mapOf("model" to JsonPrimitive("other"), "top_k" to JsonPrimitive(40)))
    }

    test("responses ignore unknown keys and coerce null to defaults") {
        OpenAIJson.decodeFromString(SampleRequest.serializer(), """{"model":"m","stream":null,"weird":[1,2]}""") shouldBe
            SampleRequest("m")
    }

    test("percent-encoding keeps an id as one segment") {
        percentEncode("org/model:tag") shouldBe "org%2Fmodel%3Atag"
        percentEncode("a b+c%é~._-") shouldBe "a%20b%2Bc%25%C3%A9~._-"
        (ApiPath.of("models") / "org/model:tag").encoded shouldBe "models/org%2Fmodel%3Atag"
        ApiPath.fixed("/chat/completions/").encoded shouldBe "chat/completions"
    }

    test("the encoded path reaches the wire as one segment") {
        val r = Recorded { json("""{"ok":true}""") }
        r.client.execute(ApiCall(ApiMethod.GET, ApiPath.of("models") / "org/model:tag"), Echo.serializer())
        r.requests.single().url.encodedPath shouldBe "/v1/models/org%2Fmodel%3Atag"
    }

    test("base URL: trailing slash tolerated, path kept, default query and headers, no key means no Authorization") {
        val r = Recorded({
            baseUrl = "http://host.test/openai/v1/"
            apiKey = ""
            headers["X-Team"] = "blue"
            queryParams["tenant"] = "a b"
        }) { json("""{"ok":true}""") }
        r.client.execute(
            ApiCall(
                ApiMethod.GET, ApiPath.fixed("models"), query = listOf("limit" to "2", "after" to null),
                options = requestOptions { header("X-Trace", "t1"); query("order", "asc") },
            ),
            Echo.serializer(),
        )
        val req = r.requests.single()
        req.url.toString() shouldBe "http://host.test/openai/v1/models?tenant=a%20b&limit=2&order=asc"
        req.headers["Authorization"] shouldBe null
        req.headers["X-Team"] shouldBe "blue"
        req.headers["X-Trace"] shouldBe "t1"
    }

    test("fromEnv reads the four variables") {
        val env = mapOf(
            "OPENAI_API_KEY" to "sk-env", "OPENAI_BASE_URL" to "http://localhost:11434/v1",
            "OPENAI_ORG_ID" to "org-e", "OPENAI_PROJECT_ID" to "proj-e",
        )
        val c = OpenAIConfig.fromEnv { env[it] }
        c.apiKey shouldBe "sk-env"
        c.baseUrl shouldBe "http://localhost:11434/v1"
        c.organization shouldBe "org-e"
        c.project shouldBe "proj-e"
        OpenAIConfig.fromEnv { null }.baseUrl shouldBe OpenAIConfig.DEFAULT_BASE_URL
    }

    test("Azure: deployment paths, api-version, api-key header") {
        val r = Recorded({
            apiKey = "azure-key-0001"
            azure("https://res.openai.azure.com/", "gpt4o-prod", "2024-10-21")
        }) { json("""{"ok":true}""") }
        r.client.execute(ApiCall(ApiMethod.POST, ApiPath.fixed("chat/completions"), ApiBody.Json(JsonObject(emptyMap())), deploymentScoped = true), Echo.serializer())
        r.client.execute(ApiCall(ApiMethod.GET, ApiPath.fixed("files")), Echo.serializer())
        r.client.execute(ApiCall(ApiMethod.POST, ApiPath.fixed("audio/transcriptions"), ApiBody.Json(JsonObject(emptyMap())), deploymentScoped = true), Echo.serializer())
        val (chat, files, audio) = r.requests
        chat.url.toString() shouldBe "https://res.openai.azure.com/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21"
        chat.headers["api-key"] shouldBe "azure-key-0001"
        chat.headers["Authorization"] shouldBe null
        files.url.toString() shouldBe "https://res.openai.azure.com/openai/files?api-version=2024-10-21"
        audio.url.encodedPath shouldBe "/openai/deployments/gpt4o-prod/audio/transcriptions"
    }

    test("withOptions derives a client with other credentials on the same engine") {
        val r = Recorded { json("""{"ok":true}""") }
        val other = r.client.withOptions { apiKey = "sk-other"; organization = "org-2"; timeout = 5.seconds }
        other.execute(ApiCall(ApiMethod.GET, ApiPath.fixed("models")), Echo.serializer())
        r.client.execute(ApiCall(ApiMethod.GET, ApiPath.fixed("models")), Echo.serializer())
        r.requests[0].headers["Authorization"] shouldBe "Bearer sk-other"
        r.requests[0].headers["OpenAI-Organization"] shouldBe "org-2"
        r.requests[1].headers["Authorization"] shouldBe "Bearer sk-test-secret-key-123456"
        other.close()
        // Closing the derived client leaves the parent usable.
        r.client.execute(ApiCall(ApiMethod.GET, ApiPath.fixed("models")), Echo.serializer()).ok shouldBe true
    }

    test("toString of config, client and options never shows the key") {
        val config = OpenAIConfig().apply { apiKey = "sk-live-abcdef123456" }
        config.toString() shouldNotContain "sk-live-abcdef123456"
        config.toString() shouldContain "<redacted>"
        OpenAI(config).use { it.toString() shouldNotContain "sk-live" }
        requestOptions { header("Authorization", "Bearer sk-live-abcdef123456") }.toString() shouldNotContain "sk-live"
    }
})
