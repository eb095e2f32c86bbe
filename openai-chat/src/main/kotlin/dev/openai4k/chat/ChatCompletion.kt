package dev.openai4k.chat

import dev.openai4k.common.TokenLogprob
import dev.openai4k.Usage
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/**
 * A chat completion. Every field tolerates absence, since compatible servers drift: a missing id, model or
 * timestamp decodes to its default.
 */
@Serializable
public data class ChatCompletion @JvmOverloads constructor(
    /** The completion id (`chatcmpl-...`), or "" when the server sent none. */
    val id: String = "",
    /** `chat.completion`. */
    @SerialName("object") val objectType: String = "chat.completion",
    /** Unix seconds of creation, or 0. */
    val created: Long = 0,
    /** The model that answered. */
    val model: String = "",
    /** The choices (one unless `n` was set). */
    val choices: List<ChatChoice> = emptyList(),
    /** Token counts. */
    val usage: Usage? = null,
    /** The backend configuration fingerprint. */
    @SerialName("system_fingerprint") val systemFingerprint: String? = null,
    /** The tier that served the request. */
    @SerialName("service_tier") val serviceTier: String? = null,
) {
    /** The first choice's text, or null when it has none (tool calls only, a refusal, no choices). */
    val text: String? get() = choices.firstOrNull()?.message?.content

    /** The first choice's refusal, or null. */
    val refusal: String? get() = choices.firstOrNull()?.message?.refusal

    /** The first choice's tool calls (empty when none). */
    val toolCalls: List<ToolCall> get() = choices.firstOrNull()?.message?.toolCalls.orEmpty()

    /** The first choice's finish reason, or null. */
    val finishReason: String? get() = choices.firstOrNull()?.finishReason
}

/** One choice of a completion. */
@Serializable
public data class ChatChoice @JvmOverloads constructor(
    /** The choice's index. */
    val index: Int = 0,
    /** The message. */
    val message: ChatCompletionMessage = ChatCompletionMessage(),
    /** Why generation stopped; see [FinishReason]. Unknown values are kept as text. */
    @SerialName("finish_reason") val finishReason: String? = null,
    /** Log probabilities, when asked for. */
    val logprobs: ChoiceLogprobs? = null,
)

/** The message of an answer. */
@Serializable
public data class ChatCompletionMessage @JvmOverloads constructor(
    /** `assistant`. */
    val role: String = ChatRole.ASSISTANT,
    /** The text; an array of parts (as some servers send) is read as its text parts joined. */
    @Serializable(with = LenientTextSerializer::class) val content: String? = null,
    /** The refusal, when the model refused. */
    val refusal: String? = null,
    /** Tool calls the model made. */
    @SerialName("tool_calls") val toolCalls: List<ToolCall>? = null,
    /** Citations of web search models. */
    val annotations: List<MessageAnnotation>? = null,
    /** The audio answer, for the audio modality. */
    val audio: AssistantAudio? = null,
    /** The reasoning text of DeepSeek and vLLM reasoning models. */
    @SerialName("reasoning_content") val reasoningContent: String? = null,
    /** The reasoning text as OpenRouter and Ollama name it. */
    val reasoning: String? = null,
) {
    /**
     * This answer as a message to send back in the history: content, refusal, tool calls and audio reference
     * (reasoning is not sent back).
     */
    public fun toAssistantMessage(): AssistantMessage = AssistantMessage(
        content = content?.let { MessageContent.Text(it) },
        refusal = refusal,
        toolCalls = toolCalls?.takeIf { it.isNotEmpty() },
        audio = audio?.id?.let { AudioReference(it) },
    )
}

/** A citation: `{"type":"url_citation","url_citation":{...}}`. */
@Serializable
public data class MessageAnnotation @JvmOverloads constructor(
    /** `url_citation`. */
    val type: String = "url_citation",
    /** The cited URL and where it is cited. */
    @SerialName("url_citation") val urlCitation: UrlCitation? = null,
)

/** A URL cited by the answer, with the character range that cites it. */
@Serializable
public data class UrlCitation @JvmOverloads constructor(
    /** Index of the first character citing the URL. */
    @SerialName("start_index") val startIndex: Int = 0,
    /** Index after the last character citing the URL. */
    @SerialName("end_index") val endIndex: Int = 0,
    /** The page title. */
    val title: String? = null,
    /** The URL. */
    val url: String = "",
)

/** An audio answer. */
@Serializable
public data class AssistantAudio @JvmOverloads constructor(
    /** The id, to refer to this audio in a later turn. */
    val id: String? = null,
    /** Base64 audio in the requested format. */
    val data: String? = null,
    /** Unix seconds after which [id] can no longer be referred to. */
    @SerialName("expires_at") val expiresAt: Long? = null,
    /** The transcript. */
    val transcript: String? = null,
)

/** Log probabilities of a choice's content and refusal tokens. */
@Serializable
public data class ChoiceLogprobs @JvmOverloads constructor(
    /** Per content token. */
    val content: List<TokenLogprob>? = null,
    /** Per refusal token. */
    val refusal: List<TokenLogprob>? = null,
)
