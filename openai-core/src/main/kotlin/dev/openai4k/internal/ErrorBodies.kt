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
internal fun parseErrorBody(body: String): ErrorFields? = jsonObjectOrNull(body)?.let(::errorFieldsOf)

/** [text] parsed as a JSON object, or null when it is not one (not JSON, an array, an HTML page). */
internal fun jsonObjectOrNull(text: String): JsonObject? {
    val trimmed = text.trim()
    if (!trimmed.startsWith("{")) return null
    return try {
        OpenAIJson.parseToJsonElement(trimmed) as? JsonObject
    } catch (_: Exception) {
        null
    }
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
internal fun statusException(status: Int, body: String, requestId: String?, secrets: Secrets): OpenAIStatusException {
    val fields = parseErrorBody(body)
    val kind = if (fields != null) ErrorKind.API else ErrorKind.HTTP
    val snippet = secrets.redact(snippetOf(body))
    val message = secrets.redact(
        fields?.message?.let { "$status: $it" }
            ?: "$status: ${if (body.isBlank()) "empty body" else "non-API error body: " + snippetOf(body).take(200)}",
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

/** The exception for an error that arrived inside a stream: an `event: error`, or data that [errorEnvelope] flags. */
internal fun streamException(data: String, root: JsonObject?, requestId: String?, secrets: Secrets): OpenAIStreamException =
    streamError(data, root, requestId).also { secrets.scrub(it) }

/**
 * [streamException] before redaction, for the typed event decoders of `dev.openai4k.stream`, which have no client's
 * secrets at hand (core scrubs what they raise on its way out).
 */
internal fun streamError(data: String, root: JsonObject?, requestId: String?): OpenAIStreamException {
    val fields = root?.let(::errorFieldsOf) ?: parseErrorBody(data)
    return OpenAIStreamException(
        message = "stream error: " + (fields?.message ?: snippetOf(data).take(200)),
        type = fields?.type,
        code = fields?.code,
        param = fields?.param,
        requestId = requestId,
        bodySnippet = snippetOf(data),
    )
}

/**
 * The parsed object when [text] is a JSON object that reports an error: a non-null top-level `error` member wherever
 * it stands (OpenRouter puts it after `id` and `provider`, beside `choices`), or `"type": "error"`. Texts that do not
 * contain `"error"` at all, which is every healthy chunk, are not parsed.
 */
internal fun errorEnvelope(text: String): JsonObject? {
    if (!text.contains("\"error\"")) return null
    val root = jsonObjectOrNull(text) ?: return null
    val error = root["error"]
    if (error != null && error !is JsonNull) return root
    return root.takeIf { (it["type"] as? JsonPrimitive)?.takeIf { t -> t.isString }?.content == "error" }
}

/** Whether an error chunk also carries content (`choices`) that must reach the caller before the error is raised. */
internal fun carriesContent(root: JsonObject): Boolean = (root["choices"] as? JsonArray)?.isNotEmpty() == true

/**
 * The exception for a 2xx answer whose body is an error object (`{"error": {...}}`) instead of the result: some
 * servers and proxies answer failures that way. Kind API, status 200, with the error's fields; not retried.
 */
internal fun errorIn2xx(status: Int, body: String, root: JsonObject, requestId: String?, secrets: Secrets): OpenAIStatusException {
    val fields = errorFieldsOf(root)
    val text = fields?.message ?: root["error"].toString()
    return OpenAIStatusException(
        ErrorKind.API,
        secrets.redact("The server answered $status with an error: $text"),
        status,
        fields?.type,
        fields?.code,
        fields?.param,
        requestId,
        secrets.redact(snippetOf(body)),
    )
}
