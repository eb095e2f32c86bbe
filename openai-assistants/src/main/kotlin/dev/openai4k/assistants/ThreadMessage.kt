package dev.openai4k.assistants

import dev.openai4k.common.IncompleteDetails
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/** A message in a thread (`{"object":"thread.message", ...}`). */
@Serializable
public data class ThreadMessage(
    /** The id (`msg_abc123`). */
    val id: String = "",
    /** The object type, `"thread.message"`. */
    @SerialName("object") val objectType: String? = null,
    /** When it was created, in Unix seconds. */
    @SerialName("created_at") val createdAt: Long? = null,
    /** The thread it belongs to. */
    @SerialName("thread_id") val threadId: String? = null,
    /** `in_progress`, `incomplete` or `completed`. */
    val status: String? = null,
    /** Why it is incomplete, when it is. */
    @SerialName("incomplete_details") val incompleteDetails: IncompleteDetails? = null,
    /** When it was completed, in Unix seconds. */
    @SerialName("completed_at") val completedAt: Long? = null,
    /** When it was marked incomplete, in Unix seconds. */
    @SerialName("incomplete_at") val incompleteAt: Long? = null,
    /** Who wrote it; see [MessageRole]. */
    val role: String? = null,
    /** Its content: text, images, refusals. */
    val content: List<ThreadMessageContent> = emptyList(),
    /** The assistant that wrote it, if one did. */
    @SerialName("assistant_id") val assistantId: String? = null,
    /** The run that wrote it, if one did. */
    @SerialName("run_id") val runId: String? = null,
    /** Files attached to it and the tools they were given to. */
    val attachments: List<MessageAttachment>? = null,
    /** Up to 16 string pairs of your own. */
    val metadata: Map<String, String>? = null,
) {
    /** The text parts of [content] joined with newlines; empty when there are none. */
    public val text: String
        get() = content.filterIsInstance<TextContent>().joinToString("\n") { it.text.value }
}

/** A file attached to a message and the tools it is given to (`code_interpreter`, `file_search`). */
@Serializable
@OptIn(kotlinx.serialization.ExperimentalSerializationApi::class)
public data class MessageAttachment(
    /** The file id. */
    @SerialName("file_id") val fileId: String,
    /** The tools that may use it (only their type is sent). */
    @kotlinx.serialization.EncodeDefault val tools: List<AssistantTool> = emptyList(),
)
