package dev.openai4k.testsupport

import io.ktor.client.engine.mock.MockRequestHandleScope
import io.ktor.client.engine.mock.respond
import io.ktor.client.request.HttpResponseData
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import io.ktor.utils.io.ByteReadChannel

/** A JSON answer with [status] and any extra [headers] (the content type is `application/json`). */
fun MockRequestHandleScope.json(body: String, status: Int = 200, vararg headers: Pair<String, String>): HttpResponseData =
    respond(
        body,
        HttpStatusCode.fromValue(status),
        headersOf(*(headers.map { it.first to listOf(it.second) } + (HttpHeaders.ContentType to listOf("application/json"))).toTypedArray()),
    )

/** An `application/octet-stream` answer carrying [bytes]. */
fun MockRequestHandleScope.binary(bytes: ByteArray, status: Int = 200): HttpResponseData =
    respond(bytes, HttpStatusCode.fromValue(status), headersOf(HttpHeaders.ContentType, "application/octet-stream"))

/** A `text/event-stream` answer whose events carry [payloads] as `data:`, then `data: [DONE]` unless [done] is false. */
fun MockRequestHandleScope.sse(payloads: List<String>, done: Boolean = true): HttpResponseData =
    sseText(payloads.joinToString("") { "data: $it\n\n" } + if (done) "data: [DONE]\n\n" else "")

/** The vararg form of [sse]: one `data:` event per payload, then `data: [DONE]` unless [done] is false. */
fun MockRequestHandleScope.sse(vararg payloads: String, done: Boolean = true): HttpResponseData =
    sse(payloads.asList(), done)

/** A `text/event-stream` answer of whole [events] as written (`event:`/`data:` lines), each closed by a blank line. */
fun MockRequestHandleScope.sseEvents(vararg events: String): HttpResponseData =
    sseText(events.joinToString("") { "$it\n\n" })

/** A `text/event-stream` answer of [chunks] sent exactly as written, separators included. */
fun MockRequestHandleScope.sseText(vararg chunks: String): HttpResponseData =
    respond(
        ByteReadChannel(chunks.joinToString("").encodeToByteArray()),
        HttpStatusCode.OK,
        headersOf(HttpHeaders.ContentType, "text/event-stream"),
    )
