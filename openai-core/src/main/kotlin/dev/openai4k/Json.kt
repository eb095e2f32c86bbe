package dev.openai4k

import kotlinx.serialization.SerializationStrategy
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject

/**
 * The one JSON configuration every module uses: unknown keys are ignored (servers drift), nulls and unset
 * defaults are never sent, and a `null` where a default exists decodes to the default.
 */
public val OpenAIJson: Json = Json {
    ignoreUnknownKeys = true
    explicitNulls = false
    encodeDefaults = false
    coerceInputValues = true
}

/**
 * Encodes [value] to a JSON object and merges [extra] into it: the escape hatch for provider-specific fields
 * (`top_k`, `repetition_penalty`, Ollama `options`). An extra key replaces a modelled key of the same name.
 *
 * @throws IllegalArgumentException if [value] does not encode to a JSON object.
 */
public fun <T> encodeRequestBody(
    serializer: SerializationStrategy<T>,
    value: T,
    extra: Map<String, JsonElement> = emptyMap(),
): JsonObject {
    val element = OpenAIJson.encodeToJsonElement(serializer, value)
    require(element is JsonObject) { "A request body must encode to a JSON object, got ${element::class.simpleName}" }
    if (extra.isEmpty()) return element
    return JsonObject(LinkedHashMap<String, JsonElement>(element).apply { putAll(extra) })
}
