package dev.openai4k.common

import kotlinx.serialization.KSerializer
import kotlinx.serialization.Serializable
import kotlinx.serialization.SerializationException
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.descriptors.buildClassSerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonEncoder
import kotlinx.serialization.json.JsonPrimitive

/**
 * Where generation stops (`stop` of chat completions and completions): one sequence, sent as a string, or several,
 * sent as an array (OpenAI accepts up to 4).
 */
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
    override val descriptor: SerialDescriptor = buildClassSerialDescriptor("dev.openai4k.common.Stop")

    override fun serialize(encoder: Encoder, value: Stop) {
        val json = encoder as? JsonEncoder ?: throw SerializationException("stop can only be written as JSON")
        json.encodeJsonElement(
            if (value.single) JsonPrimitive(value.sequences.single()) else JsonArray(value.sequences.map(::JsonPrimitive)),
        )
    }

    override fun deserialize(decoder: Decoder): Stop {
        val json = decoder as? JsonDecoder ?: throw SerializationException("stop can only be read from JSON")
        return when (val element = json.decodeJsonElement()) {
            is JsonPrimitive -> Stop.of(element.content)
            is JsonArray -> Stop.of(element.map { (it as? JsonPrimitive)?.content ?: throw SerializationException("stop must hold strings") })
            else -> throw SerializationException("stop must be a string or an array")
        }
    }
}
