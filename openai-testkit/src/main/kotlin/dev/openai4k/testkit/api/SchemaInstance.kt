package dev.openai4k.testkit.api

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject

/**
 * A small value that satisfies a JSON schema, so that a structured-output request gets parseable JSON by default:
 * strings are [text], numbers their minimum or zero, arrays one item, objects every property, enums and anyOf
 * their first choice.
 */
internal fun schemaInstance(schema: JsonElement?, text: String): JsonElement {
    val root = schema as? JsonObject ?: return JsonPrimitive(text)
    val defs = (root["\$defs"] as? JsonObject ?: JsonObject(emptyMap())) + (root["definitions"] as? JsonObject ?: JsonObject(emptyMap()))
    return instance(root, text, JsonObject(defs), 0)
}

private fun instance(schema: JsonElement?, text: String, defs: JsonObject, depth: Int): JsonElement {
    val s = schema as? JsonObject ?: return JsonNull
    if (depth > MAX_DEPTH) return JsonNull
    s.string("\$ref")?.let { ref -> return instance(defs[ref.substringAfterLast('/')], text, defs, depth + 1) }
    s["const"]?.let { return it }
    (s["enum"] as? JsonArray)?.firstOrNull()?.let { return it }
    for (key in listOf("anyOf", "oneOf", "allOf")) {
        val choices = (s[key] as? JsonArray)?.filterIsInstance<JsonObject>() ?: continue
        val choice = choices.firstOrNull { it.string("type") != "null" } ?: choices.firstOrNull()
        if (choice != null) return instance(choice, text, defs, depth + 1)
    }
    val type = when (val t = s["type"]) {
        is JsonPrimitive -> t.content
        is JsonArray -> t.map { (it as? JsonPrimitive)?.content }.firstOrNull { it != "null" } ?: "null"
        else -> if (s["properties"] != null) "object" else "string"
    }
    return when (type) {
        "object" -> buildJsonObject {
            (s["properties"] as? JsonObject)?.forEach { (name, property) ->
                put(name, instance(property, text, defs, depth + 1))
            }
        }
        "array" -> {
            val count = maxOf(1, s.int("minItems") ?: 0)
            JsonArray(List(count) { instance(s["items"], text, defs, depth + 1) })
        }
        "integer" -> JsonPrimitive(s.int("minimum") ?: 0)
        "number" -> JsonPrimitive(s.double("minimum") ?: 0.0)
        "boolean" -> JsonPrimitive(false)
        "null" -> JsonNull
        else -> JsonPrimitive(text)
    }
}

private const val MAX_DEPTH = 12
