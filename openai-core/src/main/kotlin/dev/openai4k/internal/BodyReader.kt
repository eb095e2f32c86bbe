package dev.openai4k.internal

import dev.openai4k.OpenAIConfig
import dev.openai4k.OpenAIConnectionException
import dev.openai4k.OpenAIDecodeException
import dev.openai4k.OpenAIJson
import io.ktor.client.statement.HttpResponse
import io.ktor.http.HttpHeaders
import io.ktor.utils.io.ByteChannel
import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.jvm.javaio.toInputStream
import io.ktor.utils.io.readAvailable
import io.ktor.utils.io.writeFully
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.serialization.DeserializationStrategy
import java.io.ByteArrayOutputStream
import java.io.IOException
import java.util.zip.GZIPInputStream
import java.util.zip.InflaterInputStream

/**
 * The fifth stage: a response's body. Read within its bound ([OpenAIConfig.maxResponseBytes]), decompressed when a
 * proxy sent it gzip- or deflate-encoded unasked, checked against its declared length (every engine reports a body
 * cut short the same way), logged redacted when asked, and decoded.
 */
internal class BodyReader(private val settings: OpenAIConfig, private val secrets: Secrets) {
    /** The whole body as text, logged at debug when [OpenAIConfig.logBodies] is on. */
    suspend fun text(response: HttpResponse): String {
        val text = bytes(response).decodeToString()
        if (settings.logBodies && log.isDebugEnabled) log.debug("<-- body {}", secrets.loggable(text))
        return text
    }

    suspend fun bytes(response: HttpResponse): ByteArray = readBounded(bodyOf(response), settings.maxResponseBytes, response)

    fun <T> decode(text: String, deserializer: DeserializationStrategy<T>, response: HttpResponse): T = try {
        OpenAIJson.decodeFromString(deserializer, text)
    } catch (e: Exception) {
        throw OpenAIDecodeException(
            "Could not decode the ${response.status.value} response as ${deserializer.descriptor.serialName}: " +
                secrets.redact(e.message?.lineSequence()?.firstOrNull() ?: e.toString()),
            status = response.status.value,
            requestId = response.headers["x-request-id"],
            bodySnippet = secrets.redact(snippetOf(text)),
            // The parser's own message quotes the body, which may echo the key: keep its stack, not its words.
            cause = RedactedCause(e, secrets),
        )
    }

    /** Hands the body to [consume] as it arrives; a body shorter than its declared length fails once it was read. */
    suspend fun <T> consume(response: HttpResponse, consume: suspend (ByteReadChannel) -> T): T {
        val declared = declaredLength(response)
        return if (declared == null) consume(bodyOf(response)) else consumeChecked(bodyOf(response), declared, consume)
    }

    /**
     * Hands [source] to [consume] through a pipe, then fails if the body ended before its declared length or broke:
     * engines report a body cut short by the peer as a normal end of input, which would silently truncate a download.
     * The consumer first receives every byte that did arrive; the failure is raised once it has read to the end.
     */
    private suspend fun <T> consumeChecked(source: ByteReadChannel, declared: Long, consume: suspend (ByteReadChannel) -> T): T =
        coroutineScope {
            val pipe = ByteChannel()
            var failure: Throwable? = null
            val pump = launch {
                val buffer = ByteArray(8192)
                var total = 0L
                try {
                    while (true) {
                        val n = source.readChunk(buffer)
                        if (n < 0) break
                        total += n
                        pipe.writeFully(buffer, 0, n)
                        pipe.flush()
                    }
                    if (total < declared) failure = cutShort(total, declared)
                } catch (e: CancellationException) {
                    throw e
                } catch (e: Throwable) {
                    failure = if (e is IOException && total < declared) cutShort(total, declared, e) else e
                } finally {
                    pipe.flushAndClose()
                }
            }
            try {
                val result = consume(pipe)
                if (pipe.isClosedForRead) {
                    pump.join()
                    failure?.let { throw it }
                }
                result
            } finally {
                pump.cancel()
            }
        }

    /** Reads [channel] to its end; beyond [max] bytes it fails, or with [truncate] keeps the first [max]. */
    suspend fun readBounded(channel: ByteReadChannel, max: Long, response: HttpResponse, truncate: Boolean = false): ByteArray {
        val declared = declaredLength(response)
        if (!truncate && declared != null && declared > max) throw tooLarge("The response body ($declared bytes)", max, response)
        val out = ByteArrayOutputStream(declared?.toInt()?.coerceIn(0, 1 shl 20) ?: 8192)
        val buffer = ByteArray(8192)
        var total = 0L
        while (true) {
            val n = try {
                channel.readChunk(buffer)
            } catch (e: IOException) {
                // java.net.http reports a body cut short itself; say it the same way whatever the engine.
                if (!truncate && declared != null && total < declared) throw cutShort(total, declared, e)
                throw e
            }
            if (n < 0) break
            total += n
            if (total > max) {
                if (!truncate) throw tooLarge("The response body", max, response)
                out.write(buffer, 0, (n - (total - max)).toInt())
                break
            }
            out.write(buffer, 0, n)
        }
        // CIO reports a body cut short by the peer as a normal end of input; it is a broken connection.
        if (!truncate && declared != null && total < declared) throw cutShort(total, declared)
        return out.toByteArray()
    }

    private fun tooLarge(what: String, max: Long, response: HttpResponse) = OpenAIDecodeException(
        "$what exceeds the limit of $max bytes",
        status = response.status.value,
        requestId = response.headers["x-request-id"],
    )

    /** The body length the server declared, or null when unknown or when it counts encoded (compressed) bytes. */
    private fun declaredLength(response: HttpResponse): Long? =
        if (contentEncoding(response) != null) null else response.headers[HttpHeaders.ContentLength]?.toLongOrNull()

    private fun contentEncoding(response: HttpResponse): String? =
        response.headers[HttpHeaders.ContentEncoding]?.trim()?.lowercase()?.takeIf { it.isNotEmpty() && it != "identity" }

    /**
     * The response body, decompressed when the server sent it gzip- or deflate-encoded without being asked (proxies do).
     * Decompression runs on the IO dispatcher; a corrupt encoding raises [OpenAIDecodeException].
     */
    @OptIn(io.ktor.utils.io.InternalAPI::class)
    suspend fun bodyOf(response: HttpResponse): ByteReadChannel {
        // The engine's own channel: `bodyAsChannel()` pumps it into a copy that is cancelled, unread bytes and all,
        // the moment the connection breaks, which would lose the events that arrived before the break.
        val raw = response.rawContent
        val encoding = contentEncoding(response) ?: return raw
        if (encoding !in setOf("gzip", "x-gzip", "deflate")) {
            throw OpenAIDecodeException("Unsupported Content-Encoding: $encoding", status = response.status.value)
        }
        val out = ByteChannel()
        response.launch(Dispatchers.IO) {
            try {
                val input = raw.toInputStream()
                val stream = if (encoding == "deflate") InflaterInputStream(input) else GZIPInputStream(input)
                stream.use {
                    val buffer = ByteArray(8192)
                    while (true) {
                        val n = it.read(buffer)
                        if (n < 0) break
                        out.writeFully(buffer, 0, n)
                        out.flush()
                    }
                }
                out.flushAndClose()
            } catch (e: CancellationException) {
                out.cancel(e)
            } catch (e: Throwable) {
                out.cancel(OpenAIDecodeException("Could not decode the $encoding-encoded body: ${e.message}", status = response.status.value, cause = e))
            }
        }
        return out
    }
}

/**
 * Reads what is available into [buffer]; -1 at the end. A channel that was closed with a cause (a failed decompression,
 * say) also reads as -1, so the cause is rethrown here instead of passing for a normal end.
 */
internal suspend fun ByteReadChannel.readChunk(buffer: ByteArray): Int {
    val n = readAvailable(buffer, 0, buffer.size)
    if (n < 0) closedCause?.let { throw it }
    return n
}

/** A body that ended (or broke) before its declared length: said the same way on every engine. */
private fun cutShort(received: Long, declared: Long, cause: Throwable? = null) =
    OpenAIConnectionException("The connection closed after $received of $declared body bytes", cause)
