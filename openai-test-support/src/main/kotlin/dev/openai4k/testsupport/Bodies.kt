package dev.openai4k.testsupport

import io.ktor.client.request.HttpRequestData
import io.ktor.http.content.OutgoingContent
import io.ktor.utils.io.ByteChannel
import io.ktor.utils.io.toByteArray
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject

/**
 * Reads a request body. A streamed body is written by a second coroutine while this one reads, so a body larger
 * than the channel's buffer cannot deadlock.
 */
suspend fun bodyBytes(content: OutgoingContent): ByteArray = when (content) {
    is OutgoingContent.ByteArrayContent -> content.bytes()
    is OutgoingContent.ReadChannelContent -> content.readFrom().toByteArray()
    is OutgoingContent.WriteChannelContent -> coroutineScope {
        val channel = ByteChannel()
        launch {
            content.writeTo(channel)
            channel.flushAndClose()
        }
        channel.toByteArray()
    }
    else -> ByteArray(0)
}

/** The body of this request as bytes (see [bodyBytes]). */
suspend fun HttpRequestData.bodyBytes(): ByteArray = bodyBytes(body)

/** The body of this request as UTF-8 text. */
suspend fun HttpRequestData.bodyText(): String = bodyBytes().decodeToString()

/** Parses JSON text written in a test, so comparisons ignore formatting but not keys, values or nesting. */
fun parse(text: String): JsonObject = Json.parseToJsonElement(text).jsonObject

/** Bytes that are not valid UTF-8 (a text round trip would corrupt them), different for each [seed]. */
fun binary(size: Int, seed: Int = 0): ByteArray = ByteArray(size) { ((it * 31 + seed) and 0xff).toByte() }

/** Parses any JSON text (an array, a string, an object...) written in a test, for comparison with what was sent. */
fun parseJson(text: String): JsonElement = Json.parseToJsonElement(text)
