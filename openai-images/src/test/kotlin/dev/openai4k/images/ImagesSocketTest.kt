package dev.openai4k.images

import dev.openai4k.InternalServerException
import dev.openai4k.OpenAI
import dev.openai4k.http.FileSource
import dev.openai4k.testkit.OpenAITestServer
import dev.openai4k.testkit.Scripted
import dev.openai4k.testkit.SseEvent
import dev.openai4k.testkit.SseOptions
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.withTimeout
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.nio.file.Files
import java.util.Base64
import kotlin.time.Duration.Companion.seconds

/** The images API over real loopback sockets against the project's test server. */
class ImagesSocketTest : FunSpec({
    val pngSignature = byteArrayOf(0x89.toByte(), 'P'.code.toByte(), 'N'.code.toByte(), 'G'.code.toByte())

    test("generate over a socket: the server sees the JSON, the PNGs decode and save") {
        withServer { server, client ->
            val result = client.images.generate(imageGenerationRequest("a blue square") { n = 2; size = "256x256" })
            val sent = server.requests("images/generations").single()
            sent.jsonObject shouldBe buildJsonObject {
                put("prompt", "a blue square")
                put("n", 2)
                put("size", "256x256")
            }
            sent.header("authorization") shouldBe "Bearer sk-socket-test"
            result.data.size shouldBe 2
            val files = result.saveAll(Files.createTempDirectory("socket-img"), "square")
            files.map { it.fileName.toString() } shouldBe listOf("square-0.png", "square-1.png")
            files.forEach { Files.readAllBytes(it).copyOf(4) shouldBe pngSignature }
        }
    }

    test("an edit with several images arrives as image[] parts carrying the exact bytes") {
        withServer { server, client ->
            val dir = Files.createTempDirectory("socket-edit")
            val a = binary(3000, 1)
            val b = binary(70_000, 2)
            client.images.edit(imageEditRequest("combine them") {
                image(Files.write(dir.resolve("a.png"), a))
                image(FileSource.of(b, "b.webp"))
                model = ImageModel.GPT_IMAGE_1
            }).data.single().bytes().copyOf(4) shouldBe pngSignature
            val parts = server.requests("images/edits").single().parts
            parts.map { it.name } shouldBe listOf("image[]", "image[]", "prompt", "model")
            parts.map { it.filename } shouldBe listOf("a.png", "b.webp", null, null)
            parts.map { it.contentType } shouldBe listOf("image/png", "image/webp", null, null)
            parts[0].bytes shouldBe a
            parts[1].bytes shouldBe b
            parts[3].text shouldBe "gpt-image-1"
        }
    }

    test("an edit from a file is sent again, whole, after a 500; one from a stream is not retried") {
        withServer(maxRetries = 1) { server, client ->
            val dir = Files.createTempDirectory("socket-retry")
            val bytes = binary(10_000, 3)
            val retryNow = mapOf("retry-after-ms" to "0")
            server.enqueue("images/edits", Scripted.error(500, headers = retryNow))
            client.images.edit(imageEditRequest("p") { image(Files.write(dir.resolve("x.png"), bytes)) })
            val tries = server.requests("images/edits")
            tries.size shouldBe 2
            tries.forEach { it.part("image")!!.bytes shouldBe bytes }

            server.clearRequests()
            server.enqueue("images/edits", Scripted.error(500, headers = retryNow))
            val e = shouldThrow<InternalServerException> {
                client.images.edit(imageEditRequest("p") { image(FileSource.of(bytes.inputStream(), "x.png")) })
            }
            e.attempts shouldBe 1
            server.requests("images/edits").size shouldBe 1
        }
    }

    test("URLs served by the server come back as url") {
        withServer { server, client ->
            val result = client.images.generate(imageGenerationRequest("x") { responseFormat = ImageResponseFormat.URL })
            result.data.single().url!! shouldStartWith server.rootUrl
            result.data.single().b64Json shouldBe null
        }
    }

    test("a partial-image stream over a socket, CRLF and keep-alive comments included, decodes in order") {
        withServer { server, client ->
            val enc = Base64.getEncoder()
            val p = binary(500, 4)
            val f = binary(900, 5)
            server.enqueue(
                "images/generations",
                Scripted.sseEvents(
                    listOf(
                        SseEvent("""{"type":"image_generation.partial_image","b64_json":"${enc.encodeToString(p)}","partial_image_index":0}""", "image_generation.partial_image"),
                        SseEvent("""{"type":"image_generation.completed","b64_json":"${enc.encodeToString(f)}","usage":{"input_tokens":5,"output_tokens":7,"total_tokens":12}}""", "image_generation.completed"),
                    ),
                    SseOptions.DEFAULT.withCrlf().withKeepAliveComment("keep-alive").withDelayMillis(20).withoutDone(),
                ),
            )
            val events = client.images.generateStream(imageGenerationRequest("x") { partialImages = 1 }).toList()
            server.requests("images/generations").single().jsonObject!!["stream"] shouldBe JsonPrimitive(true)
            events.size shouldBe 2
            events[0].shouldBeInstanceOf<ImageStreamEvent.PartialImage>().bytes() shouldBe p
            val done = events[1].shouldBeInstanceOf<ImageStreamEvent.Completed>()
            done.bytes() shouldBe f
            done.usage!!.totalTokens shouldBe 12
        }
    }

    test("taking the first preview and stopping closes the connection") {
        withServer { server, client ->
            val payload = """{"type":"image_generation.partial_image","b64_json":"AAAA","partial_image_index":0}"""
            server.enqueue(
                "images/generations",
                Scripted.sse(List(5) { payload }, SseOptions.DEFAULT.withDelayMillis(300)),
            )
            client.images.generateStream(imageGenerationRequest("x")).first()
                .shouldBeInstanceOf<ImageStreamEvent.PartialImage>()
            server.awaitDisconnects(1, 10.seconds) shouldBe true
        }
    }
})

/** Runs [block] against a fresh test server and a client pointed at it, both closed afterwards. */
internal suspend fun withServer(maxRetries: Int = 0, block: suspend (OpenAITestServer, OpenAI) -> Unit) {
    OpenAITestServer.start().use { server ->
        OpenAI {
            baseUrl = server.baseUrl
            apiKey = "sk-socket-test"
            this.maxRetries = maxRetries
        }.use { client -> withTimeout(30.seconds) { block(server, client) } }
    }
}
