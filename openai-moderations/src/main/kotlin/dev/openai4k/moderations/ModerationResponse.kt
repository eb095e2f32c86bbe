package dev.openai4k.moderations

import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.builtins.MapSerializer
import kotlinx.serialization.builtins.serializer
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

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
    @SerialName("category_applied_input_types")
    @Serializable(with = AppliedInputTypesSerializer::class)
    val categoryAppliedInputTypes: Map<String, List<String>> = emptyMap(),
    /** Whether any category was flagged; servers that do not send it (Mistral) get it from [categories]. */
    val flagged: Boolean = categories.values.any { it },
)

/**
 * Reads `category_applied_input_types` leniently: an entry whose value is not a list of strings (a server's extension,
 * say) is skipped instead of failing the whole answer, as `categories` and `category_scores` do.
 */
internal object AppliedInputTypesSerializer : KSerializer<Map<String, List<String>>> {
    private val delegate = MapSerializer(String.serializer(), ListSerializer(String.serializer()))
    override val descriptor: SerialDescriptor = delegate.descriptor

    override fun serialize(encoder: Encoder, value: Map<String, List<String>>): Unit = delegate.serialize(encoder, value)

    override fun deserialize(decoder: Decoder): Map<String, List<String>> {
        val json = decoder as? JsonDecoder ?: return delegate.deserialize(decoder)
        val obj = json.decodeJsonElement() as? JsonObject ?: return emptyMap()
        return obj.mapNotNull { (key, value) ->
            val list = (value as? JsonArray)?.mapNotNull { (it as? JsonPrimitive)?.takeIf { p -> p.isString }?.content }
                ?: return@mapNotNull null
            key to list
        }.toMap()
    }
}
