package dev.openai4k.schema

import dev.openai4k.OpenAIJson
import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerializationException
import kotlinx.serialization.descriptors.PolymorphicKind
import kotlinx.serialization.descriptors.PrimitiveKind
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.descriptors.SerialKind
import kotlinx.serialization.descriptors.StructureKind
import kotlinx.serialization.descriptors.elementNames
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.serializer

/**
 * Derives JSON schemas from `@Serializable` classes through their [SerialDescriptor]: strings, numbers, booleans,
 * enums, lists, maps, nested classes, sealed hierarchies (one `anyOf` branch per subclass, told apart by `type`),
 * value classes, nullable and optional properties, and recursive classes (through `$ref`). [Description]
 * annotations become `description`s.
 *
 * In strict mode (structured outputs, strict tools) every object has `additionalProperties: false` and lists every
 * property as required; a property with a default becomes nullable instead (`"type": ["string","null"]`), and a
 * `null` answer decodes to the default. Maps and untyped JSON are not allowed by strict mode on OpenAI.
 */
@OptIn(ExperimentalSerializationApi::class)
public object JsonSchemas {
    /** The schema of values described by [descriptor]. */
    @JvmStatic
    @JvmOverloads
    public fun of(descriptor: SerialDescriptor, strict: Boolean = false): JsonObject = SchemaWriter(strict).write(descriptor)

    /** The schema of values [serializer] writes. */
    @JvmStatic
    @JvmOverloads
    public fun of(serializer: KSerializer<*>, strict: Boolean = false): JsonObject = of(serializer.descriptor, strict)

    /**
     * Parses a JSON schema written as text (handy from Java).
     *
     * @throws IllegalArgumentException if [json] is not a JSON object.
     */
    @JvmStatic
    public fun parse(json: String): JsonObject =
        try {
            OpenAIJson.parseToJsonElement(json) as? JsonObject
        } catch (e: SerializationException) {
            throw IllegalArgumentException("A JSON schema must be a JSON object: ${e.message?.lineSequence()?.firstOrNull()}", e)
        } ?: throw IllegalArgumentException("A JSON schema must be a JSON object, got: ${json.take(80)}")

    /**
     * A schema name derived from a serial name (`com.example.Weather` -> `Weather`), fit for `json_schema.name`:
     * letters, digits, `_` and `-`, at most 64 characters.
     */
    @JvmStatic
    public fun nameOf(descriptor: SerialDescriptor): String {
        val simple = descriptor.serialName.removeSuffix("?").substringAfterLast('.')
        val cleaned = simple.map { if (it.isLetterOrDigit() && it.code < 128 || it == '_' || it == '-') it else '_' }.joinToString("")
        return cleaned.ifEmpty { "response" }.take(64)
    }
}

/** The schema of [T]; see [JsonSchemas]. */
public inline fun <reified T> jsonSchemaOf(strict: Boolean = false): JsonObject = JsonSchemas.of(serializer<T>().descriptor, strict)

/** Makes [schema] also accept `null`: a union type for simple schemas, `anyOf` otherwise. */
internal fun nullableSchema(schema: JsonObject): JsonObject {
    val type = schema["type"]
    if (schema.containsKey("\$ref") || schema.containsKey("anyOf") || type == null) {
        if (schema.isEmpty()) return schema
        val description = schema["description"]
        val inner = JsonObject(schema - "description")
        return JsonObject(
            buildMap {
                put("anyOf", JsonArray(listOf(inner, JsonObject(mapOf("type" to JsonPrimitive("null"))))))
                if (description != null) put("description", description)
            },
        )
    }
    if (type is JsonPrimitive && type.content in setOf("object", "array")) {
        val description = schema["description"]
        val inner = JsonObject(schema - "description")
        return JsonObject(
            buildMap {
                put("anyOf", JsonArray(listOf(inner, JsonObject(mapOf("type" to JsonPrimitive("null"))))))
                if (description != null) put("description", description)
            },
        )
    }
    val types = when (type) {
        is JsonArray -> type.toList()
        else -> listOf(type)
    }
    if (types.any { it is JsonPrimitive && it.content == "null" }) return schema
    val out = LinkedHashMap<String, JsonElement>(schema)
    out["type"] = JsonArray(types + JsonPrimitive("null"))
    (schema["enum"] as? JsonArray)?.let { out["enum"] = JsonArray(it + JsonNull) }
    return JsonObject(out)
}

@OptIn(ExperimentalSerializationApi::class)
private class SchemaWriter(private val strict: Boolean) {
    private val stack = ArrayDeque<String>()
    private var rootName = ""
    private val defKeys = LinkedHashMap<String, String>()
    private val defSources = LinkedHashMap<String, SerialDescriptor>()
    private val defs = LinkedHashMap<String, JsonObject>()

    fun write(descriptor: SerialDescriptor): JsonObject {
        rootName = baseName(descriptor)
        val root = schema(descriptor)
        while (true) {
            val next = defSources.entries.firstOrNull { it.key !in defs } ?: break
            defs[next.key] = JsonObject(emptyMap()) // reserve, so a def is written once
            stack.clear()
            defs[next.key] = schema(next.value)
        }
        if (defs.isEmpty()) return root
        val out = LinkedHashMap<String, JsonElement>(root)
        out["\$defs"] = JsonObject(defs.mapKeys { defKeys.getValue(it.key) })
        return JsonObject(out)
    }

    private fun baseName(d: SerialDescriptor) = d.serialName.removeSuffix("?")

    private fun schema(d: SerialDescriptor): JsonObject {
        val plain = plainSchema(d)
        return if (d.isNullable) nullableSchema(plain) else plain
    }

    private fun plainSchema(d: SerialDescriptor): JsonObject {
        when (baseName(d)) {
            "kotlinx.serialization.json.JsonElement", "kotlinx.serialization.json.JsonPrimitive" -> return JsonObject(emptyMap())
            "kotlinx.serialization.json.JsonObject" -> return obj("type" to JsonPrimitive("object"))
            "kotlinx.serialization.json.JsonArray" -> return obj("type" to JsonPrimitive("array"))
        }
        if (d.isInline) return withClassDescription(d, schema(d.getElementDescriptor(0)))
        return when (val kind = d.kind) {
            PrimitiveKind.STRING, PrimitiveKind.CHAR -> obj("type" to JsonPrimitive("string"))
            PrimitiveKind.BOOLEAN -> obj("type" to JsonPrimitive("boolean"))
            PrimitiveKind.BYTE, PrimitiveKind.SHORT, PrimitiveKind.INT, PrimitiveKind.LONG -> obj("type" to JsonPrimitive("integer"))
            PrimitiveKind.FLOAT, PrimitiveKind.DOUBLE -> obj("type" to JsonPrimitive("number"))
            SerialKind.ENUM -> withClassDescription(
                d,
                obj("type" to JsonPrimitive("string"), "enum" to JsonArray(d.elementNames.map { JsonPrimitive(it) })),
            )
            StructureKind.LIST -> obj("type" to JsonPrimitive("array"), "items" to schema(d.getElementDescriptor(0)))
            StructureKind.MAP -> obj("type" to JsonPrimitive("object"), "additionalProperties" to schema(d.getElementDescriptor(1)))
            StructureKind.CLASS, StructureKind.OBJECT -> classSchema(d, discriminator = null)
            PolymorphicKind.SEALED -> sealedSchema(d)
            is PolymorphicKind, SerialKind.CONTEXTUAL -> throw IllegalArgumentException(
                "Cannot derive a JSON schema for ${d.serialName} (kind $kind): only sealed hierarchies are supported",
            )
        }
    }

    private fun sealedSchema(d: SerialDescriptor): JsonObject {
        val subclasses = d.getElementDescriptor(1)
        val branches = (0 until subclasses.elementsCount).map { i ->
            classSchema(subclasses.getElementDescriptor(i), discriminator = subclasses.getElementName(i))
        }
        return withClassDescription(d, obj("anyOf" to JsonArray(branches)))
    }

    private fun classSchema(d: SerialDescriptor, discriminator: String?): JsonObject {
        val name = baseName(d)
        if (name in stack) return refTo(d)
        stack.addLast(name)
        try {
            val properties = LinkedHashMap<String, JsonElement>()
            val required = mutableListOf<String>()
            if (discriminator != null) {
                properties["type"] = obj("type" to JsonPrimitive("string"), "enum" to JsonArray(listOf(JsonPrimitive(discriminator))))
                required += "type"
            }
            for (i in 0 until d.elementsCount) {
                val propertyName = d.getElementName(i)
                var property = schema(d.getElementDescriptor(i))
                val optional = d.isElementOptional(i)
                if (strict && optional) property = nullableSchema(property)
                description(d.getElementAnnotations(i))?.let { property = withDescription(property, it) }
                properties[propertyName] = property
                if (strict || !optional) required += propertyName
            }
            val out = LinkedHashMap<String, JsonElement>()
            out["type"] = JsonPrimitive("object")
            description(d.annotations)?.let { out["description"] = JsonPrimitive(it) }
            out["properties"] = JsonObject(properties)
            out["required"] = JsonArray(required.map { JsonPrimitive(it) })
            out["additionalProperties"] = JsonPrimitive(false)
            return JsonObject(out)
        } finally {
            stack.removeLast()
        }
    }

    private fun refTo(d: SerialDescriptor): JsonObject {
        val name = baseName(d)
        if (name == rootName) return obj("\$ref" to JsonPrimitive("#"))
        val key = defKeys.getOrPut(name) {
            val simple = JsonSchemas.nameOf(d)
            var candidate = simple
            var n = 2
            while (candidate in defKeys.values) candidate = simple + n++
            candidate
        }
        defSources.putIfAbsent(name, d)
        return obj("\$ref" to JsonPrimitive("#/\$defs/$key"))
    }

    private fun withClassDescription(d: SerialDescriptor, schema: JsonObject): JsonObject =
        description(d.annotations)?.let { withDescription(schema, it) } ?: schema

    private fun withDescription(schema: JsonObject, text: String): JsonObject =
        JsonObject(LinkedHashMap<String, JsonElement>(schema).apply { put("description", JsonPrimitive(text)) })

    private fun description(annotations: List<kotlin.Annotation>): String? =
        annotations.filterIsInstance<Description>().firstOrNull()?.value

    private fun obj(vararg pairs: Pair<String, JsonElement>): JsonObject = JsonObject(linkedMapOf(*pairs))
}
