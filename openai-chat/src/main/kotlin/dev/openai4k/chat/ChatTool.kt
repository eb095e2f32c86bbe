package dev.openai4k.chat

import dev.openai4k.tools.Tool
import dev.openai4k.common.FunctionDefinition
import dev.openai4k.OpenAIJson
import kotlinx.serialization.EncodeDefault
import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonObject

/**
 * A tool as the request declares it: `{"type":"function","function":{name, description, parameters, strict}}`.
 * Build one with [Tool] (which can also carry a handler for sessions) or directly.
 */
@OptIn(ExperimentalSerializationApi::class)
@Serializable
public data class ChatTool(
    /** The function. */
    val function: FunctionDefinition,
    /** The tool type; `function`. */
    @EncodeDefault val type: String = "function",
) {
    public companion object {
        /** A function tool. */
        @JvmStatic
        @JvmOverloads
        public fun function(name: String, description: String? = null, parameters: JsonObject? = null, strict: Boolean? = null): ChatTool =
            ChatTool(FunctionDefinition(name, description, parameters, strict))
    }
}
