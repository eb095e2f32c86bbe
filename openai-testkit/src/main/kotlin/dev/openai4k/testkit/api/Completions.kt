package dev.openai4k.testkit.api

import dev.openai4k.testkit.http.Reply
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

internal fun completionRoutes(): List<Route> = listOf(Route("POST", "completions", scriptable = true, handler = ::completion))

/** The prompts of a legacy completion request: a string, strings, a token array, or token arrays. */
private fun prompts(body: JsonObject): List<String> = when (val p = body["prompt"]) {
    null, JsonNull -> listOf("")
    is JsonPrimitive -> listOf(p.content)
    is JsonArray -> when {
        p.isEmpty() -> listOf("")
        p.all { it is JsonPrimitive && !it.isString } -> listOf(tokensText(p))
        else -> p.map { item -> if (item is JsonArray) tokensText(item) else (item as? JsonPrimitive)?.content.orEmpty() }
    }
    else -> throw ApiError(400, "Invalid type for 'prompt'.", param = "prompt", code = "invalid_type")
}

private fun tokensText(tokens: JsonArray) = "tokens " + tokens.joinToString(" ") { (it as? JsonPrimitive)?.content.orEmpty() }

private fun completion(call: Call): Reply {
    val body = call.body
    val model = call.required("model")
    val prompts = prompts(body)
    val n = (body.int("n") ?: 1).coerceIn(1, 16)
    val maxTokens = body.int("max_tokens")
    val plan = call.plan { "" }
    if (plan is Plan.CallTools) {
        throw ApiError(500, "openai-testkit: legacy completions have no tool calls; use Scripted.text.", type = "server_error")
    }
    val scripted = (plan as Plan.Say).takeIf { call.script != null }?.text
    val id = call.state.id("cmpl-")
    val created = call.state.now()
    val choices = mutableListOf<Triple<Int, List<String>, String>>()
    var completionTokens = 0
    prompts.forEachIndexed { p, prompt ->
        val text = scripted ?: prompt.ifEmpty { "Hello from openai-testkit." }
        var pieces = wordChunks(if (body.bool("echo") == true && scripted != null) prompt + text else text)
        var finish = "stop"
        if (maxTokens != null && maxTokens >= 0 && pieces.size > maxTokens) {
            pieces = pieces.take(maxTokens)
            finish = "length"
        }
        repeat(n) { k ->
            choices += Triple(p * n + k, pieces, finish)
            completionTokens += pieces.size
        }
    }
    val promptTokens = maxOf(1, prompts.sumOf { countTokens(it) })
    val usage = buildJsonObject {
        put("prompt_tokens", promptTokens)
        put("completion_tokens", completionTokens)
        put("total_tokens", promptTokens + completionTokens)
    }
    fun head(choiceList: List<JsonObject>) = buildJsonObject {
        put("id", id)
        put("object", "text_completion")
        put("created", created)
        put("model", model)
        put("system_fingerprint", FINGERPRINT)
        put("choices", JsonArray(choiceList))
    }
    fun choice(index: Int, text: String, finish: String?) = buildJsonObject {
        put("text", text)
        put("index", index)
        put("logprobs", JsonNull)
        put("finish_reason", finish?.let { JsonPrimitive(it) } ?: JsonNull)
    }
    if (!call.stream) {
        val whole = head(choices.map { (index, pieces, finish) -> choice(index, pieces.joinToString(""), finish) })
        return jsonReply(JsonObject(whole + ("usage" to usage)))
    }
    val includeUsage = body.obj("stream_options")?.bool("include_usage") == true
    val chunks = mutableListOf<JsonObject>()
    for ((index, pieces, finish) in choices) {
        pieces.forEach { chunks += head(listOf(choice(index, it, null))) }
        chunks += head(listOf(choice(index, "", finish)))
    }
    if (includeUsage) chunks += JsonObject(head(emptyList()) + ("usage" to usage))
    return eventsReply(chunks, plan.options, done = true)
}
