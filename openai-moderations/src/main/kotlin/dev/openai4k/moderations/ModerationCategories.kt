package dev.openai4k.moderations

import kotlinx.serialization.KSerializer
import kotlinx.serialization.Serializable
import kotlinx.serialization.builtins.MapSerializer
import kotlinx.serialization.builtins.serializer
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.doubleOrNull

/**
 * Whether each category was flagged, keyed by its wire name (`hate/threatening`, ...), with typed accessors for
 * OpenAI's categories (false when the server did not report one). Values that are not booleans are dropped.
 */
@Serializable(with = ModerationCategoriesSerializer::class)
public class ModerationCategories(private val flags: Map<String, Boolean>) : Map<String, Boolean> by flags {
    /** [ModerationCategory.HATE]. */
    public val hate: Boolean get() = flags[ModerationCategory.HATE] == true

    /** [ModerationCategory.HATE_THREATENING]. */
    public val hateThreatening: Boolean get() = flags[ModerationCategory.HATE_THREATENING] == true

    /** [ModerationCategory.HARASSMENT]. */
    public val harassment: Boolean get() = flags[ModerationCategory.HARASSMENT] == true

    /** [ModerationCategory.HARASSMENT_THREATENING]. */
    public val harassmentThreatening: Boolean get() = flags[ModerationCategory.HARASSMENT_THREATENING] == true

    /** [ModerationCategory.SELF_HARM]. */
    public val selfHarm: Boolean get() = flags[ModerationCategory.SELF_HARM] == true

    /** [ModerationCategory.SELF_HARM_INTENT]. */
    public val selfHarmIntent: Boolean get() = flags[ModerationCategory.SELF_HARM_INTENT] == true

    /** [ModerationCategory.SELF_HARM_INSTRUCTIONS]. */
    public val selfHarmInstructions: Boolean get() = flags[ModerationCategory.SELF_HARM_INSTRUCTIONS] == true

    /** [ModerationCategory.SEXUAL]. */
    public val sexual: Boolean get() = flags[ModerationCategory.SEXUAL] == true

    /** [ModerationCategory.SEXUAL_MINORS]. */
    public val sexualMinors: Boolean get() = flags[ModerationCategory.SEXUAL_MINORS] == true

    /** [ModerationCategory.VIOLENCE]. */
    public val violence: Boolean get() = flags[ModerationCategory.VIOLENCE] == true

    /** [ModerationCategory.VIOLENCE_GRAPHIC]. */
    public val violenceGraphic: Boolean get() = flags[ModerationCategory.VIOLENCE_GRAPHIC] == true

    /** [ModerationCategory.ILLICIT]. */
    public val illicit: Boolean get() = flags[ModerationCategory.ILLICIT] == true

    /** [ModerationCategory.ILLICIT_VIOLENT]. */
    public val illicitViolent: Boolean get() = flags[ModerationCategory.ILLICIT_VIOLENT] == true

    /** The names of the flagged categories, in the server's order. */
    public val flaggedNames: List<String> get() = flags.filterValues { it }.keys.toList()

    override fun equals(other: Any?): Boolean = other is Map<*, *> && flags == other
    override fun hashCode(): Int = flags.hashCode()
    override fun toString(): String = flags.toString()

    public companion object {
        /** No categories. */
        @JvmField
        public val EMPTY: ModerationCategories = ModerationCategories(emptyMap())
    }
}

/**
 * The score of each category, 0 to 1, keyed by its wire name, with typed accessors for OpenAI's categories
 * (0.0 when the server did not report one). Values that are not numbers are dropped.
 */
@Serializable(with = ModerationCategoryScoresSerializer::class)
public class ModerationCategoryScores(private val scores: Map<String, Double>) : Map<String, Double> by scores {
    /** [ModerationCategory.HATE]. */
    public val hate: Double get() = score(ModerationCategory.HATE)

    /** [ModerationCategory.HATE_THREATENING]. */
    public val hateThreatening: Double get() = score(ModerationCategory.HATE_THREATENING)

    /** [ModerationCategory.HARASSMENT]. */
    public val harassment: Double get() = score(ModerationCategory.HARASSMENT)

    /** [ModerationCategory.HARASSMENT_THREATENING]. */
    public val harassmentThreatening: Double get() = score(ModerationCategory.HARASSMENT_THREATENING)

    /** [ModerationCategory.SELF_HARM]. */
    public val selfHarm: Double get() = score(ModerationCategory.SELF_HARM)

    /** [ModerationCategory.SELF_HARM_INTENT]. */
    public val selfHarmIntent: Double get() = score(ModerationCategory.SELF_HARM_INTENT)

    /** [ModerationCategory.SELF_HARM_INSTRUCTIONS]. */
    public val selfHarmInstructions: Double get() = score(ModerationCategory.SELF_HARM_INSTRUCTIONS)

    /** [ModerationCategory.SEXUAL]. */
    public val sexual: Double get() = score(ModerationCategory.SEXUAL)

    /** [ModerationCategory.SEXUAL_MINORS]. */
    public val sexualMinors: Double get() = score(ModerationCategory.SEXUAL_MINORS)

    /** [ModerationCategory.VIOLENCE]. */
    public val violence: Double get() = score(ModerationCategory.VIOLENCE)

    /** [ModerationCategory.VIOLENCE_GRAPHIC]. */
    public val violenceGraphic: Double get() = score(ModerationCategory.VIOLENCE_GRAPHIC)

    /** [ModerationCategory.ILLICIT]. */
    public val illicit: Double get() = score(ModerationCategory.ILLICIT)

    /** [ModerationCategory.ILLICIT_VIOLENT]. */
    public val illicitViolent: Double get() = score(ModerationCategory.ILLICIT_VIOLENT)

    /** The score of [category] (any wire name), or 0.0 if the server did not report it. */
    public fun score(category: String): Double = scores[category] ?: 0.0

    override fun equals(other: Any?): Boolean = other is Map<*, *> && scores == other
    override fun hashCode(): Int = scores.hashCode()
    override fun toString(): String = scores.toString()

    public companion object {
        /** No scores. */
        @JvmField
        public val EMPTY: ModerationCategoryScores = ModerationCategoryScores(emptyMap())
    }
}

/** Reads a JSON object keeping only boolean values (a `null` flag from a drifting server is dropped). */
internal object ModerationCategoriesSerializer : KSerializer<ModerationCategories> {
    private val map = MapSerializer(String.serializer(), Boolean.serializer())
    override val descriptor: SerialDescriptor = map.descriptor

    override fun serialize(encoder: Encoder, value: ModerationCategories) = map.serialize(encoder, value.toMap())

    override fun deserialize(decoder: Decoder): ModerationCategories {
        val json = decoder as? JsonDecoder ?: return ModerationCategories(map.deserialize(decoder))
        val obj = json.decodeJsonElement() as? JsonObject ?: return ModerationCategories.EMPTY
        val out = LinkedHashMap<String, Boolean>(obj.size)
        for ((k, v) in obj) (v as? JsonPrimitive)?.takeIf { !it.isString }?.booleanOrNull?.let { out[k] = it }
        return ModerationCategories(out)
    }
}

/** Reads a JSON object keeping only numeric values. */
internal object ModerationCategoryScoresSerializer : KSerializer<ModerationCategoryScores> {
    private val map = MapSerializer(String.serializer(), Double.serializer())
    override val descriptor: SerialDescriptor = map.descriptor

    override fun serialize(encoder: Encoder, value: ModerationCategoryScores) = map.serialize(encoder, value.toMap())

    override fun deserialize(decoder: Decoder): ModerationCategoryScores {
        val json = decoder as? JsonDecoder ?: return ModerationCategoryScores(map.deserialize(decoder))
        val obj = json.decodeJsonElement() as? JsonObject ?: return ModerationCategoryScores.EMPTY
        val out = LinkedHashMap<String, Double>(obj.size)
        for ((k, v) in obj) (v as? JsonPrimitive)?.takeIf { !it.isString }?.doubleOrNull?.let { out[k] = it }
        return ModerationCategoryScores(out)
    }
}
