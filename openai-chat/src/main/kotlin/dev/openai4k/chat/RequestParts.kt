package dev.openai4k.chat

import kotlinx.serialization.EncodeDefault
import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.SerializationException
import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.builtins.serializer
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.descriptors.buildClassSerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonEncoder
import kotlinx.serialization.json.JsonPrimitive

/** Stop sequences: one string (sent as a string) or several (sent as an array). */
@Serializable(with = StopSerializer::class)
public class Stop private constructor(
    /** The sequences. */
    public val sequences: List<String>,
    /** Whether this was given as a single string (and is sent as one). */
    public val single: Boolean,
) {
    override fun equals(other: Any?): Boolean = other is Stop && other.sequences == sequences && other.single == single
    override fun hashCode(): Int = sequences.hashCode() * 31 + single.hashCode()
    override fun toString(): String = "Stop($sequences)"

    public companion object {
        /** One stop sequence, sent as a string. */
        @JvmStatic
        public fun of(sequence: String): Stop = Stop(listOf(sequence), true)

        /** Several stop sequences, sent as an array. */
        @JvmStatic
        public fun of(sequences: List<String>): Stop = Stop(sequences.toList(), false)
    }
}

internal object StopSerializer : KSerializer<Stop> {
    override val descriptor: SerialDescriptor = buildClassSerialDescriptor("dev.openai4k.chat.Stop")

    override fun serialize(encoder: Encoder, value: Stop) {
        val json = encoder as? JsonEncoder ?: throw SerializationException("Stop is JSON only")
        if (value.single) {
            json.encodeJsonElement(JsonPrimitive(value.sequences.single()))
        } else {
            json.encodeJsonElement(JsonArray(value.sequences.map { JsonPrimitive(it) }))
        }
    }

    override fun deserialize(decoder: Decoder): Stop {
        val json = decoder as? JsonDecoder ?: throw SerializationException("Stop is JSON only")
        return when (val element = json.decodeJsonElement()) {
            is JsonPrimitive -> Stop.of(element.content)
            is JsonArray -> Stop.of(json.json.decodeFromJsonElement(ListSerializer(String.serializer()), element))
            else -> throw SerializationException("stop must be a string or an array")
        }
    }
}

/** Options of a streamed answer. */
@Serializable
public data class StreamOptions @JvmOverloads constructor(
    /** Whether a last chunk carries the usage of the whole call (its `choices` are empty). */
    @SerialName("include_usage") val includeUsage: Boolean? = null,
    /** Whether chunks carry random padding against length side channels (`obfuscation`). */
    @SerialName("include_obfuscation") val includeObfuscation: Boolean? = null,
)

/** Audio output settings, for `modalities: ["text","audio"]`. */
@Serializable
public data class AudioOutput(
    /** The voice (`alloy`, `ash`, `ballad`, `coral`, `echo`, `sage`, `shimmer`, `verse`, ...). */
    val voice: String,
    /** The format (`wav`, `mp3`, `flac`, `opus`, `pcm16`). */
    val format: String,
)

/**
 * Predicted output: content the answer is expected to mostly repeat (a file being edited), which speeds it up.
 * Sent as `{"type":"content","content":...}`.
 */
@OptIn(ExperimentalSerializationApi::class)
@Serializable
public data class Prediction(
    /** The predicted content. */
    val content: MessageContent,
    /** The prediction type; `content`. */
    @EncodeDefault val type: String = "content",
) {
    public companion object {
        /** A prediction of plain text. */
        @JvmStatic
        public fun content(text: String): Prediction = Prediction(MessageContent.Text(text))
    }
}

/** Options of the web search done by search models (`gpt-4o-search-preview`). */
@Serializable
public data class WebSearchOptions @JvmOverloads constructor(
    /** `low`, `medium` or `high`. */
    @SerialName("search_context_size") val searchContextSize: String? = null,
    /** The approximate location of the user. */
    @SerialName("user_location") val userLocation: UserLocation? = null,
)

/** An approximate user location for web search: `{"type":"approximate","approximate":{...}}`. */
@OptIn(ExperimentalSerializationApi::class)
@Serializable
public data class UserLocation(
    /** The location. */
    val approximate: ApproximateLocation,
    /** The location type; `approximate`. */
    @EncodeDefault val type: String = "approximate",
)

/** City, country (ISO 3166-1 two letters), region and IANA time zone; each optional. */
@Serializable
public data class ApproximateLocation @JvmOverloads constructor(
    /** The city. */
    val city: String? = null,
    /** The two-letter ISO country code. */
    val country: String? = null,
    /** The region. */
    val region: String? = null,
    /** The IANA time zone (`America/Los_Angeles`). */
    val timezone: String? = null,
)

/** Known values of `reasoning_effort`. */
public object ReasoningEffort {
    /** No reasoning (where supported). */
    public const val NONE: String = "none"

    /** Minimal reasoning. */
    public const val MINIMAL: String = "minimal"

    /** Low effort. */
    public const val LOW: String = "low"

    /** Medium effort (the default). */
    public const val MEDIUM: String = "medium"

    /** High effort. */
    public const val HIGH: String = "high"
}

/** Known values of `service_tier` (sent and answered). */
public object ServiceTier {
    /** The project's setting. */
    public const val AUTO: String = "auto"

    /** Standard processing. */
    public const val DEFAULT: String = "default"

    /** Flex processing. */
    public const val FLEX: String = "flex"

    /** Priority processing. */
    public const val PRIORITY: String = "priority"
}
