package dev.openai4k.chat

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonObject

/**
 * The shape of the answer: free text, any JSON object, or JSON that follows a schema (structured outputs).
 * Sent as `{"type":"text"}`, `{"type":"json_object"}` or `{"type":"json_schema","json_schema":{...}}`.
 */
@Serializable
public sealed class ResponseFormat {
    /** Free text (the default). */
    @Serializable
    @SerialName("text")
    public data object Text : ResponseFormat()

    /** Any valid JSON object (JSON mode). */
    @Serializable
    @SerialName("json_object")
    public data object JsonObject : ResponseFormat()

    /** JSON that follows [jsonSchema]. */
    @Serializable
    @SerialName("json_schema")
    public data class JsonSchema(
        /** The schema and its name. */
        @SerialName("json_schema") val jsonSchema: JsonSchemaSpec,
    ) : ResponseFormat()

    public companion object {
        /** `{"type":"text"}`. */
        @JvmField
        public val TEXT: ResponseFormat = Text

        /** `{"type":"json_object"}`. */
        @JvmField
        public val JSON_OBJECT: ResponseFormat = JsonObject

        /** `{"type":"json_schema",...}` with a schema named [name]. */
        @JvmStatic
        @JvmOverloads
        public fun jsonSchema(
            name: String,
            schema: kotlinx.serialization.json.JsonObject,
            strict: Boolean? = true,
            description: String? = null,
        ): ResponseFormat = JsonSchema(JsonSchemaSpec(name, schema, strict, description))
    }
}

/** A named JSON schema for [ResponseFormat.JsonSchema]. */
@Serializable
public data class JsonSchemaSpec @JvmOverloads constructor(
    /** The schema's name: letters, digits, `_` and `-`, at most 64 characters. */
    val name: String,
    /** The JSON schema. */
    val schema: JsonObject? = null,
    /** Whether the model must follow the schema exactly. */
    val strict: Boolean? = null,
    /** What the answer is for. */
    val description: String? = null,
)
