package dev.openai4k.assistants

import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/**
 * What an assistant or run must answer with: `"auto"`, plain text, any JSON object, or JSON matching a schema.
 * Kept as the JSON the server uses, so a format this SDK does not know round-trips.
 */
@Serializable(with = AssistantResponseFormatSerializer::class)
public class AssistantResponseFormat private constructor(
    /** The format as JSON: the string `"auto"` or an object with a `"type"`. */
    public val json: JsonElement,
) {
    /** `auto`, `text`, `json_object`, `json_schema`, or another server's own. */
    public val type: String get() = json.typeOrString()

    override fun equals(other: Any?): Boolean = other is AssistantResponseFormat && other.json == json
    override fun hashCode(): Int = json.hashCode()
    override fun toString(): String = "AssistantResponseFormat($json)"

    public companion object {
        /** The model's default (`"auto"`). */
        @JvmStatic
        public fun auto(): AssistantResponseFormat = AssistantResponseFormat(JsonPrimitive("auto"))

        /** Plain text. */
        @JvmStatic
        public fun text(): AssistantResponseFormat = of(buildJsonObject { put("type", "text") })

        /** Any valid JSON object (JSON mode); the instructions must ask for JSON. */
        @JvmStatic
        public fun jsonObject(): AssistantResponseFormat = of(buildJsonObject { put("type", "json_object") })

        /** JSON matching [schema] (structured outputs); [strict] makes the model follow it exactly. */
        @JvmStatic
        @JvmOverloads
        public fun jsonSchema(
            name: String,
            schema: JsonObject,
            strict: Boolean? = null,
            description: String? = null,
        ): AssistantResponseFormat = of(
            buildJsonObject {
                put("type", "json_schema")
                put(
                    "json_schema",
                    buildJsonObject {
                        put("name", name)
                        if (description != null) put("description", description)
                        put("schema", schema)
                        if (strict != null) put("strict", strict)
                    },
                )
            },
        )

        /** JSON matching a schema given as JSON text. */
        @JvmStatic
        @JvmOverloads
        public fun jsonSchema(name: String, schemaJson: String, strict: Boolean? = null): AssistantResponseFormat =
            jsonSchema(name, parseObject(schemaJson, "schema"), strict)

        /** Any other format, as JSON. */
        @JvmStatic
        public fun of(json: JsonElement): AssistantResponseFormat = AssistantResponseFormat(json)
    }
}

internal object AssistantResponseFormatSerializer :
    RawJson<AssistantResponseFormat>("dev.openai4k.assistants.AssistantResponseFormat") {
    override fun toJson(value: AssistantResponseFormat): JsonElement = value.json
    override fun fromJson(json: JsonElement): AssistantResponseFormat = AssistantResponseFormat.of(json)
}
