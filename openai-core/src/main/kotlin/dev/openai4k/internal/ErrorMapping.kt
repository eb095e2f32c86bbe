package dev.openai4k.internal

import dev.openai4k.OpenAIConfig
import dev.openai4k.OpenAIConnectionException
import dev.openai4k.OpenAIDecodeException
import dev.openai4k.OpenAIException
import dev.openai4k.OpenAIStreamException
import dev.openai4k.OpenAITimeoutException
import dev.openai4k.http.ApiCall
import io.ktor.client.network.sockets.ConnectTimeoutException
import io.ktor.client.plugins.HttpRequestTimeoutException
import io.ktor.client.statement.HttpResponse
import io.ktor.http.HttpHeaders
import io.ktor.utils.io.ByteReadChannel
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.isActive
import kotlinx.serialization.DeserializationStrategy
import kotlinx.serialization.descriptors.StructureKind
import kotlinx.serialization.encoding.CompositeDecoder
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonPrimitive
import java.io.ByteArrayOutputStream
import java.io.IOException

private const val MAX_ERROR_BODY_BYTES = 64L * 1024

/**
 * The fourth stage: every way an exchange can fail, as the [OpenAIException] a caller can act on. Error statuses (with
 * `retry-after` and `x-should-retry`), 2xx answers that carry an error instead of the result, a stream request
 * answered with one JSON body, and transport failures (timeouts, a closed client, a broken connection).
 */
internal class ErrorMapping(private val settings: OpenAIConfig, private val secrets: Secrets, private val bodies: BodyReader) {
    suspend fun errorOf(response: HttpResponse): OpenAIException {
        val status = response.status.value
        val body = try {
            bodies.readBounded(bodies.bodyOf(response), MAX_ERROR_BODY_BYTES, response, truncate = true).decodeToString()
        } catch (e: IOException) {
            ""
        } catch (e: OpenAIException) {
            ""
        }
        val error = statusException(status, body, response.headers["x-request-id"], secrets)
        error.retryAfterMillis = parseRetryAfter(response.headers["retry-after-ms"], response.headers["retry-after"])
        error.shouldRetryHeader = when (response.headers["x-should-retry"]?.trim()?.lowercase()) {
            "true" -> true
            "false" -> false
            else -> null
        }
        return error
    }

    /** [t], raised while a try ran, as the exception to raise or retry; our own coroutine's cancellation passes. */
    suspend fun translate(t: Throwable, call: ApiCall, closed: Boolean): OpenAIException = when {
        t is OpenAIException -> t
        t !is CancellationException && causeOf(t) != null -> causeOf(t)!!
        t !is CancellationException && isTimeout(t) ->
            OpenAITimeoutException("Timed out: ${describe(t)} (${call.method} /${call.path})", t)
        t is CancellationException -> {
            // Our own coroutine being cancelled is not a failure: let it through. Anything else cancelled under
            // us (the client closed, the connection's job torn down) is.
            if (closed) {
                OpenAIConnectionException("The OpenAI client was closed during ${call.method} /${call.path}", t)
            } else if (!currentCoroutineContext().isActive) {
                throw t
            } else {
                OpenAIConnectionException("The connection was cancelled: ${describe(t)}", t)
            }
        }
        t is kotlinx.serialization.SerializationException ->
            OpenAIDecodeException("Could not decode the response: ${describe(t)}", cause = t)
        else -> OpenAIConnectionException("Connection failed (${call.method} /${call.path}): ${describe(t)}", t)
    }

    /**
     * The error a 2xx JSON body reports instead of the result (`{"error": {...}}`), or null. A result type that has an
     * `error` field of its own (a failed Response, a fine-tuning job) is an error body only without `id` and `object`.
     */
    fun errorInstead(text: String, deserializer: DeserializationStrategy<*>, response: HttpResponse): OpenAIException? {
        val root = errorEnvelope(text) ?: return null
        if (root["error"] == null) return null // `"type": "error"` alone is a stream dialect, not a body's
        val descriptor = deserializer.descriptor
        val ownField = descriptor.kind == StructureKind.CLASS && descriptor.getElementIndex("error") != CompositeDecoder.UNKNOWN_NAME
        if (ownField && (root.containsKey("id") || root.containsKey("object"))) return null
        return errorIn2xx(response.status.value, text, root, response.headers["x-request-id"], secrets)
    }

    /**
     * The failure for a stream request answered with one JSON body instead of events: the API error it carries, or,
     * for a whole result, a decode error that says so. [head] holds the first [n] bytes, already read from [rest].
     */
    suspend fun notAStream(head: ByteArray, n: Int, rest: ByteReadChannel, response: HttpResponse): OpenAIException {
        val out = ByteArrayOutputStream(n).apply { write(head, 0, n) }
        out.write(bodies.readBounded(rest, settings.maxResponseBytes - n, response, truncate = true))
        val text = out.toByteArray().decodeToString()
        val requestId = response.headers["x-request-id"]
        val root = jsonObjectOrNull(text)
        // An error object: `{"error": ...}` (non-null), or a dialect without the wrapper (`detail`, `"object": "error"`).
        val reportsError = root != null && (
            root["error"].let { it != null && it !is JsonNull } ||
                root.containsKey("detail") || (root["object"] as? JsonPrimitive)?.content == "error"
            )
        val fields = if (reportsError) errorFieldsOf(root!!) else null
        if (fields != null) {
            return OpenAIStreamException(
                secrets.redact("stream error: the server answered with a JSON error instead of a stream: ${fields.message}"),
                fields.type, fields.code, fields.param, requestId, secrets.redact(snippetOf(text)),
            )
        }
        return OpenAIDecodeException(
            "The server answered the streaming request with one JSON body (${response.headers[HttpHeaders.ContentType]}) " +
                "instead of an event stream; it may not support streaming this request",
            status = response.status.value,
            requestId = requestId,
            bodySnippet = secrets.redact(snippetOf(text)),
        )
    }

    /** An OpenAIException wrapped by the engine's channel machinery (a failure raised by our own pump). */
    private fun causeOf(t: Throwable): OpenAIException? =
        generateSequence(t.cause) { it.cause.takeIf { c -> c !== it } }.take(8).firstOrNull { it is OpenAIException } as OpenAIException?

    private fun isTimeout(t: Throwable): Boolean =
        generateSequence(t) { it.cause.takeIf { c -> c !== it } }.take(8).any {
            it is HttpRequestTimeoutException || it is ConnectTimeoutException || it is java.net.SocketTimeoutException ||
                it is io.ktor.client.network.sockets.SocketTimeoutException || it is java.net.http.HttpTimeoutException
        }

    private fun describe(t: Throwable): String = secrets.redact("${t::class.simpleName}: ${t.message ?: ""}".trimEnd(' ', ':'))
}
