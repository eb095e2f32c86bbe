package dev.openai4k.schema

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * Builds the JSON schema of an object (a tool's parameters, a structured answer) property by property.
 *
 * ```kotlin
 * val params = objectSchema {
 *     enum("operation", listOf("add", "multiply"), "What to do")
 *     number("a")
 *     number("b")
 * }
 * ```
 * ```java
 * JsonObject params = new ObjectSchemaBuilder().string("city", "City name").integer("days", null, false).build();
 * ```
 *
 * Properties are required unless `required = false`. With [strict], every property is listed as required and
 * the optional ones accept `null` instead, as strict mode demands.
 */
public class ObjectSchemaBuilder {
    private val properties = LinkedHashMap<String, JsonObject>()
    private val required = LinkedHashSet<String>()

    /** The object's description. */
    public var description: String? = null

    /** Whether to write strict-mode schema (every property required, optional ones nullable). */
    public var strict: Boolean = false

    /** Sets [description]. */
    public fun description(value: String): ObjectSchemaBuilder = apply { description = value }

    /** Sets [strict]. */
    public fun strict(value: Boolean): ObjectSchemaBuilder = apply { strict = value }

    /** A string property, optionally limited to [enum] values. */
    @JvmOverloads
    public fun string(name: String, description: String? = null, required: Boolean = true, enum: List<String>? = null): ObjectSchemaBuilder =
        property(
            name,
            schemaOf("string", description, enum?.let { "enum" to JsonArray(it.map { v -> JsonPrimitive(v) }) }),
            required,
        )

    /** A string property limited to [values]. */
    @JvmOverloads
    public fun enum(name: String, values: List<String>, description: String? = null, required: Boolean = true): ObjectSchemaBuilder =
        string(name, description, required, values)

    /** An integer property. */
    @JvmOverloads
    public fun integer(name: String, description: String? = null, required: Boolean = true): ObjectSchemaBuilder =
        property(name, schemaOf("integer", description), required)

    /** A number property. */
    @JvmOverloads
    public fun number(name: String, description: String? = null, required: Boolean = true): ObjectSchemaBuilder =
        property(name, schemaOf("number", description), required)

    /** A boolean property. */
    @JvmOverloads
    public fun boolean(name: String, description: String? = null, required: Boolean = true): ObjectSchemaBuilder =
        property(name, schemaOf("boolean", description), required)

    /** An array property whose items follow [items] (e.g. `JsonSchemas.of(...)` or another builder's result). */
    @JvmOverloads
    public fun array(name: String, items: JsonObject, description: String? = null, required: Boolean = true): ObjectSchemaBuilder =
        property(name, schemaOf("array", description, "items" to items), required)

    /** A nested object property built with [block] (Kotlin; from Java, pass a built schema to [property]). */
    @JvmSynthetic
    public fun obj(
        name: String,
        description: String? = null,
        required: Boolean = true,
        block: ObjectSchemaBuilder.() -> Unit,
    ): ObjectSchemaBuilder {
        val nested = ObjectSchemaBuilder().also { it.strict = strict; it.description = description }.apply(block).build()
        return property(name, nested, required)
    }

    /** A property with any schema. */
    @JvmOverloads
    public fun property(name: String, schema: JsonObject, required: Boolean = true): ObjectSchemaBuilder = apply {
        properties[name] = schema
        if (required) this.required += name else this.required -= name
    }

    /** The schema: `{"type":"object","properties":{...},"required":[...],"additionalProperties":false}`. */
    public fun build(): JsonObject {
        val props = properties.mapValuesTo(LinkedHashMap<String, JsonElement>()) { (name, schema) ->
            if (strict && name !in required) nullableSchema(schema) else schema
        }
        val names = if (strict) properties.keys.toList() else properties.keys.filter { it in required }
        val out = LinkedHashMap<String, JsonElement>()
        out["type"] = JsonPrimitive("object")
        description?.let { out["description"] = JsonPrimitive(it) }
        out["properties"] = JsonObject(props)
        out["required"] = JsonArray(names.map { JsonPrimitive(it) })
        out["additionalProperties"] = JsonPrimitive(false)
        return JsonObject(out)
    }

    private fun schemaOf(type: String, description: String?, extra: Pair<String, JsonElement>? = null): JsonObject {
        val out = LinkedHashMap<String, JsonElement>()
        out["type"] = JsonPrimitive(type)
        description?.let { out["description"] = JsonPrimitive(it) }
        extra?.let { out[it.first] = it.second }
        return JsonObject(out)
    }
}

/** An object schema built with [ObjectSchemaBuilder]. */
public fun objectSchema(strict: Boolean = false, block: ObjectSchemaBuilder.() -> Unit): JsonObject =
    ObjectSchemaBuilder().also { it.strict = strict }.apply(block).build()
