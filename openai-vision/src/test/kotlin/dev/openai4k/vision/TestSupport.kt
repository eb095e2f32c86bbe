package dev.openai4k.vision

import dev.openai4k.OpenAI
import dev.openai4k.OpenAIConfig
import io.ktor.client.engine.mock.MockEngine
import io.ktor.client.engine.mock.MockRequestHandleScope
import io.ktor.client.engine.mock.respond
import io.ktor.client.request.HttpRequestData
import io.ktor.client.request.HttpResponseData
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.http.content.OutgoingContent
import io.ktor.http.headersOf
import io.ktor.utils.io.toByteArray
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonObject
import java.awt.Color
import java.awt.image.BufferedImage
import java.io.ByteArrayOutputStream
import java.util.Collections
import javax.imageio.ImageIO

/** A MockEngine client that records requests (with their bodies) and answers with [handler]. */
class Recorded(
    configure: OpenAIConfig.() -> Unit = {},
    handler: suspend MockRequestHandleScope.(HttpRequestData) -> HttpResponseData,
) {
    val requests: MutableList<HttpRequestData> = Collections.synchronizedList(mutableListOf())
    val bodies: MutableList<String> = Collections.synchronizedList(mutableListOf())
    val engine = MockEngine { request ->
        requests += request
        bodies += request.bodyText()
        handler(request)
    }
    val client = OpenAI {
        apiKey = "sk-test-secret-key-123456"
        baseUrl = "https://api.example.test/v1"
        maxRetries = 0
        engine = this@Recorded.engine
        configure()
    }

    /** The JSON body of request [i]. */
    fun json(i: Int = bodies.size - 1): JsonObject = Json.parseToJsonElement(bodies[i]).jsonObject
}

fun MockRequestHandleScope.json(body: String, status: Int = 200, vararg headers: Pair<String, String>): HttpResponseData =
    respond(
        body,
        HttpStatusCode.fromValue(status),
        headersOf(*(headers.map { it.first to listOf(it.second) } + (HttpHeaders.ContentType to listOf("application/json"))).toTypedArray()),
    )

suspend fun HttpRequestData.bodyText(): String = when (val b = body) {
    is OutgoingContent.ByteArrayContent -> b.bytes().decodeToString()
    is OutgoingContent.ReadChannelContent -> b.readFrom().toByteArray().decodeToString()
    is OutgoingContent.WriteChannelContent -> {
        val ch = io.ktor.utils.io.ByteChannel()
        b.writeTo(ch)
        ch.flushAndClose()
        ch.toByteArray().decodeToString()
    }
    else -> ""
}

/** Parses JSON text for comparisons. */
fun parse(text: String): JsonObject = Json.parseToJsonElement(text).jsonObject

/** A completion body as OpenAI sends it; [content] and [refusal] are JSON-escaped, null sends `null`. */
fun completionJson(content: String?, refusal: String? = null, finishReason: String = "stop"): String {
    fun lit(s: String?) = if (s == null) "null" else JsonPrimitive(s).toString()
    return """{"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini",
        "choices":[{"index":0,"message":{"role":"assistant","content":${lit(content)},"refusal":${lit(refusal)}},"finish_reason":"$finishReason"}],
        "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}"""
}

/** Real images written by the JDK's encoders, so detection is tested on genuine files. */
object Images {
    private fun picture(type: Int = BufferedImage.TYPE_INT_RGB): BufferedImage = BufferedImage(4, 3, type).also { img ->
        for (x in 0 until 4) for (y in 0 until 3) img.setRGB(x, y, Color(x * 60, y * 80, 200).rgb)
    }

    private fun encode(format: String, image: BufferedImage = picture()): ByteArray {
        val out = ByteArrayOutputStream()
        check(ImageIO.write(image, format, out)) { "no ImageIO writer for $format" }
        return out.toByteArray()
    }

    val png: ByteArray by lazy { encode("png") }
    val jpeg: ByteArray by lazy { encode("jpeg") }
    val gif: ByteArray by lazy { encode("gif", picture(BufferedImage.TYPE_BYTE_INDEXED)) }
    val bmp: ByteArray by lazy { encode("bmp") }

    /** A lossless WebP container: RIFF, little-endian length, WEBP, then a VP8L chunk. */
    val webp: ByteArray by lazy {
        val payload = byteArrayOf(0x2F, 0x03, 0x00, 0x00, 0x00, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88.toByte(), 0x88.toByte(), 0xFE.toByte(), 0x07, 0x00)
        val chunk = "VP8L".toByteArray() + le32(payload.size) + payload + (if (payload.size % 2 == 1) byteArrayOf(0) else byteArrayOf())
        "RIFF".toByteArray() + le32(4 + chunk.size) + "WEBP".toByteArray() + chunk
    }

    /** A GIF with the older `GIF87a` signature (the JDK writes GIF89a). */
    val gif87: ByteArray by lazy { gif.copyOf().also { it[4] = '7'.code.toByte() } }

    private fun le32(v: Int) = byteArrayOf(v.toByte(), (v shr 8).toByte(), (v shr 16).toByte(), (v shr 24).toByte())
}
