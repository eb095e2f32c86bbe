package dev.openai4k.examples

import dev.openai4k.OpenAI
import dev.openai4k.moderations.ModerationRequest
import dev.openai4k.moderations.moderations

/**
 * Classifies two texts, one harmless and one threatening, and shows which categories were flagged.
 * [moderationModel] null lets the server choose (`omni-moderation-latest` on OpenAI).
 */
suspend fun moderation(openai: OpenAI, moderationModel: String? = null): String {
    val texts = listOf("What a lovely day for a walk in the park!", "I am going to kill you.")
    val request = ModerationRequest.builder().inputs(texts).apply { moderationModel?.let { model(it) } }.build()
    val response = openai.moderations.create(request)
    return texts.zip(response.results).joinToString("\n") { (text, result) ->
        val verdict = if (result.flagged) "FLAGGED ${result.categories.flaggedNames}" else "ok"
        val top = result.categoryScores.maxByOrNull { it.value }
        "\"$text\" -> $verdict" + (top?.let { " (highest score: %s %.3f)".format(it.key, it.value) } ?: "")
    }
}
