package dev.openai4k.internal

import dev.openai4k.AuthenticationException
import dev.openai4k.BadRequestException
import dev.openai4k.ConflictException
import dev.openai4k.ErrorKind
import dev.openai4k.InternalServerException
import dev.openai4k.NotFoundException
import dev.openai4k.OpenAIJson
import dev.openai4k.OpenAIStatusException
import dev.openai4k.OpenAIStreamException
import dev.openai4k.PermissionDeniedException
import dev.openai4k.RateLimitException
import dev.openai4k.UnprocessableEntityException
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/** The fields an error body can tell, whatever its dialect. */
internal data class ErrorFields(val message: String, val type: String?, val code: String?, val param: String?)

internal const val SNIPPET_CHARS = 2048

/**
 * Reads an error body leniently: OpenAI's `{"error":{...}}`, `{"error":"text"}`, Mistral's
 * `{"object":"error","message":...}`, FastAPI's `{"detail":...}`, a bare `{"message":...}`.
 * Returns null when the body is not a JSON object that looks like an error (an HTML page, say).
 */
internal fun parseErrorBody(body: String): ErrorFields? {
    val trimmed = body.trim()
    if (!trimmed.startsWith("{")) return null
    val root = try {
        OpenAIJson.parseToJsonElement(trimmed) as? JsonObject
    } catch (_: Exception) {
        null
    } ?: return null
    return errorFieldsOf(root)
}

/** The error fields of a JSON object, or null when it carries none. */
internal fun errorFieldsOf(root: JsonObject): ErrorFields? {
    when (val error = root["error"]) {
        is JsonObject -> return ErrorFields(
            message = error.text("message") ?: error.text("msg") ?: error.toString(),
            type = error.text("type"),
            code = error.text("code"),
            param = error.text("param"),
        )
        is JsonPrimitive -> if (error.isString) {
            return ErrorFields(error.content, root.text("type"), root.text("code"), root.text("param"))
        }
        else -> {}
    }
    root["detail"]?.takeIf { it !is JsonNull }?.let { detail ->
        val message = (detail as? JsonPrimitive)?.takeIf { it.isString }?.content ?: detail.toString()
        return ErrorFields(message, root.text("type"), root.text("code"), root.text("param"))
    }
    val message = root.text("message") ?: return null
    return ErrorFields(message, root.text("type"), root.text("code"), root.text("param"))
}

private fun JsonObject.text(key: String): String? = when (val v = this[key]) {
    null, is JsonNull -> null
    is JsonPrimitive -> v.content
    is JsonArray, is JsonObject -> v.toString()
}

internal fun snippetOf(body: String): String = if (body.length <= SNIPPET_CHARS) body else body.take(SNIPPET_CHARS) + "..."

/** The exception for an error status, of the subclass that names it. */
internal fun statusException(status: Int, body: String, requestId: String?, secret: String): OpenAIStatusException {
    val fields = parseErrorBody(body)
    val kind = if (fields != null) ErrorKind.API else ErrorKind.HTTP
    val snippet = redact(snippetOf(body), secret)
    val message = redact(
        fields?.message?.let { "$status: $it" }
            ?: "$status: ${if (body.isBlank()) "empty body" else "non-API error body: " + snippetOf(body).take(200)}",
        secret,
    )
    val t = fields?.type
    val c = fields?.code
    val p = fields?.param
    return when (status) {
        400 -> BadRequestException(kind, message, t, c, p, requestId, snippet)
        401 -> AuthenticationException(kind, message, t, c, p, requestId, snippet)
        403 -> PermissionDeniedException(kind, message, t, c, p, requestId, snippet)
        404 -> NotFoundException(kind, message, t, c, p, requestId, snippet)
        409 -> ConflictException(kind, message, t, c, p, requestId, snippet)
        422 -> UnprocessableEntityException(kind, message, t, c, p, requestId, snippet)
        429 -> RateLimitException(kind, message, t, c, p, requestId, snippet)
        in 500..599 -> InternalServerException(kind, message, status, t, c, p, requestId, snippet)
        else -> OpenAIStatusException(kind, message, status, t, c, p, requestId, snippet)
    }
}

/** The exception for an error that arrived inside a stream. */
internal fun streamException(data: String, requestId: String?, secret: String): OpenAIStreamException {
    val fields = parseErrorBody(data)
    return OpenAIStreamException(
        message = redact("stream error: " + (fields?.message ?: snippetOf(data).take(200)), secret),
        type = fields?.type,
        code = fields?.code,
        param = fields?.param,
        requestId = requestId,
        bodySnippet = redact(snippetOf(data), secret),
    )
}

/** Replaces every occurrence of [secret] in [text]; servers sometimes echo what they were sent. */
internal fun redact(text: String, secret: String): String =
    if (secret.length < 4 || !text.contains(secret)) text else text.replace(secret, "<redacted>")
