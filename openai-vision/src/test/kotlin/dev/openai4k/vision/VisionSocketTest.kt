package dev.openai4k.vision

import dev.openai4k.BadRequestException
import dev.openai4k.OpenAI
import dev.openai4k.RateLimitException
import dev.openai4k.common.ImageDetail
import dev.openai4k.testkit.OpenAITestServer
import dev.openai4k.testkit.Scripted
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.util.Base64
import kotlin.random.Random

class VisionSocketTest : FunSpec({
    fun clientOf(server: OpenAITestServer) = OpenAI { baseUrl = server.baseUrl; apiKey = "sk-socket-test"; maxRetries = 0 }

    test("over a socket: the server reads the text part (echoed back) and receives each image intact, in order") {
        OpenAITestServer.start().use { server ->
            clientOf(server).use { client ->
                // 2 MiB behind a JPEG signature: detection needs only the first bytes, and a body this size must
                // cross the socket whole.
                val big = byteArrayOf(0xFF.toByte(), 0xD8.toByte(), 0xFF.toByte(), 0xE0.toByte()) + Random(7).nextBytes(2 shl 20)
                val answer = client.vision.describe(
                    "gpt-4o-mini",
                    "What is in these pictures?",
                    listOf(ImageInput.bytes(Images.png), ImageInput.url("https://example.test/cat.jpg"), ImageInput.bytes(big)),
                    detail = ImageDetail.LOW,
                )
                answer shouldBe "What is in these pictures?"

                val request = server.requests.single()
                request.method shouldBe "POST"
                request.path shouldBe "/v1/chat/completions"
                request.header("authorization") shouldBe "Bearer sk-socket-test"
                val body = request.jsonObject!!
                body["model"] shouldBe JsonPrimitive("gpt-4o-mini")
                body["max_tokens"] shouldBe JsonPrimitive(300)
                val parts = body["messages"]!!.jsonArray.single().jsonObject["content"]!!.jsonArray.map { it.jsonObject }
                parts[0]["text"] shouldBe JsonPrimitive("What is in these pictures?")
                val urls = parts.drop(1).map { it["image_url"]!!.jsonObject["url"]!!.jsonPrimitive.content }
                urls[1] shouldBe "https://example.test/cat.jpg"
                urls[0].substringBefore(",") shouldBe "data:image/png;base64"
                Base64.getDecoder().decode(urls[0].substringAfter(",")) shouldBe Images.png
                urls[2].substringBefore(",") shouldBe "data:image/jpeg;base64"
                Base64.getDecoder().decode(urls[2].substringAfter(",")) shouldBe big
                parts.drop(1).map { it["image_url"]!!.jsonObject["detail"] } shouldBe List(3) { JsonPrimitive("low") }
            }
        }
    }

    test("over a socket: scripted error statuses and an empty answer become the right exceptions") {
        OpenAITestServer.start().use { server ->
            server.enqueue(
                "chat/completions",
                Scripted.error(
                    400,
                    """{"error":{"message":"Invalid image data.","type":"invalid_request_error","param":null,"code":"invalid_image"}}""",
                ),
                Scripted.error(429),
                Scripted.text(""),
            )
            clientOf(server).use { client ->
                val bad = shouldThrow<BadRequestException> { client.vision.describe("gpt-4o", "What?", Images.gif) }
                bad.code shouldBe "invalid_image"
                bad.status shouldBe 400

                val limited = shouldThrow<RateLimitException> { client.vision.describe("gpt-4o", "What?", Images.gif) }
                limited.code shouldBe "rate_limit_exceeded"
                limited.requestId!!.startsWith("req_") shouldBe true

                val empty = shouldThrow<EmptyAnswerException> { client.vision.describe("gpt-4o", "What?", Images.gif) }
                empty.finishReason shouldBe "stop"
                empty.completion.id.startsWith("chatcmpl-") shouldBe true
                server.requests("chat/completions").size shouldBe 3
            }
        }
    }
})
