package dev.openai4k.responses

import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerializationException
import kotlinx.serialization.SerializationStrategy
import kotlinx.serialization.descriptors.PrimitiveKind
import kotlinx.serialization.descriptors.PrimitiveSerialDescriptor
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.descriptors.buildClassSerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonEncoder
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.doubleOrNull
import kotlinx.serialization.json.longOrNull

/**
 * A JSON-only serializer for a union whose shape is chosen by looking at the JSON (a `type` key, a string versus
 * an array). The Responses API is full of them, and each must keep unknown variants instead of failing.
 */
internal abstract class JsonUnionSerializer<T : Any>(serialName: String) : KSerializer<T> {
    override val descriptor: SerialDescriptor = buildClassSerialDescriptor(serialName)

    abstract fun decode(json: Json, element: JsonElement): T

    abstract fun encode(json: Json, value: T): JsonElement

    override fun deserialize(decoder: Decoder): T {
        val input = decoder as? JsonDecoder
            ?: throw SerializationException("${descriptor.serialName} can only be read from JSON")
        return decode(input.json, input.decodeJsonElement())
    }

    override fun serialize(encoder: Encoder, value: T) {
        val output = encoder as? JsonEncoder
            ?: throw SerializationException("${descriptor.serialName} can only be written as JSON")
        output.encodeJsonElement(encode(output.json, value))
    }
}

/** The `type` of a JSON object, when it has a string one. */
internal fun JsonElement.typeName(): String? =
    ((this as? JsonObject)?.get("type") as? JsonPrimitive)?.takeIf { it.isString }?.content

/** [value] encoded with [serializer], with `"type": type` as its first key (the subclasses do not store it). */
internal fun <T> encodeTyped(json: Json, type: String, serializer: SerializationStrategy<T>, value: T): JsonObject {
    val body = json.encodeToJsonElement(serializer, value)
    val out = LinkedHashMap<String, JsonElement>()
    out["type"] = JsonPrimitive(type)
    if (body is JsonObject) body.forEach { (k, v) -> if (k != "type") out[k] = v }
    return JsonObject(out)
}

/** A JSON object to decode as a typed variant, or a [SerializationException] naming what arrived instead. */
internal fun JsonElement.requireObject(what: String): JsonObject =
    this as? JsonObject ?: throw SerializationException("Expected a JSON object for $what, got $this")

/**
 * Reads a number that should be an integer but may arrive as `1.7E9` or `"1741476542"` from some servers
 * (epoch seconds, counts). Anything unreadable decodes as 0 rather than failing the whole response.
 */
internal object LenientLongSerializer : KSerializer<Long> {
    override val descriptor: SerialDescriptor = PrimitiveSerialDescriptor("dev.openai4k.responses.LenientLong", PrimitiveKind.LONG)

    override fun deserialize(decoder: Decoder): Long {
        val input = decoder as? JsonDecoder ?: return decoder.decodeLong()
        val element = input.decodeJsonElement() as? JsonPrimitive ?: return 0
        return element.longOrNull ?: element.doubleOrNull?.toLong() ?: element.content.toDoubleOrNull()?.toLong() ?: 0
    }

    override fun serialize(encoder: Encoder, value: Long) {
        encoder.encodeLong(value)
    }
}

/** Reads any JSON value as text: a string as itself, a number or boolean as its literal, anything else as JSON. */
internal object LenientStringSerializer : KSerializer<String> {
    override val descriptor: SerialDescriptor =
        PrimitiveSerialDescriptor("dev.openai4k.responses.LenientString", PrimitiveKind.STRING)

    override fun deserialize(decoder: Decoder): String {
        val input = decoder as? JsonDecoder ?: return decoder.decodeString()
        return when (val element = input.decodeJsonElement()) {
            JsonNull -> ""
            is JsonPrimitive -> element.content
            is JsonObject, is JsonArray -> element.toString()
        }
    }

    override fun serialize(encoder: Encoder, value: String) {
        encoder.encodeString(value)
    }
}
