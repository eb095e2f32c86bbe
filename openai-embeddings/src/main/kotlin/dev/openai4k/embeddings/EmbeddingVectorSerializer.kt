package dev.openai4k.embeddings

import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerializationException
import kotlinx.serialization.descriptors.PrimitiveKind
import kotlinx.serialization.descriptors.PrimitiveSerialDescriptor
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonEncoder
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonPrimitive
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.util.Base64

/**
 * Reads an `embedding` field in either wire format into a [FloatArray]: a JSON array of numbers
 * (`encoding_format: float`, and servers that ignore the format) or a base64 string of little-endian float32
 * values (`encoding_format: base64`). Writes a JSON array of numbers.
 */
public object EmbeddingVectorSerializer : KSerializer<FloatArray> {
    override val descriptor: SerialDescriptor =
        PrimitiveSerialDescriptor("dev.openai4k.embeddings.EmbeddingVector", PrimitiveKind.STRING)

    override fun serialize(encoder: Encoder, value: FloatArray) {
        val json = encoder as? JsonEncoder ?: throw SerializationException("An embedding can only be written as JSON")
        json.encodeJsonElement(JsonArray(value.map { JsonPrimitive(it) }))
    }

    /** @throws SerializationException if the value is neither an array of numbers nor valid base64 float32 data. */
    override fun deserialize(decoder: Decoder): FloatArray {
        val json = decoder as? JsonDecoder ?: throw SerializationException("An embedding can only be read from JSON")
        return when (val element = json.decodeJsonElement()) {
            is JsonPrimitive -> if (element.isString) {
                decodeBase64Floats(element.content)
            } else {
                throw SerializationException("An embedding must be an array or a base64 string, got $element")
            }
            is JsonArray -> FloatArray(element.size) { i ->
                val n = element[i] as? JsonPrimitive
                if (n == null || n.isString || n is JsonNull) throw SerializationException("Not a number at [$i]: ${element[i]}")
                n.content.toFloatOrNull() ?: throw SerializationException("Not a number at [$i]: ${n.content}")
            }
            else -> throw SerializationException("An embedding must be an array or a base64 string")
        }
    }

    /**
     * Decodes base64 text holding little-endian IEEE 754 float32 values.
     *
     * @throws SerializationException if the text is not base64 or its length is not a multiple of 4 bytes.
     */
    @JvmStatic
    public fun decodeBase64Floats(text: String): FloatArray {
        val bytes = try {
            Base64.getDecoder().decode(text)
        } catch (e: IllegalArgumentException) {
            throw SerializationException("An embedding is not valid base64: ${e.message}", e)
        }
        if (bytes.size % 4 != 0) {
            throw SerializationException("A base64 embedding has ${bytes.size} bytes, not a multiple of 4 (float32)")
        }
        val out = FloatArray(bytes.size / 4)
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out)
        return out
    }
}
