package dev.openai4k.assistants

import dev.openai4k.OpenAIJson
import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerializationException
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonEncoder
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.contentOrNull

/** The `"type"` of a JSON object, or null. */
internal val JsonObject.type: String? get() = (this["type"] as? JsonPrimitive)?.contentOrNull

/** [value] encoded with [serializer], with `"type": [type]` as its first key. */
internal fun <T> tagged(type: String, serializer: KSerializer<T>, value: T): JsonObject {
    val body = OpenAIJson.encodeToJsonElement(serializer, value) as JsonObject
    return JsonObject(LinkedHashMap<String, JsonElement>().apply { put("type", JsonPrimitive(type)); putAll(body) })
}

internal fun <T> JsonObject.decodeAs(serializer: KSerializer<T>): T = OpenAIJson.decodeFromJsonElement(serializer, this)

/**
 * A serializer for a family of JSON objects told apart by their `"type"` key, where an unknown type is kept as
 * raw JSON instead of failing (servers add types; an old client must still read the rest of the answer).
 */
internal abstract class TypeTagged<T : Any>(serialName: String) : KSerializer<T> {
    @OptIn(kotlinx.serialization.ExperimentalSerializationApi::class)
    override val descriptor: SerialDescriptor = SerialDescriptor(serialName, JsonObject.serializer().descriptor)

    /** The object for a value: a known variant tagged with its type, an unknown one as it came. */
    abstract fun toJson(value: T): JsonObject

    /** The value for an object: a known variant by its type, anything else wrapped as raw JSON. */
    abstract fun fromJson(json: JsonObject): T

    override fun serialize(encoder: Encoder, value: T) {
        val json = encoder as? JsonEncoder ?: throw SerializationException("${descriptor.serialName} is JSON only")
        json.encodeJsonElement(toJson(value))
    }

    override fun deserialize(decoder: Decoder): T {
        val json = decoder as? JsonDecoder ?: throw SerializationException("${descriptor.serialName} is JSON only")
        val element = json.decodeJsonElement()
        val obj = element as? JsonObject
            ?: throw SerializationException("Expected a JSON object for ${descriptor.serialName}, got $element")
        return fromJson(obj)
    }
}

/** A serializer for a value kept as raw JSON (a string or an object), such as `response_format` or `tool_choice`. */
internal abstract class RawJson<T : Any>(serialName: String) : KSerializer<T> {
    @OptIn(kotlinx.serialization.ExperimentalSerializationApi::class)
    override val descriptor: SerialDescriptor = SerialDescriptor(serialName, JsonElement.serializer().descriptor)

    abstract fun toJson(value: T): JsonElement
    abstract fun fromJson(json: JsonElement): T

    override fun serialize(encoder: Encoder, value: T) {
        val json = encoder as? JsonEncoder ?: throw SerializationException("${descriptor.serialName} is JSON only")
        json.encodeJsonElement(toJson(value))
    }

    override fun deserialize(decoder: Decoder): T {
        val json = decoder as? JsonDecoder ?: throw SerializationException("${descriptor.serialName} is JSON only")
        return fromJson(json.decodeJsonElement())
    }
}

/** The `"type"` of a value that is either a bare string (`"auto"`) or an object with a `"type"` key. */
internal fun JsonElement.typeOrString(): String = when (this) {
    is JsonPrimitive -> contentOrNull ?: ""
    is JsonObject -> type ?: ""
    else -> ""
}

/** Parses JSON text that must be an object (a function's parameters schema, say). */
internal fun parseObject(json: String, what: String): JsonObject {
    val element = OpenAIJson.parseToJsonElement(json)
    require(element is JsonObject) { "$what must be a JSON object, got: ${json.take(80)}" }
    return element
}
