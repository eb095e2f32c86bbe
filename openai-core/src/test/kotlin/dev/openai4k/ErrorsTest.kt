package dev.openai4k

import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.ktor.client.engine.mock.respond
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import kotlin.reflect.KClass

private suspend fun failWith(status: Int, body: String, contentType: String = "application/json"): OpenAIException {
    val r = Recorded({ maxRetries = 0 }) {
        respond(
            body, HttpStatusCode.fromValue(status),
            headersOf("Content-Type" to listOf(contentType), "x-request-id" to listOf("req_123")),
        )
    }
    return shouldThrow<OpenAIException> {
        r.client.execute(ApiCall(ApiMethod.GET, ApiPath.fixed("models")), Echo.serializer())
    }
}

class ErrorsTest : FunSpec({
    context("each status maps to its subclass") {
        withData(
            nameFn = { "${it.first}" },
            400 to BadRequestException::class, 401 to AuthenticationException::class,
            403 to PermissionDeniedException::class, 404 to NotFoundException::class, 409 to ConflictException::class,
            422 to UnprocessableEntityException::class, 429 to RateLimitException::class,
            500 to InternalServerException::class, 503 to InternalServerException::class,
            418 to OpenAIStatusException::class,
        ) { (status, type): Pair<Int, KClass<out OpenAIException>> ->
            val e = failWith(status, """{"error":{"message":"nope","type":"t","code":"c","param":"p"}}""")
            e::class shouldBe type
            e.status shouldBe status
            e.kind shouldBe ErrorKind.API
            e.requestId shouldBe "req_123"
        }
    }

    test("OpenAI's {error:{...}} shape") {
        val e = failWith(400, """{"error":{"message":"Invalid 'temperature'","type":"invalid_request_error","param":"temperature","code":"invalid_value"}}""")
        e.shouldBeInstanceOf<BadRequestException>()
        e.message shouldBe "400: Invalid 'temperature'"
        e.type shouldBe "invalid_request_error"
        e.param shouldBe "temperature"
        e.code shouldBe "invalid_value"
        e.bodySnippet!! shouldContain "invalid_value"
    }

    test("{error: text}") {
        val e = failWith(404, """{"error":"model 'llama9' not found"}""")
        e.shouldBeInstanceOf<NotFoundException>()
        e.message shouldBe "404: model 'llama9' not found"
        e.kind shouldBe ErrorKind.API
    }

    test("Mistral's {object: error, message: ...}") {
        val e = failWith(422, """{"object":"error","message":"Prompt too long","type":"invalid_request_prompt","param":null,"code":"3051"}""")
        e.shouldBeInstanceOf<UnprocessableEntityException>()
        e.message shouldBe "422: Prompt too long"
        e.type shouldBe "invalid_request_prompt"
        e.code shouldBe "3051"
        e.param shouldBe null
    }

    test("FastAPI / vLLM {detail: ...} as text and as a list") {
        failWith(400, """{"detail":"Not Found"}""").message shouldBe "400: Not Found"
        val e = failWith(422, """{"detail":[{"loc":["body","model"],"msg":"field required","type":"value_error.missing"}]}""")
        e.message shouldContain "field required"
        e.kind shouldBe ErrorKind.API
    }

    test("code as a number becomes text") {
        val e = failWith(500, """{"error":{"message":"boom","code":500}}""")
        e.code shouldBe "500"
    }

    test("an HTML page from a proxy is an http-kind error with status and snippet") {
        val html = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>"
        val e = failWith(502, html, "text/html")
        e.shouldBeInstanceOf<InternalServerException>()
        e.kind shouldBe ErrorKind.HTTP
        e.status shouldBe 502
        e.bodySnippet shouldBe html
        e.type shouldBe null
        e.message shouldContain "502"
    }

    test("a huge error body is kept only as a bounded snippet") {
        val e = failWith(500, "x".repeat(200_000), "text/plain")
        e.bodySnippet!!.length shouldBe 2048 + 3
    }

    test("a 200 with malformed JSON is a decode error carrying status and snippet") {
        val r = Recorded { json("""{"ok": tru""") }
        val e = shouldThrow<OpenAIDecodeException> {
            r.client.execute(ApiCall(ApiMethod.GET, ApiPath.fixed("models")), Echo.serializer())
        }
        e.kind shouldBe ErrorKind.DECODE
        e.status shouldBe 200
        e.bodySnippet shouldBe """{"ok": tru"""
    }

    test("a body over the configured bound is a decode error, not an OutOfMemoryError") {
        val r = Recorded({ maxResponseBytes = 1000 }) { json("""{"ok":true,"pad":"${"x".repeat(5000)}"}""") }
        val e = shouldThrow<OpenAIDecodeException> {
            r.client.execute(ApiCall(ApiMethod.GET, ApiPath.fixed("models")), Echo.serializer())
        }
        e.message shouldContain "exceeds the limit of 1000 bytes"
    }

    test("a server that echoes the key never gets it into the message or snippet") {
        val r = Recorded({ maxRetries = 0 }) {
            json("""{"error":{"message":"Incorrect API key provided: sk-test-secret-key-123456"}}""", 401)
        }
        val e = shouldThrow<AuthenticationException> {
            r.client.execute(ApiCall(ApiMethod.GET, ApiPath.fixed("models")), Echo.serializer())
        }
        e.message shouldNotContain "sk-test-secret-key-123456"
        e.bodySnippet!! shouldNotContain "sk-test-secret-key-123456"
        e.toString() shouldNotContain "sk-test-secret-key-123456"
        e.message shouldContain "<redacted>"
    }
})
