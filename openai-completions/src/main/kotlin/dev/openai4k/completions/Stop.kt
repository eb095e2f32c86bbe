package dev.openai4k.completions

import kotlinx.serialization.KSerializer
import kotlinx.serialization.Serializable
import kotlinx.serialization.SerializationException
import kotlinx.serialization.descriptors.PrimitiveKind
import kotlinx.serialization.descriptors.PrimitiveSerialDescriptor
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonEncoder
import kotlinx.serialization.json.JsonPrimitive

/** Where generation stops: one sequence (sent as a string) or several (sent as an array; OpenAI accepts up to 4). */
@Serializable(with = StopSerializer::class)
public sealed class Stop {
    /** One stop sequence. */
    public data class Single(/** The sequence. */ val sequence: String) : Stop()

    /** Several stop sequences. */
    public data class Many(/** The sequences. */ val sequences: List<String>) : Stop()

    public companion object {
        /** One stop sequence. */
        @JvmStatic
        public fun of(sequence: String): Stop = Single(sequence)

        /** Several stop sequences. */
        @JvmStatic
        public fun of(sequences: List<String>): Stop = Many(sequences.toList())
    }
}

/** Writes [Stop] as a string or an array of strings, and reads either back. */
internal object StopSerializer : KSerializer<Stop> {
    override val descriptor: SerialDescriptor = PrimitiveSerialDescriptor("dev.openai4k.completions.Stop", PrimitiveKind.STRING)

    override fun serialize(encoder: Encoder, value: Stop) {
        val json = encoder as? JsonEncoder ?: throw SerializationException("stop can only be written as JSON")
        json.encodeJsonElement(
            when (value) {
                is Stop.Single -> JsonPrimitive(value.sequence)
                is Stop.Many -> JsonArray(value.sequences.map(::JsonPrimitive))
            },
        )
    }

    override fun deserialize(decoder: Decoder): Stop {
        val json = decoder as? JsonDecoder ?: throw SerializationException("stop can only be read from JSON")
        return when (val element = json.decodeJsonElement()) {
            is JsonPrimitive -> Stop.Single(element.content)
            is JsonArray -> Stop.Many(element.map { (it as JsonPrimitive).content })
            else -> throw SerializationException("stop must be a string or an array, got $element")
        }
    }
}
