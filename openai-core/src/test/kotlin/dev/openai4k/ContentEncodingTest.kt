package dev.openai4k

import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.ktor.client.engine.mock.respond
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import io.ktor.utils.io.ByteReadChannel
import kotlinx.coroutines.flow.toList
import java.io.ByteArrayOutputStream
import java.util.zip.DeflaterOutputStream
import java.util.zip.GZIPOutputStream

private fun gzip(text: String): ByteArray =
    ByteArrayOutputStream().also { GZIPOutputStream(it).use { g -> g.write(text.encodeToByteArray()) } }.toByteArray()

private fun deflate(text: String): ByteArray =
    ByteArrayOutputStream().also { DeflaterOutputStream(it).use { g -> g.write(text.encodeToByteArray()) } }.toByteArray()

private fun encoded(bytes: ByteArray, encoding: String, type: String = "application/json", status: Int = 200) = Recorded({ maxRetries = 0 }) {
    respond(
        ByteReadChannel(bytes), HttpStatusCode.fromValue(status),
        headersOf(
            "Content-Type" to listOf(type), "Content-Encoding" to listOf(encoding),
            "Content-Length" to listOf(bytes.size.toString()),
        ),
    )
}

private val models = ApiCall(ApiMethod.GET, ApiPath.fixed("models"))

class ContentEncodingTest : FunSpec({
    test("a gzip body the server sent unasked is decoded, even when smaller decoded than encoded") {
        val body = gzip("""{"ok":true}""")
        (body.size > """{"ok":true}""".length) shouldBe true
        encoded(body, "gzip").client.execute(models, Echo.serializer()).ok shouldBe true
    }

    test("a deflate body is decoded") {
        encoded(deflate("""{"ok":true}"""), "deflate").client.execute(models, Echo.serializer()).ok shouldBe true
    }

    test("a gzip error body still yields the API error") {
        val e = shouldThrow<RateLimitException> {
            encoded(gzip("""{"error":{"message":"slow down","code":"rate_limit"}}"""), "gzip", status = 429)
                .client.execute(models, Echo.serializer())
        }
        e.message shouldBe "429: slow down"
        e.code shouldBe "rate_limit"
    }

    test("a gzip event stream is decoded") {
        val r = encoded(gzip("data: {\"n\":1}\n\ndata: {\"n\":2}\n\ndata: [DONE]\n\n"), "gzip", "text/event-stream")
        r.client.events(models).toList().map { it.data } shouldBe listOf("{\"n\":1}", "{\"n\":2}")
    }

    test("a corrupt gzip body is a decode error, and an unknown encoding is named") {
        shouldThrow<OpenAIDecodeException> {
            encoded("not gzip at all".encodeToByteArray(), "gzip").client.execute(models, Echo.serializer())
        }.message shouldContain "gzip"
        shouldThrow<OpenAIDecodeException> {
            encoded("x".encodeToByteArray(), "br").client.execute(models, Echo.serializer())
        }.message shouldBe "Unsupported Content-Encoding: br"
    }
})
