package dev.openai4k.common

import dev.openai4k.OpenAIJson
import kotlinx.serialization.SerializationException
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonObject

/** A function the model may call (chat completions tools, assistants tools): name, description, argument schema. */
@Serializable
public data class FunctionDefinition @JvmOverloads constructor(
    /** The name: letters, digits, `_` and `-`, at most 64 characters. */
    val name: String,
    /** What the function does and when to call it. */
    val description: String? = null,
    /** The JSON schema of the arguments (an object schema); null means none. */
    val parameters: JsonObject? = null,
    /** Whether the model must follow [parameters] exactly (structured outputs). */
    val strict: Boolean? = null,
) {
    public companion object {
        /**
         * Parses a JSON schema given as text (for Java callers).
         *
         * @throws IllegalArgumentException if [json] is not a JSON object.
         */
        @JvmStatic
        public fun schema(json: String): JsonObject = try {
            OpenAIJson.decodeFromString(JsonObject.serializer(), json)
        } catch (e: SerializationException) {
            throw IllegalArgumentException("The schema is not a JSON object: ${e.message?.lineSequence()?.firstOrNull()}", e)
        }

        /**
         * A definition whose [parameters] are given as JSON schema text.
         *
         * @throws IllegalArgumentException if [parametersJson] is not a JSON object.
         */
        @JvmStatic
        @JvmOverloads
        public fun of(name: String, description: String?, parametersJson: String, strict: Boolean? = null): FunctionDefinition =
            FunctionDefinition(name, description, schema(parametersJson), strict)
    }
}
