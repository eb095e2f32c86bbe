package dev.openai4k.chat

import dev.openai4k.Usage
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/**
 * One chunk of a streamed completion. Tolerated: missing id, model or timestamp; empty [choices] (the usage-only
 * last chunk, Azure's `prompt_filter_results` first chunk).
 */
@Serializable
public data class ChatCompletionChunk @JvmOverloads constructor(
    /** The completion id, the same in every chunk. */
    val id: String = "",
    /** `chat.completion.chunk`. */
    @SerialName("object") val objectType: String = "chat.completion.chunk",
    /** Unix seconds of creation. */
    val created: Long = 0,
    /** The model. */
    val model: String = "",
    /** The choices' deltas; empty in a usage-only chunk. */
    val choices: List<ChunkChoice> = emptyList(),
    /** The usage of the whole call, in the last chunk when `stream_options.include_usage` was set. */
    val usage: Usage? = null,
    /** The backend configuration fingerprint. */
    @SerialName("system_fingerprint") val systemFingerprint: String? = null,
    /** The tier that served the request. */
    @SerialName("service_tier") val serviceTier: String? = null,
) {
    /** The first choice's content delta, or "" when this chunk carries none. */
    val text: String get() = choices.firstOrNull()?.delta?.content ?: ""
}

/** One choice's delta in a chunk. */
@Serializable
public data class ChunkChoice @JvmOverloads constructor(
    /** The choice's index. */
    val index: Int = 0,
    /** What this chunk adds. */
    val delta: ChunkDelta = ChunkDelta(),
    /** Set in the choice's last chunk; see [FinishReason]. */
    @SerialName("finish_reason") val finishReason: String? = null,
    /** Log probabilities of the tokens in this chunk. */
    val logprobs: ChoiceLogprobs? = null,
)

/** What one chunk adds to a choice's message. */
@Serializable
public data class ChunkDelta @JvmOverloads constructor(
    /** The role, in the first chunk. */
    val role: String? = null,
    /** A piece of the text. */
    @Serializable(with = LenientTextSerializer::class) val content: String? = null,
    /** A piece of the refusal. */
    val refusal: String? = null,
    /** Pieces of tool calls, matched up by [ToolCallDelta.index]. */
    @SerialName("tool_calls") val toolCalls: List<ToolCallDelta>? = null,
    /** A piece of the reasoning (DeepSeek, vLLM). */
    @SerialName("reasoning_content") val reasoningContent: String? = null,
    /** A piece of the reasoning (OpenRouter, Ollama). */
    val reasoning: String? = null,
    /** A piece of the audio answer. */
    val audio: AssistantAudio? = null,
    /** Citations (web search models). */
    val annotations: List<MessageAnnotation>? = null,
)

/**
 * A piece of a tool call. The first piece of a call carries its [id] and name; later pieces carry fragments of the
 * arguments. [index] says which call a piece belongs to (absent on a few servers: see [ChatCompletionAccumulator]).
 */
@Serializable
public data class ToolCallDelta @JvmOverloads constructor(
    /** Which tool call this piece belongs to. */
    val index: Int? = null,
    /** The call id, in the call's first piece. */
    val id: String? = null,
    /** `function`. */
    val type: String? = null,
    /** Name and argument fragments. */
    val function: FunctionCallDelta? = null,
)

/** A piece of a function call. */
@Serializable
public data class FunctionCallDelta @JvmOverloads constructor(
    /** The function name, in the first piece. */
    val name: String? = null,
    /** A fragment of the arguments' JSON text. */
    val arguments: String? = null,
)
