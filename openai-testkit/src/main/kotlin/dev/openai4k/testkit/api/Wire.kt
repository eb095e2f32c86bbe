package dev.openai4k.testkit.api

import dev.openai4k.testkit.SseEvent
import dev.openai4k.testkit.http.Reply
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonObjectBuilder
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.doubleOrNull
import kotlinx.serialization.json.intOrNull
import kotlinx.serialization.json.put

/** An OpenAI-style error, thrown by a handler and answered as `{"error":{...}}`. */
internal class ApiError(
    val status: Int,
    message: String,
    val type: String = "invalid_request_error",
    val param: String? = null,
    val code: String? = null,
    val headers: List<Pair<String, String>> = emptyList(),
) : RuntimeException(message) {
    fun toReply(): Reply = jsonReply(errorBody(message ?: "Error", type, param, code), status, headers)
}

internal fun errorBody(message: String, type: String?, param: String?, code: String?): JsonObject = buildJsonObject {
    put("error", buildJsonObject {
        put("message", message)
        put("type", type)
        put("param", param)
        put("code", code)
    })
}

/** The error body OpenAI sends for [status] when a script gives none. */
internal fun defaultErrorBody(status: Int): JsonObject = when (status) {
    400 -> errorBody("Invalid request.", "invalid_request_error", null, null)
    401 -> errorBody("Incorrect API key provided.", "invalid_request_error", null, "invalid_api_key")
    403 -> errorBody("You are not allowed to access this resource.", "invalid_request_error", null, "forbidden")
    404 -> errorBody("The requested resource does not exist.", "invalid_request_error", null, "not_found")
    409 -> errorBody("The request conflicts with the current state of the resource.", "invalid_request_error", null, "conflict")
    422 -> errorBody("The request could not be processed.", "invalid_request_error", null, null)
    429 -> errorBody("Rate limit reached for requests. Please try again later.", "requests", null, "rate_limit_exceeded")
    500 -> errorBody("The server had an error while processing your request. Sorry about that!", "server_error", null, null)
    503 -> errorBody("The engine is currently overloaded, please try again later.", "server_error", null, null)
    else -> errorBody("HTTP $status", if (status >= 500) "server_error" else "invalid_request_error", null, null)
}

internal fun notFound(what: String, id: String, param: String? = null): ApiError =
    ApiError(404, "No $what found with id '$id'.", param = param, code = null)

internal fun jsonReply(body: JsonElement, status: Int = 200, headers: List<Pair<String, String>> = emptyList()): Reply =
    Reply.Body(status, "application/json", body.toString().toByteArray(Charsets.UTF_8), headers)

internal fun textReply(text: String, contentType: String = "text/plain; charset=utf-8"): Reply =
    Reply.Body(200, contentType, text.toByteArray(Charsets.UTF_8))

/** An event stream of JSON payloads; [named] puts each payload's `type` in `event:` (Responses style). */
internal fun eventsReply(
    payloads: List<JsonObject>,
    options: dev.openai4k.testkit.SseOptions,
    done: Boolean,
    named: Boolean = false,
): Reply {
    val events = payloads.map { SseEvent(it.toString(), if (named) it.string("type") else null) }
    return Reply.Events(if (done) events + SseEvent("[DONE]") else events, options)
}

internal fun JsonObject.string(key: String): String? = (this[key] as? JsonPrimitive)?.takeIf { it.isString }?.content

internal fun JsonObject.int(key: String): Int? =
    (this[key] as? JsonPrimitive)?.takeIf { !it.isString }?.let { it.intOrNull ?: it.doubleOrNull?.toInt() }

internal fun JsonObject.double(key: String): Double? = (this[key] as? JsonPrimitive)?.takeIf { !it.isString }?.doubleOrNull

internal fun JsonObject.bool(key: String): Boolean? = (this[key] as? JsonPrimitive)?.takeIf { !it.isString }?.booleanOrNull

internal fun JsonObject.obj(key: String): JsonObject? = this[key] as? JsonObject

internal fun JsonObject.array(key: String): JsonArray? = this[key] as? JsonArray

/** The value of [key], or JSON null when absent. */
internal fun JsonObject.orNull(key: String): JsonElement = this[key] ?: JsonNull

/** A copy with [key] set to [value]. */
internal fun JsonObject.with(key: String, value: JsonElement): JsonObject = JsonObject(this + (key to value))

internal fun JsonObjectBuilder.put(key: String, value: JsonElement?) {
    put(key, value ?: JsonNull)
}

/** Pieces of [text] of about one word each, leading whitespace kept with its word; concatenated they are [text]. */
internal fun wordChunks(text: String): List<String> {
    if (text.isEmpty()) return emptyList()
    val pieces = Regex("\\s*\\S+").findAll(text).map { it.value }.toMutableList()
    val covered = pieces.sumOf { it.length }
    if (pieces.isEmpty()) return listOf(text)
    if (covered < text.length) pieces[pieces.lastIndex] = pieces.last() + text.substring(covered)
    return pieces
}

/** A deterministic token count: the number of words, at least one for any non-blank text. */
internal fun countTokens(text: String): Int = Regex("\\S+").findAll(text).count()

/** Splits [text] into pieces of [size] characters (the last may be shorter). */
internal fun fragments(text: String, size: Int): List<String> =
    if (text.isEmpty()) listOf("") else text.chunked(size)

/** Text of a chat or Responses `content`: a string, or the text of its text parts joined by spaces. */
internal fun contentText(content: JsonElement?): String = when (content) {
    is JsonPrimitive -> if (content.isString) content.content else ""
    is JsonArray -> content.mapNotNull { part ->
        val o = part as? JsonObject ?: return@mapNotNull (part as? JsonPrimitive)?.takeIf { it.isString }?.content
        when (o.string("type")) {
            "text", "input_text", "output_text", null -> o.string("text")
            else -> null
        }
    }.joinToString(" ")
    else -> ""
}

/** Usage in the chat and completions shape. */
internal fun chatUsage(prompt: Int, completion: Int): JsonObject = buildJsonObject {
    put("prompt_tokens", prompt)
    put("completion_tokens", completion)
    put("total_tokens", prompt + completion)
    put("prompt_tokens_details", buildJsonObject {
        put("cached_tokens", 0)
        put("audio_tokens", 0)
    })
    put("completion_tokens_details", buildJsonObject {
        put("reasoning_tokens", 0)
        put("audio_tokens", 0)
        put("accepted_prediction_tokens", 0)
        put("rejected_prediction_tokens", 0)
    })
}
