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
