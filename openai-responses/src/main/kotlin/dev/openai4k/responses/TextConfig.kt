package dev.openai4k.responses

import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonObject

/** The `text` settings of a request: the output [format] (plain text, JSON, or JSON matching a schema) and [verbosity]. */
@Serializable
public data class TextConfig(
    /** The output format; null leaves the server's default (plain text). */
    val format: TextFormat? = null,
    /** `low`, `medium` or `high`; see [Verbosity]. */
    val verbosity: String? = null,
)

/**
 * An output format: [TEXT], [JSON_OBJECT], or [jsonSchema] (structured outputs). The schema is a JSON object
 * written by the caller; any other format type can be built with the constructor.
 */
@Serializable
public data class TextFormat(
    /** `text`, `json_object` or `json_schema`. */
    val type: String,
    /** The schema's name (`json_schema` only). */
    val name: String? = null,
    /** The JSON Schema the output must match (`json_schema` only). */
    val schema: JsonObject? = null,
    /** What the output is, for the model (`json_schema` only). */
    val description: String? = null,
    /** Whether the output must follow [schema] exactly (`json_schema` only). */
    val strict: Boolean? = null,
) {
    public companion object {
        /** Plain text. */
        @JvmField
        public val TEXT: TextFormat = TextFormat("text")

        /** Any valid JSON object (the instructions must ask for JSON). */
        @JvmField
        public val JSON_OBJECT: TextFormat = TextFormat("json_object")

        /** JSON matching [schema], named [name]; [strict] true asks the server to guarantee the match. */
        @JvmStatic
        @JvmOverloads
        public fun jsonSchema(name: String, schema: JsonObject, strict: Boolean? = true, description: String? = null): TextFormat =
            TextFormat("json_schema", name, schema, description, strict)
    }
}

/** Values of [TextConfig.verbosity]. */
public object Verbosity {
    /** Terse. */
    public const val LOW: String = "low"

    /** The default. */
    public const val MEDIUM: String = "medium"

    /** Expansive. */
    public const val HIGH: String = "high"
}
