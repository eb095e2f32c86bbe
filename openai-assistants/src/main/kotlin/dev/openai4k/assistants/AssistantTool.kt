package dev.openai4k.assistants

import dev.openai4k.common.FunctionDefinition
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonObject

/**
 * A tool an assistant or run may use: [CodeInterpreterTool], [FileSearchTool], [FunctionTool], or any other type as
 * [OtherTool] (raw JSON, sent back unchanged), so a tool type this SDK does not know never breaks decoding.
 */
@Serializable(with = AssistantToolSerializer::class)
public sealed interface AssistantTool {
    /** The wire `"type"`: `code_interpreter`, `file_search`, `function`, or another server's own. */
    public val type: String

    public companion object {
        /** The code interpreter tool. */
        @JvmStatic
        public fun codeInterpreter(): AssistantTool = CodeInterpreterTool

        /** The file search tool with the server's defaults. */
        @JvmStatic
        public fun fileSearch(): AssistantTool = FileSearchTool()

        /** The file search tool returning at most [maxNumResults] results (OpenAI: 1 to 50). */
        @JvmStatic
        public fun fileSearch(maxNumResults: Int): AssistantTool = FileSearchTool(FileSearchOptions(maxNumResults))

        /** A function tool; [parametersJson] is a JSON Schema object as text. */
        @JvmStatic
        @JvmOverloads
        public fun function(name: String, description: String?, parametersJson: String, strict: Boolean? = null): AssistantTool =
            FunctionTool(FunctionDefinition(name, description, parseObject(parametersJson, "parameters"), strict))

        /** A function tool. */
        @JvmStatic
        public fun function(definition: FunctionDefinition): AssistantTool = FunctionTool(definition)
    }
}

/** The code interpreter tool (`{"type":"code_interpreter"}`). */
@Serializable
public data object CodeInterpreterTool : AssistantTool {
    override val type: String get() = TYPE

    /** The wire type. */
    public const val TYPE: String = "code_interpreter"
}

/** The file search tool (`{"type":"file_search","file_search":{...}}`). */
@Serializable
public data class FileSearchTool(
    /** Overrides of the search's defaults; null sends none. */
    @SerialName("file_search") val fileSearch: FileSearchOptions? = null,
) : AssistantTool {
    override val type: String get() = TYPE

    public companion object {
        /** The wire type. */
        public const val TYPE: String = "file_search"
    }
}

/** Options of the file search tool. */
@Serializable
public data class FileSearchOptions(
    /** The most results to return (OpenAI: 1 to 50). */
    @SerialName("max_num_results") val maxNumResults: Int? = null,
    /** How results are ranked. */
    @SerialName("ranking_options") val rankingOptions: FileSearchRanking? = null,
)

/** How file search ranks results. */
@Serializable
public data class FileSearchRanking(
    /** The ranker (`auto`, `default_2024_08_21`). */
    val ranker: String? = null,
    /** The lowest score (0 to 1) a result may have. */
    @SerialName("score_threshold") val scoreThreshold: Double? = null,
)

/** A function tool (`{"type":"function","function":{...}}`). */
@Serializable
public data class FunctionTool(
    /** The function the model may call. */
    val function: FunctionDefinition,
) : AssistantTool {
    override val type: String get() = TYPE

    public companion object {
        /** The wire type. */
        public const val TYPE: String = "function"
    }
}

/** A tool of a type this SDK does not model, kept as the JSON object the server sent (and sent back as is). */
public data class OtherTool(
    /** The whole tool object, `"type"` included. */
    val json: JsonObject,
) : AssistantTool {
    override val type: String get() = json.type ?: ""
}

internal object AssistantToolSerializer : TypeTagged<AssistantTool>("dev.openai4k.assistants.AssistantTool") {
    override fun toJson(value: AssistantTool): JsonObject = when (value) {
        is CodeInterpreterTool -> tagged(value.type, CodeInterpreterTool.serializer(), value)
        is FileSearchTool -> tagged(value.type, FileSearchTool.serializer(), value)
        is FunctionTool -> tagged(value.type, FunctionTool.serializer(), value)
        is OtherTool -> value.json
    }

    override fun fromJson(json: JsonObject): AssistantTool = when (json.type) {
        CodeInterpreterTool.TYPE -> CodeInterpreterTool
        FileSearchTool.TYPE -> json.decodeAs(FileSearchTool.serializer())
        FunctionTool.TYPE -> json.decodeAs(FunctionTool.serializer())
        else -> OtherTool(json)
    }
}
