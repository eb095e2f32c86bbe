package dev.openai4k.responses

import dev.openai4k.common.IncompleteDetails
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonElement
import java.util.Base64

/**
 * A model response: what `POST /responses` returns, what `retrieve` reads back, and what a stream accumulates to.
 *
 * Every field is optional, so partial implementations of the Responses API (vLLM, Ollama, LiteLLM) decode.
 * The helpers [outputText], [functionCalls] and [images] read the [output] items.
 */
@Serializable
public data class Response(
    /** The response id (`resp_...`), used as `previous_response_id` to continue. */
    val id: String = "",
    /** Always `response`. */
    @SerialName("object") val objectType: String? = null,
    /** When the response was created, in epoch seconds. */
    @SerialName("created_at") @Serializable(with = LenientLongSerializer::class) val createdAt: Long? = null,
    /** `completed`, `failed`, `in_progress`, `cancelled`, `queued` or `incomplete`; see [ResponseStatus]. */
    val status: String? = null,
    /** Why the response failed, when [status] is `failed`. */
    val error: ResponseError? = null,
    /** Why the response stopped early, when [status] is `incomplete`. */
    @SerialName("incomplete_details") val incompleteDetails: IncompleteDetails? = null,
    /** The instructions used: a string, or a list of items when a prompt template supplied them. */
    val instructions: JsonElement? = null,
    /** The model that answered. */
    val model: String? = null,
    /** The output items, in order. */
    val output: List<ResponseItem> = emptyList(),
    /** Token counts. */
    val usage: ResponseUsage? = null,
    /** The response this one continued. */
    @SerialName("previous_response_id") val previousResponseId: String? = null,
    /** The conversation this response belongs to. */
    val conversation: ConversationRef? = null,
    /** The caller's metadata. */
    val metadata: Map<String, String>? = null,
    /** The sampling temperature used. */
    val temperature: Double? = null,
    /** The nucleus sampling mass used. */
    @SerialName("top_p") val topP: Double? = null,
    /** The output token limit. */
    @SerialName("max_output_tokens") val maxOutputTokens: Int? = null,
    /** The tools offered. */
    val tools: List<ResponseTool> = emptyList(),
    /** The tool choice used. */
    @SerialName("tool_choice") val toolChoice: ResponseToolChoice? = null,
    /** Whether tool calls could run in parallel. */
    @SerialName("parallel_tool_calls") val parallelToolCalls: Boolean? = null,
    /** The reasoning settings used. */
    val reasoning: ReasoningConfig? = null,
    /** The text settings used. */
    val text: TextConfig? = null,
    /** `auto` or `disabled`. */
    val truncation: String? = null,
    /** Whether the response is stored (and can be continued or retrieved). */
    val store: Boolean? = null,
    /** Whether the response ran in the background. */
    val background: Boolean? = null,
    /** The service tier that served the request. */
    @SerialName("service_tier") val serviceTier: String? = null,
    /** The end-user id sent. */
    val user: String? = null,
    /** The prompt cache key sent. */
    @SerialName("prompt_cache_key") val promptCacheKey: String? = null,
    /** The safety identifier sent. */
    @SerialName("safety_identifier") val safetyIdentifier: String? = null,
) {
    /** All `output_text` parts of all output messages, joined in order; empty when there are none. */
    val outputText: String
        get() = buildString {
            for (item in output) {
                if (item !is ResponseItem.Message) continue
                for (part in item.content) if (part is ResponseContentPart.OutputText) append(part.text)
            }
        }

    /** The refusal texts of the output messages joined, or null when the model did not refuse. */
    val refusal: String?
        get() = output.filterIsInstance<ResponseItem.Message>()
            .flatMap { m -> m.content.filterIsInstance<ResponseContentPart.Refusal>() }
            .takeIf { it.isNotEmpty() }
            ?.joinToString("") { it.refusal }

    /** The function calls the model asks for, in order. */
    val functionCalls: List<ResponseItem.FunctionCall>
        get() = output.filterIsInstance<ResponseItem.FunctionCall>()

    /** The reasoning summaries, joined with blank lines; empty when there are none. */
    val reasoningSummary: String
        get() = output.filterIsInstance<ResponseItem.Reasoning>()
            .flatMap { it.summary }
            .joinToString("\n\n") { it.text }

    /**
     * The images the image-generation tool produced, decoded from base64, in order. Calls without a result
     * (still running, failed) are skipped.
     *
     * @throws IllegalArgumentException if a result is not valid base64.
     */
    val images: List<ByteArray>
        get() = output.filterIsInstance<ResponseItem.ImageGenerationCall>().mapNotNull { call ->
            call.result?.takeIf { it.isNotEmpty() }?.let { Base64.getMimeDecoder().decode(it.substringAfter("base64,")) }
        }
}

/** Values of [Response.status]. */
public object ResponseStatus {
    /** Finished normally. */
    public const val COMPLETED: String = "completed"

    /** Failed; see [Response.error]. */
    public const val FAILED: String = "failed"

    /** Still generating. */
    public const val IN_PROGRESS: String = "in_progress"

    /** Cancelled by the caller. */
    public const val CANCELLED: String = "cancelled"

    /** Waiting to start (background mode). */
    public const val QUEUED: String = "queued"

    /** Stopped early; see [Response.incompleteDetails]. */
    public const val INCOMPLETE: String = "incomplete"
}

/** Why a response failed. */
@Serializable
public data class ResponseError(
    /** A machine-readable code (`server_error`, `rate_limit_exceeded`, ...). */
    @Serializable(with = LenientStringSerializer::class) val code: String? = null,
    /** What went wrong. */
    val message: String? = null,
)

/** The conversation a response belongs to. */
@Serializable
public data class ConversationRef(
    /** The conversation id (`conv_...`). */
    val id: String? = null,
)

/** Token counts of a response. */
@Serializable
public data class ResponseUsage(
    /** Tokens read. */
    @SerialName("input_tokens") val inputTokens: Int = 0,
    /** Breakdown of [inputTokens]. */
    @SerialName("input_tokens_details") val inputTokensDetails: InputTokensDetails? = null,
    /** Tokens written, reasoning included. */
    @SerialName("output_tokens") val outputTokens: Int = 0,
    /** Breakdown of [outputTokens]. */
    @SerialName("output_tokens_details") val outputTokensDetails: OutputTokensDetails? = null,
    /** [inputTokens] + [outputTokens]. */
    @SerialName("total_tokens") val totalTokens: Int = 0,
) {
    /** Input tokens served from the prompt cache (0 when not reported). */
    val cachedTokens: Int get() = inputTokensDetails?.cachedTokens ?: 0

    /** Output tokens spent on reasoning (0 when not reported). */
    val reasoningTokens: Int get() = outputTokensDetails?.reasoningTokens ?: 0

    /** Adds two usages field by field (for sessions that make several calls). */
    public operator fun plus(other: ResponseUsage): ResponseUsage = ResponseUsage(
        inputTokens + other.inputTokens,
        InputTokensDetails(cachedTokens + other.cachedTokens),
        outputTokens + other.outputTokens,
        OutputTokensDetails(reasoningTokens + other.reasoningTokens),
        totalTokens + other.totalTokens,
    )

    public companion object {
        /** No tokens. */
        @JvmField
        public val ZERO: ResponseUsage = ResponseUsage()
    }
}

/** Breakdown of input tokens. */
@Serializable
public data class InputTokensDetails(
    /** Tokens served from the prompt cache. */
    @SerialName("cached_tokens") val cachedTokens: Int? = null,
)

/** Breakdown of output tokens. */
@Serializable
public data class OutputTokensDetails(
    /** Tokens spent on reasoning. */
    @SerialName("reasoning_tokens") val reasoningTokens: Int? = null,
)

/** The answer to a delete: which response, and whether it is gone. */
@Serializable
public data class ResponseDeleted(
    /** The response id. */
    val id: String = "",
    /** `response.deleted` (or `response` on some servers). */
    @SerialName("object") val objectType: String? = null,
    /** Whether it was deleted. */
    val deleted: Boolean = false,
)
