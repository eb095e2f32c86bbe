package dev.openai4k.testkit.api

import dev.openai4k.testkit.http.Reply
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonArray
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

internal fun moderationRoutes(): List<Route> = listOf(Route("POST", "moderations", handler = ::moderate))

/** The categories, each flagged when the input contains its trigger word (for deterministic tests). */
private val CATEGORIES: List<Pair<String, String>> = listOf(
    "sexual" to "sexual",
    "sexual/minors" to "minors",
    "harassment" to "harass",
    "harassment/threatening" to "threaten",
    "hate" to "hate",
    "hate/threatening" to "genocide",
    "illicit" to "illicit",
    "illicit/violent" to "weapon",
    "self-harm" to "self-harm",
    "self-harm/intent" to "suicide",
    "self-harm/instructions" to "overdose",
    "violence" to "kill",
    "violence/graphic" to "gore",
)

private class ModerationInput(val text: String, val hasImage: Boolean)

private fun moderationInputs(body: JsonObject): List<ModerationInput> = when (val input = body["input"]) {
    null, JsonNull -> throw ApiError(400, "Missing required parameter: 'input'.", param = "input", code = "missing_required_parameter")
    is JsonPrimitive -> listOf(ModerationInput(input.content, false))
    is JsonArray -> if (input.any { it is JsonObject }) {
        // Multi-modal input is one input of several parts.
        val parts = input.filterIsInstance<JsonObject>()
        listOf(ModerationInput(parts.mapNotNull { it.string("text") }.joinToString(" "), parts.any { it.string("type") == "image_url" }))
    } else {
        input.map { ModerationInput((it as? JsonPrimitive)?.content.orEmpty(), false) }
    }
    else -> throw ApiError(400, "Invalid type for 'input'.", param = "input", code = "invalid_type")
}

private fun moderate(call: Call): Reply {
    val body = call.body
    val model = body.string("model") ?: "omni-moderation-latest"
    val inputs = moderationInputs(body)
    return jsonReply(buildJsonObject {
        put("id", call.state.id("modr-"))
        put("model", model)
        put("results", buildJsonArray {
            inputs.forEach { input ->
                val lower = input.text.lowercase()
                val flags = CATEGORIES.associate { (name, trigger) -> name to lower.contains(trigger) }
                add(buildJsonObject {
                    put("flagged", flags.values.any { it })
                    put("categories", buildJsonObject { flags.forEach { (k, v) -> put(k, v) } })
                    put("category_scores", buildJsonObject {
                        flags.forEach { (k, v) -> put(k, if (v) 0.97 else 0.0001 + (input.text.length + k.length) % 7 / 10000.0) }
                    })
                    put("category_applied_input_types", buildJsonObject {
                        CATEGORIES.forEach { (k, _) ->
                            val types = buildJsonArray {
                                add(JsonPrimitive("text"))
                                if (input.hasImage && k in IMAGE_CATEGORIES) add(JsonPrimitive("image"))
                            }
                            put(k, types)
                        }
                    })
                })
            }
        })
    })
}

private val IMAGE_CATEGORIES = setOf("sexual", "self-harm", "self-harm/intent", "self-harm/instructions", "violence", "violence/graphic")
