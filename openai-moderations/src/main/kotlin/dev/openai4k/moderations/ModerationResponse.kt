package dev.openai4k.moderations

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/** The answer of `POST /moderations`: one result per text input (one for a multimodal input). */
@Serializable
public data class ModerationResponse(
    /** The moderation id. */
    val id: String? = null,
    /** The model that classified the input. */
    val model: String? = null,
    /** One result per input, in input order. */
    val results: List<ModerationResult> = emptyList(),
) {
    /** Whether any result was flagged. */
    val flagged: Boolean get() = results.any { it.flagged }
}

/** The classification of one input. */
@Serializable
public data class ModerationResult(
    /** Whether each category was flagged, with typed accessors (`categories.selfHarmIntent`). */
    val categories: ModerationCategories = ModerationCategories.EMPTY,
    /** The score of each category, with typed accessors (`categoryScores.violence`). */
    @SerialName("category_scores") val categoryScores: ModerationCategoryScores = ModerationCategoryScores.EMPTY,
    /** Which input types (`text`, `image`) each category was applied to (omni models only). */
    @SerialName("category_applied_input_types") val categoryAppliedInputTypes: Map<String, List<String>> = emptyMap(),
    /** Whether any category was flagged; servers that do not send it (Mistral) get it from [categories]. */
    val flagged: Boolean = categories.values.any { it },
)
