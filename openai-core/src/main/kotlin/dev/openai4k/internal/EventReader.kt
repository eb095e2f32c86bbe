package dev.openai4k.internal

import dev.openai4k.OpenAIConfig
import dev.openai4k.OpenAITimeoutException
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ServerSentEvent
import dev.openai4k.http.SseParser
import io.ktor.client.statement.HttpResponse
import io.ktor.http.HttpHeaders
import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.availableForRead
import kotlinx.coroutines.flow.FlowCollector
import kotlinx.coroutines.withTimeoutOrNull

/** Bytes read from a stream at a time: a few dozen chunks per read when the server is ahead of the reader. */
private const val STREAM_READ_BYTES = 32 * 1024

/**
 * The last stage of a stream: its body as server-sent events, handed to the collector one by one. `[DONE]` ends it;
 * an `event: error`, or data with a non-null top-level `error` (wherever it stands) or `"type": "error"`, raises
 * [dev.openai4k.OpenAIStreamException] once any content beside it was delivered; a silence longer than the idle
 * timeout raises [OpenAITimeoutException]; a stream request answered with one JSON body raises what it says.
 */
internal class EventReader(private val settings: OpenAIConfig, private val secrets: Secrets, private val errors: ErrorMapping) {
    suspend fun read(call: ApiCall, channel: ByteReadChannel, response: HttpResponse, collector: FlowCollector<ServerSentEvent>) {
        val requestId = response.headers["x-request-id"]
        val pending = ArrayDeque<ServerSentEvent>()
        val parser = SseParser(settings.maxEventBytes) { pending.addLast(it) }
        val buffer = ByteArray(STREAM_READ_BYTES)
        val idle = (call.options.timeout ?: settings.streamIdleTimeout).inWholeMilliseconds
        var first = response.headers[HttpHeaders.ContentType]?.contains("json", ignoreCase = true) == true
        while (true) {
            // The idle timer is armed only when the read has to wait: bytes already received are taken at once.
            val n = if (channel.availableForRead > 0) {
                channel.readChunk(buffer)
            } else {
                withTimeoutOrNull(idle) { channel.readChunk(buffer) }
                    ?: throw OpenAITimeoutException("The stream was idle for more than $idle ms")
            }
            if (n < 0) return
            if (first) {
                first = false
                // A server that cannot stream this request answers with one JSON body (an error, or the whole result).
                if (startsWithObject(buffer, n)) throw errors.notAStream(buffer, n, channel, response)
            }
            parser.feed(buffer, 0, n)
            while (pending.isNotEmpty()) {
                val event = pending.removeFirst()
                if (isDone(event.data)) return
                val error = errorEnvelope(event.data)
                if (event.event == "error" || error != null) {
                    // Content sent beside the error (OpenRouter's last chunk) reaches the caller first, so it travels
                    // in the exception's partial result.
                    if (error != null && carriesContent(error)) emit(collector, event)
                    throw streamException(event.data, error, requestId, secrets)
                }
                emit(collector, event)
            }
        }
    }

    /** Hands [event] over; what the collector throws is marked so that it passes through untouched, never retried. */
    private suspend fun emit(collector: FlowCollector<ServerSentEvent>, event: ServerSentEvent) {
        try {
            collector.emit(event)
        } catch (t: Throwable) {
            throw DownstreamException(t)
        }
    }
}

/** Whether an SSE data payload is the `[DONE]` sentinel; some servers pad it with spaces. */
internal fun isDone(data: String): Boolean = data == "[DONE]" || (data.length <= 16 && data.trim() == "[DONE]")

/** Whether the first non-blank byte of the first [n] bytes of [buffer] opens a JSON object. */
private fun startsWithObject(buffer: ByteArray, n: Int): Boolean {
    for (i in 0 until n) {
        val c = buffer[i].toInt().toChar()
        if (!c.isWhitespace()) return c == '{'
    }
    return false
}
