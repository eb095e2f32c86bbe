package dev.openai4k.testkit.api

import dev.openai4k.testkit.SseOptions
import dev.openai4k.testkit.ToolCallSpec
import dev.openai4k.testkit.http.Reply
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonArray
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

internal fun chatRoutes(): List<Route> = listOf(Route("POST", "chat/completions", scriptable = true, handler = ::chatCompletion))

/** The text a model would "say" by default: the last user message, or JSON when a JSON format was asked for. */
private fun defaultChatText(body: JsonObject, messages: JsonArray): String {
    val lastUser = messages.lastOrNull { (it as? JsonObject)?.string("role") == "user" } as? JsonObject
    val echo = lastUser?.let { contentText(it["content"]) }?.takeIf { it.isNotEmpty() } ?: "Hello from openai-testkit."
    val format = body.obj("response_format")
    return when (format?.string("type")) {
        "json_schema" -> schemaInstance(format.obj("json_schema")?.get("schema"), echo).toString()
        "json_object" -> buildJsonObject { put("echo", echo) }.toString()
        else -> echo
    }
}

private fun chatCompletion(call: Call): Reply {
    val body = call.body
    val model = call.required("model")
    val messages = body.array("messages")
        ?: throw ApiError(400, "Missing required parameter: 'messages'.", param = "messages", code = "missing_required_parameter")
    val n = (body.int("n") ?: 1).coerceIn(1, 16)
    val maxTokens = body.int("max_completion_tokens") ?: body.int("max_tokens")
    val plan = call.plan { defaultChatText(body, messages) }
    val promptTokens = maxOf(1, messages.sumOf { countTokens(contentText((it as? JsonObject)?.get("content"))) })
    val id = call.state.id("chatcmpl-")
    val created = call.state.now()
    val head = ChatHead(id, created, model)
    return when (plan) {
        is Plan.Say -> {
            var pieces = wordChunks(plan.text)
            var finish = "stop"
            if (maxTokens != null && maxTokens >= 0 && pieces.size > maxTokens) {
                pieces = pieces.take(maxTokens)
                finish = "length"
            }
            val text = pieces.joinToString("")
            val usage = chatUsage(promptTokens, pieces.size)
            if (call.stream) {
                chatTextStream(head, n, pieces, finish, usage, includeUsage(body), plan.options)
            } else {
                jsonReply(head.completion(List(n) { i -> choice(i, textMessage(text), finish) }, usage))
            }
        }
        is Plan.CallTools -> {
            val completionTokens = plan.calls.sumOf { maxOf(1, it.argumentsJson.length / 4) }
            val usage = chatUsage(promptTokens, completionTokens)
            if (call.stream) {
                chatToolStream(head, plan.calls, usage, includeUsage(body), plan.options)
            } else {
                jsonReply(head.completion(List(n) { i -> choice(i, toolMessage(plan.calls), "tool_calls") }, usage))
            }
        }
    }
}

private fun includeUsage(body: JsonObject): Boolean = body.obj("stream_options")?.bool("include_usage") == true

private class ChatHead(val id: String, val created: Long, val model: String) {
    fun completion(choices: List<JsonObject>, usage: JsonObject): JsonObject = buildJsonObject {
        put("id", id)
        put("object", "chat.completion")
        put("created", created)
        put("model", model)
        put("choices", JsonArray(choices))
        put("usage", usage)
        put("service_tier", "default")
        put("system_fingerprint", FINGERPRINT)
    }

    fun chunk(choices: List<JsonObject>, includeUsage: Boolean, usage: JsonElement? = null): JsonObject = buildJsonObject {
        put("id", id)
        put("object", "chat.completion.chunk")
        put("created", created)
        put("model", model)
        put("service_tier", "default")
        put("system_fingerprint", FINGERPRINT)
        put("choices", JsonArray(choices))
        if (includeUsage) put("usage", usage ?: JsonNull)
    }
}

private fun choice(index: Int, message: JsonObject, finish: String): JsonObject = buildJsonObject {
    put("index", index)
    put("message", message)
    put("logprobs", JsonNull)
    put("finish_reason", finish)
}

private fun textMessage(text: String): JsonObject = buildJsonObject {
    put("role", "assistant")
    put("content", text)
    put("refusal", JsonNull)
    put("annotations", JsonArray(emptyList()))
}

private fun toolMessage(calls: List<ToolCallSpec>): JsonObject = buildJsonObject {
    put("role", "assistant")
    put("content", JsonNull)
    put("refusal", JsonNull)
    put("tool_calls", buildJsonArray {
        calls.forEach { c ->
            add(buildJsonObject {
                put("id", c.id)
                put("type", "function")
                put("function", buildJsonObject {
                    put("name", c.name)
                    put("arguments", c.argumentsJson)
                })
            })
        }
    })
}

private fun deltaChoice(index: Int, delta: JsonObject, finish: String? = null): JsonObject = buildJsonObject {
    put("index", index)
    put("delta", delta)
    put("logprobs", JsonNull)
    put("finish_reason", finish?.let { JsonPrimitive(it) } ?: JsonNull)
}

private fun chatTextStream(
    head: ChatHead,
    n: Int,
    pieces: List<String>,
    finish: String,
    usage: JsonObject,
    includeUsage: Boolean,
    options: SseOptions,
): Reply {
    val chunks = mutableListOf<JsonObject>()
    for (i in 0 until n) {
        chunks += head.chunk(listOf(deltaChoice(i, buildJsonObject {
            put("role", "assistant")
            put("content", "")
            put("refusal", JsonNull)
        })), includeUsage)
        pieces.forEach { piece -> chunks += head.chunk(listOf(deltaChoice(i, buildJsonObject { put("content", piece) })), includeUsage) }
        chunks += head.chunk(listOf(deltaChoice(i, JsonObject(emptyMap()), finish)), includeUsage)
    }
    if (includeUsage) chunks += head.chunk(emptyList(), true, usage)
    return eventsReply(chunks, options, done = true)
}

private fun chatToolStream(
    head: ChatHead,
    calls: List<ToolCallSpec>,
    usage: JsonObject,
    includeUsage: Boolean,
    options: SseOptions,
): Reply {
    val chunks = mutableListOf<JsonObject>()
    chunks += head.chunk(listOf(deltaChoice(0, buildJsonObject {
        put("role", "assistant")
        put("content", JsonNull)
        put("refusal", JsonNull)
    })), includeUsage)
    fun toolDelta(index: Int, fields: JsonObject) = head.chunk(
        listOf(deltaChoice(0, buildJsonObject { put("tool_calls", JsonArray(listOf(JsonObject(mapOf("index" to JsonPrimitive(index)) + fields)))) })),
        includeUsage,
    )
    // Every call opens with its id and name; then the argument fragments of all calls alternate by index.
    calls.forEachIndexed { index, c ->
        chunks += toolDelta(index, buildJsonObject {
            put("id", c.id)
            put("type", "function")
            put("function", buildJsonObject {
                put("name", c.name)
                put("arguments", "")
            })
        })
    }
    val pieces = calls.map { fragments(it.argumentsJson, ARGUMENT_FRAGMENT_CHARS) }
    val rounds = pieces.maxOf { it.size }
    for (r in 0 until rounds) {
        pieces.forEachIndexed { index, list ->
            if (r < list.size && list[r].isNotEmpty()) {
                chunks += toolDelta(index, buildJsonObject { put("function", buildJsonObject { put("arguments", list[r]) }) })
            }
        }
    }
    chunks += head.chunk(listOf(deltaChoice(0, JsonObject(emptyMap()), "tool_calls")), includeUsage)
    if (includeUsage) chunks += head.chunk(emptyList(), true, usage)
    return eventsReply(chunks, options, done = true)
}

internal const val FINGERPRINT = "fp_testkit"
internal const val ARGUMENT_FRAGMENT_CHARS = 4
