package dev.openai4k.schema

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull

/**
 * Checks tool arguments against a tool's schema before its handler runs, so a wrong call is answered with an
 * error the model can act on. Covers the keywords this SDK writes (`type`, `enum`, `const`, `properties`,
 * `required`, `additionalProperties`, `items`, `anyOf`/`oneOf`, local `$ref`); other keywords are not checked.
 */
internal object SchemaValidator {
    private const val MAX_DEPTH = 64

    /** The problems found, as `path: problem` lines; empty when [value] fits [schema]. */
    fun validate(value: JsonElement, schema: JsonObject): List<String> {
        val problems = mutableListOf<String>()
        check(value, schema, schema, "$", problems, 0)
        return problems
    }

    private fun check(value: JsonElement, schema: JsonObject, root: JsonObject, path: String, problems: MutableList<String>, depth: Int) {
        if (depth > MAX_DEPTH) return
        (schema["\$ref"] as? JsonPrimitive)?.content?.let { ref ->
            resolve(ref, root)?.let { check(value, it, root, path, problems, depth + 1) }
            return
        }
        val branches = (schema["anyOf"] ?: schema["oneOf"]) as? JsonArray
        if (branches != null) {
            val fits = branches.filterIsInstance<JsonObject>().any { branch ->
                mutableListOf<String>().also { check(value, branch, root, path, it, depth + 1) }.isEmpty()
            }
            if (!fits) problems += "$path: does not match any allowed shape"
            return
        }
        val types = when (val t = schema["type"]) {
            is JsonPrimitive -> listOf(t.content)
            is JsonArray -> t.mapNotNull { (it as? JsonPrimitive)?.content }
            else -> emptyList()
        }
        if (types.isNotEmpty() && types.none { fitsType(value, it) }) {
            problems += "$path: expected ${types.joinToString(" or ")}, got ${describe(value)}"
            return
        }
        (schema["enum"] as? JsonArray)?.let { allowed ->
            if (allowed.none { same(it, value) }) problems += "$path: must be one of $allowed, got $value"
        }
        schema["const"]?.let { if (!same(it, value)) problems += "$path: must be $it, got $value" }
        if (value is JsonObject) checkObject(value, schema, root, path, problems, depth)
        if (value is JsonArray) {
            (schema["items"] as? JsonObject)?.let { items ->
                value.forEachIndexed { i, item -> check(item, items, root, "$path[$i]", problems, depth + 1) }
            }
        }
    }

    private fun checkObject(value: JsonObject, schema: JsonObject, root: JsonObject, path: String, problems: MutableList<String>, depth: Int) {
        val properties = schema["properties"] as? JsonObject ?: JsonObject(emptyMap())
        (schema["required"] as? JsonArray)?.forEach { name ->
            val key = (name as? JsonPrimitive)?.content ?: return@forEach
            if (key !in value) problems += "$path: missing required property '$key'"
        }
        val additional = schema["additionalProperties"]
        for ((key, element) in value) {
            val propertySchema = properties[key] as? JsonObject
            when {
                propertySchema != null -> check(element, propertySchema, root, "$path.$key", problems, depth + 1)
                additional is JsonPrimitive && additional.booleanOrNull == false -> problems += "$path: unexpected property '$key'"
                additional is JsonObject -> check(element, additional, root, "$path.$key", problems, depth + 1)
            }
        }
    }

    private fun resolve(ref: String, root: JsonObject): JsonObject? {
        if (ref == "#") return root
        if (!ref.startsWith("#/")) return null
        var node: JsonElement = root
        for (part in ref.removePrefix("#/").split('/')) {
            node = (node as? JsonObject)?.get(part.replace("~1", "/").replace("~0", "~")) ?: return null
        }
        return node as? JsonObject
    }

    private fun fitsType(value: JsonElement, type: String): Boolean = when (type) {
        "null" -> value is JsonNull
        "object" -> value is JsonObject
        "array" -> value is JsonArray
        "string" -> value is JsonPrimitive && value.isString
        "boolean" -> value is JsonPrimitive && !value.isString && value.booleanOrNull != null
        "number" -> value is JsonPrimitive && !value.isString && value !is JsonNull && value.content.toDoubleOrNull() != null
        "integer" -> value is JsonPrimitive && !value.isString && value !is JsonNull && isInteger(value.content)
        else -> true
    }

    private fun isInteger(text: String): Boolean =
        text.toLongOrNull() != null || text.toBigDecimalOrNull()?.let { it.stripTrailingZeros().scale() <= 0 } == true

    private fun same(a: JsonElement, b: JsonElement): Boolean {
        if (a is JsonPrimitive && b is JsonPrimitive && !a.isString && !b.isString && a !is JsonNull && b !is JsonNull) {
            val x = a.content.toBigDecimalOrNull()
            val y = b.content.toBigDecimalOrNull()
            if (x != null && y != null) return x.compareTo(y) == 0
        }
        return a == b
    }

    private fun describe(value: JsonElement): String = when (value) {
        is JsonNull -> "null"
        is JsonObject -> "an object"
        is JsonArray -> "an array"
        is JsonPrimitive -> if (value.isString) "a string" else if (value.booleanOrNull != null) "a boolean" else "a number"
    }
}
