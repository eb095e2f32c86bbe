package dev.openai4k.responses

import kotlinx.serialization.EncodeDefault
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * A tool the model may use: a [Function] the caller runs, or a tool the server runs ([WebSearch], [FileSearch],
 * [CodeInterpreter], [ImageGeneration], [Mcp]). Any other tool type travels as [Unknown] JSON, both ways.
 */
@Serializable(with = ResponseToolSerializer::class)
public sealed interface ResponseTool {
    /** The wire `type`. */
    public val type: String

    /** A function the caller implements; the model answers with [ResponseItem.FunctionCall] items. */
    @Serializable
    public data class Function(
        /** The function name. */
        val name: String,
        /** What the function does, for the model. */
        val description: String? = null,
        /** The JSON Schema of the arguments object. */
        val parameters: JsonObject? = null,
        /** Whether the model must follow [parameters] exactly (structured outputs for arguments). */
        val strict: Boolean? = null,
    ) : ResponseTool {
        override val type: String get() = FUNCTION
    }

    /**
     * The hosted web search. [type] is `web_search` by default; `web_search_preview` and dated variants work too.
     */
    @Serializable
    public data class WebSearch(
        /** `low`, `medium` or `high`. */
        @SerialName("search_context_size") val searchContextSize: String? = null,
        /** The approximate user location, as JSON (`{"type":"approximate","country":"GB",...}`). */
        @SerialName("user_location") val userLocation: JsonObject? = null,
        /** Domain filters, as JSON (`{"allowed_domains":[...]}`). */
        val filters: JsonObject? = null,
        @EncodeDefault override val type: String = WEB_SEARCH,
    ) : ResponseTool

    /** The hosted search over vector stores. */
    @Serializable
    public data class FileSearch(
        /** The vector stores to search. */
        @SerialName("vector_store_ids") @EncodeDefault val vectorStoreIds: List<String> = emptyList(),
        /** The most results to return. */
        @SerialName("max_num_results") val maxNumResults: Int? = null,
        /** Attribute filters, as JSON. */
        val filters: JsonObject? = null,
        /** Ranking options, as JSON. */
        @SerialName("ranking_options") val rankingOptions: JsonObject? = null,
    ) : ResponseTool {
        override val type: String get() = FILE_SEARCH
    }

    /** The hosted Python sandbox. [container] is `"auto"`-style JSON or a container id. */
    @Serializable
    public data class CodeInterpreter(
        /** The container: a string id or `{"type":"auto","file_ids":[...]}`. */
        @EncodeDefault val container: JsonElement = JsonObject(mapOf("type" to JsonPrimitive("auto"))),
    ) : ResponseTool {
        override val type: String get() = CODE_INTERPRETER
    }

    /** The hosted image generator; its images arrive as [ResponseItem.ImageGenerationCall] items. */
    @Serializable
    public data class ImageGeneration(
        /** The image model. */
        val model: String? = null,
        /** `1024x1024`, `1024x1536`, `1536x1024` or `auto`. */
        val size: String? = null,
        /** `low`, `medium`, `high` or `auto`. */
        val quality: String? = null,
        /** `png`, `jpeg` or `webp`. */
        @SerialName("output_format") val outputFormat: String? = null,
        /** `transparent`, `opaque` or `auto`. */
        val background: String? = null,
        /** How many partial images to stream (0 to 3). */
        @SerialName("partial_images") val partialImages: Int? = null,
    ) : ResponseTool {
        override val type: String get() = IMAGE_GENERATION
    }

    /** A remote MCP server whose tools the model may call. */
    @Serializable
    public data class Mcp(
        /** The label that names the server in tool calls. */
        @SerialName("server_label") val serverLabel: String,
        /** The server URL. */
        @SerialName("server_url") val serverUrl: String? = null,
        /** A connector id, instead of [serverUrl]. */
        @SerialName("connector_id") val connectorId: String? = null,
        /** An OAuth access token for the server. */
        val authorization: String? = null,
        /** What the server offers, for the model. */
        @SerialName("server_description") val serverDescription: String? = null,
        /** `"always"`, `"never"` or a filter object. */
        @SerialName("require_approval") val requireApproval: JsonElement? = null,
        /** A list of tool names or a filter object. */
        @SerialName("allowed_tools") val allowedTools: JsonElement? = null,
        /** Headers sent to the server. */
        val headers: Map<String, String>? = null,
    ) : ResponseTool {
        override val type: String get() = MCP
    }

    /** A tool of a type this SDK does not model, exactly as JSON. */
    public data class Unknown(
        /** The tool as JSON. */
        val json: JsonObject,
    ) : ResponseTool {
        override val type: String get() = json.typeName() ?: ""
    }

    public companion object {
        /** `function`. */
        public const val FUNCTION: String = "function"

        /** `web_search`. */
        public const val WEB_SEARCH: String = "web_search"

        /** `file_search`. */
        public const val FILE_SEARCH: String = "file_search"

        /** `code_interpreter`. */
        public const val CODE_INTERPRETER: String = "code_interpreter"

        /** `image_generation`. */
        public const val IMAGE_GENERATION: String = "image_generation"

        /** `mcp`. */
        public const val MCP: String = "mcp"

        /** A function tool. */
        @JvmStatic
        @JvmOverloads
        public fun function(
            name: String,
            description: String? = null,
            parameters: JsonObject? = null,
            strict: Boolean? = null,
        ): ResponseTool = Function(name, description, parameters, strict)

        /** Any tool as raw JSON (it must have a `type`). */
        @JvmStatic
        public fun of(json: JsonObject): ResponseTool = ResponseToolSerializer.decode(dev.openai4k.OpenAIJson, json)
    }
}

internal object ResponseToolSerializer : JsonUnionSerializer<ResponseTool>("dev.openai4k.responses.ResponseTool") {
    override fun decode(json: Json, element: JsonElement): ResponseTool {
        val obj = element.requireObject("a tool")
        val type = obj.typeName()
        return when {
            type == ResponseTool.FUNCTION && "name" in obj -> json.decodeFromJsonElement(ResponseTool.Function.serializer(), obj)
            type != null && type.startsWith(ResponseTool.WEB_SEARCH) ->
                json.decodeFromJsonElement(ResponseTool.WebSearch.serializer(), obj)
            type == ResponseTool.FILE_SEARCH -> json.decodeFromJsonElement(ResponseTool.FileSearch.serializer(), obj)
            type == ResponseTool.CODE_INTERPRETER ->
                json.decodeFromJsonElement(ResponseTool.CodeInterpreter.serializer(), obj)
            type == ResponseTool.IMAGE_GENERATION ->
                json.decodeFromJsonElement(ResponseTool.ImageGeneration.serializer(), obj)
            type == ResponseTool.MCP && "server_label" in obj -> json.decodeFromJsonElement(ResponseTool.Mcp.serializer(), obj)
            else -> ResponseTool.Unknown(obj)
        }
    }

    override fun encode(json: Json, value: ResponseTool): JsonElement = when (value) {
        is ResponseTool.Function -> encodeTyped(json, value.type, ResponseTool.Function.serializer(), value).let { obj ->
            // The API requires both keys on a function tool; null asks for its default.
            if ("parameters" in obj && "strict" in obj) obj else JsonObject(obj + mapOf(
                "parameters" to (obj["parameters"] ?: JsonNull),
                "strict" to (obj["strict"] ?: JsonNull),
            ))
        }
        is ResponseTool.WebSearch -> encodeTyped(json, value.type, ResponseTool.WebSearch.serializer(), value)
        is ResponseTool.FileSearch -> encodeTyped(json, value.type, ResponseTool.FileSearch.serializer(), value)
        is ResponseTool.CodeInterpreter -> encodeTyped(json, value.type, ResponseTool.CodeInterpreter.serializer(), value)
        is ResponseTool.ImageGeneration -> encodeTyped(json, value.type, ResponseTool.ImageGeneration.serializer(), value)
        is ResponseTool.Mcp -> encodeTyped(json, value.type, ResponseTool.Mcp.serializer(), value)
        is ResponseTool.Unknown -> value.json
    }
}
