package dev.openai4k.assistants

import kotlinx.serialization.EncodeDefault
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonObject

/** Files and vector stores made available to the code interpreter and file search tools. */
@Serializable
public data class ToolResources(
    /** Files for the code interpreter. */
    @SerialName("code_interpreter") val codeInterpreter: CodeInterpreterResources? = null,
    /** Vector stores for file search. */
    @SerialName("file_search") val fileSearch: FileSearchResources? = null,
) {
    public companion object {
        /** Resources giving the code interpreter these files. */
        @JvmStatic
        public fun codeInterpreter(vararg fileIds: String): ToolResources =
            ToolResources(codeInterpreter = CodeInterpreterResources(fileIds.toList()))

        /** Resources giving file search these vector stores. */
        @JvmStatic
        public fun fileSearch(vararg vectorStoreIds: String): ToolResources =
            ToolResources(fileSearch = FileSearchResources(vectorStoreIds = vectorStoreIds.toList()))
    }
}

/** The code interpreter's files. */
@Serializable
@OptIn(kotlinx.serialization.ExperimentalSerializationApi::class)
public data class CodeInterpreterResources(
    /** File ids (OpenAI: at most 20); an empty list is sent, meaning none. */
    @EncodeDefault @SerialName("file_ids") val fileIds: List<String> = emptyList(),
)

/** File search's vector stores: existing ones by id, or (on create) new ones built from files. */
@Serializable
public data class FileSearchResources(
    /** Existing vector stores (OpenAI: at most 1). */
    @SerialName("vector_store_ids") val vectorStoreIds: List<String>? = null,
    /** Vector stores to create from files, on create only (OpenAI: at most 1). */
    @SerialName("vector_stores") val vectorStores: List<NewVectorStore>? = null,
)

/** A vector store to create from files while creating an assistant or thread. */
@Serializable
public data class NewVectorStore(
    /** The files to add. */
    @SerialName("file_ids") val fileIds: List<String> = emptyList(),
    /** How files are chunked (`{"type":"auto"}` or `{"type":"static","static":{...}}`); null is the server's default. */
    @SerialName("chunking_strategy") val chunkingStrategy: JsonObject? = null,
    /** Metadata of the new store. */
    val metadata: Map<String, String>? = null,
)
