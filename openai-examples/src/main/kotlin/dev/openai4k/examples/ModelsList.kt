package dev.openai4k.examples

import dev.openai4k.OpenAI
import dev.openai4k.models.models

/** Lists the models the server offers. */
suspend fun modelsList(openai: OpenAI, show: Int = 8): String {
    val models = openai.models.list().sortedBy { it.id }
    val shown = models.take(show).joinToString("\n") { "  ${it.id}${it.ownedBy?.let { owner -> " (owned by $owner)" } ?: ""}" }
    val more = if (models.size > show) "\n  ... and ${models.size - show} more" else ""
    return "${models.size} models\n$shown$more"
}
