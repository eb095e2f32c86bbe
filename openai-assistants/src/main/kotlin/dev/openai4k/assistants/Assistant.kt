package dev.openai4k.assistants

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/** An assistant (`{"object":"assistant", ...}`): a model with instructions and tools, stored on the server. */
@Serializable
public data class Assistant(
    /** The id (`asst_abc123`). */
    val id: String = "",
    /** The object type, `"assistant"`. */
    @SerialName("object") val objectType: String? = null,
    /** When it was created, in Unix seconds. */
    @SerialName("created_at") val createdAt: Long? = null,
    /** Its name. */
    val name: String? = null,
    /** Its description. */
    val description: String? = null,
    /** The model it uses. */
    val model: String? = null,
    /** Its system instructions. */
    val instructions: String? = null,
    /** Its tools. */
    val tools: List<AssistantTool> = emptyList(),
    /** Files and vector stores for its tools. */
    @SerialName("tool_resources") val toolResources: ToolResources? = null,
    /** Up to 16 string pairs of your own. */
    val metadata: Map<String, String>? = null,
    /** Sampling temperature. */
    val temperature: Double? = null,
    /** Nucleus sampling mass. */
    @SerialName("top_p") val topP: Double? = null,
    /** The answer format. */
    @SerialName("response_format") val responseFormat: AssistantResponseFormat? = null,
    /** Reasoning effort for reasoning models (`low`, `medium`, `high`, ...). */
    @SerialName("reasoning_effort") val reasoningEffort: String? = null,
)

/** The answer to a deletion (`{"id": ..., "object": "assistant.deleted", "deleted": true}`, and likewise for threads and messages). */
@Serializable
public data class DeletionStatus(
    /** The id of the deleted object. */
    val id: String = "",
    /** `assistant.deleted`, `thread.deleted` or `thread.message.deleted`. */
    @SerialName("object") val objectType: String? = null,
    /** Whether it was deleted. */
    val deleted: Boolean = false,
)
