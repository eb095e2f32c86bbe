package dev.openai4k.assistants

import dev.openai4k.common.IncompleteDetails
import dev.openai4k.Usage
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/** A run (`{"object":"thread.run", ...}`): one execution of an assistant on a thread. */
@Serializable
public data class Run(
    /** The id (`run_abc123`). */
    val id: String = "",
    /** The object type, `"thread.run"`. */
    @SerialName("object") val objectType: String? = null,
    /** When it was created, in Unix seconds. */
    @SerialName("created_at") val createdAt: Long? = null,
    /** The thread it runs on. */
    @SerialName("thread_id") val threadId: String? = null,
    /** The assistant it runs. */
    @SerialName("assistant_id") val assistantId: String? = null,
    /** Where it is; see [RunStatus]. */
    val status: String = "",
    /** What it waits for when [status] is `requires_action`: outputs of function calls. */
    @SerialName("required_action") val requiredAction: RequiredAction? = null,
    /** Why it failed, when it did. */
    @SerialName("last_error") val lastError: RunError? = null,
    /** When it will expire, in Unix seconds. */
    @SerialName("expires_at") val expiresAt: Long? = null,
    /** When it started, in Unix seconds. */
    @SerialName("started_at") val startedAt: Long? = null,
    /** When it was cancelled, in Unix seconds. */
    @SerialName("cancelled_at") val cancelledAt: Long? = null,
    /** When it failed, in Unix seconds. */
    @SerialName("failed_at") val failedAt: Long? = null,
    /** When it completed, in Unix seconds. */
    @SerialName("completed_at") val completedAt: Long? = null,
    /** Why it ended `incomplete`, when it did (`max_completion_tokens`, `max_prompt_tokens`). */
    @SerialName("incomplete_details") val incompleteDetails: IncompleteDetails? = null,
    /** The model it used. */
    val model: String? = null,
    /** The instructions it used. */
    val instructions: String? = null,
    /** The tools it could use. */
    val tools: List<AssistantTool> = emptyList(),
    /** Up to 16 string pairs of your own. */
    val metadata: Map<String, String>? = null,
    /** Tokens used, once it is terminal. */
    val usage: Usage? = null,
    /** The sampling temperature it used. */
    val temperature: Double? = null,
    /** The top_p it used. */
    @SerialName("top_p") val topP: Double? = null,
    /** Its prompt token budget. */
    @SerialName("max_prompt_tokens") val maxPromptTokens: Int? = null,
    /** Its completion token budget. */
    @SerialName("max_completion_tokens") val maxCompletionTokens: Int? = null,
    /** How the thread was truncated for the prompt. */
    @SerialName("truncation_strategy") val truncationStrategy: TruncationStrategy? = null,
    /** How it chose tools. */
    @SerialName("tool_choice") val toolChoice: RunToolChoice? = null,
    /** Whether function calls could run in parallel. */
    @SerialName("parallel_tool_calls") val parallelToolCalls: Boolean? = null,
    /** The answer format. */
    @SerialName("response_format") val responseFormat: AssistantResponseFormat? = null,
    /** The reasoning effort it used. */
    @SerialName("reasoning_effort") val reasoningEffort: String? = null,
) {
    /** Whether the run has ended and will not change again: see [RunStatus.isTerminal]. */
    public val isTerminal: Boolean get() = RunStatus.isTerminal(status)

    /** Whether the run waits for tool outputs ([RunStatus.REQUIRES_ACTION]); see [toolCalls]. */
    public val requiresAction: Boolean get() = status == RunStatus.REQUIRES_ACTION

    /** The function calls the run waits on; empty unless it [requiresAction]. */
    public val toolCalls: List<RunToolCall> get() = requiredAction?.submitToolOutputs?.toolCalls.orEmpty()
}

/** The known values of [Run.status]; any other string is kept as is. */
public object RunStatus {
    /** Waiting to start. */
    public const val QUEUED: String = "queued"

    /** Running. */
    public const val IN_PROGRESS: String = "in_progress"

    /** Waiting for function outputs: see [Run.toolCalls] and `submitToolOutputs`. */
    public const val REQUIRES_ACTION: String = "requires_action"

    /** Being cancelled. */
    public const val CANCELLING: String = "cancelling"

    /** Cancelled (terminal). */
    public const val CANCELLED: String = "cancelled"

    /** Failed; see [Run.lastError] (terminal). */
    public const val FAILED: String = "failed"

    /** Completed: the answer is in the thread's messages (terminal). */
    public const val COMPLETED: String = "completed"

    /** Ended early; see [Run.incompleteDetails] (terminal). */
    public const val INCOMPLETE: String = "incomplete"

    /** Expired, usually because tool outputs were not submitted in time (terminal). */
    public const val EXPIRED: String = "expired"

    private val TERMINAL = setOf(CANCELLED, FAILED, COMPLETED, INCOMPLETE, EXPIRED)

    /** Whether [status] is one a run never leaves: cancelled, failed, completed, incomplete or expired. */
    @JvmStatic
    public fun isTerminal(status: String): Boolean = status in TERMINAL
}

/** What a run waits for. */
@Serializable
public data class RequiredAction(
    /** `submit_tool_outputs`. */
    val type: String? = null,
    /** The function calls to answer. */
    @SerialName("submit_tool_outputs") val submitToolOutputs: SubmitToolOutputsAction? = null,
)

/** The function calls a run waits on. */
@Serializable
public data class SubmitToolOutputsAction(
    /** The calls; answer each by its [RunToolCall.id]. */
    @SerialName("tool_calls") val toolCalls: List<RunToolCall> = emptyList(),
)

/** A function call the model made, waiting for its output. */
@Serializable
public data class RunToolCall(
    /** The id to answer with in [ToolOutput.toolCallId]. */
    val id: String = "",
    /** `function`. */
    val type: String? = null,
    /** The function and its arguments. */
    val function: RunFunctionCall = RunFunctionCall(),
)

/** The function the model called. */
@Serializable
public data class RunFunctionCall(
    /** The function's name. */
    val name: String = "",
    /** Its arguments as JSON text (which may be invalid: the model wrote it). */
    val arguments: String = "",
)

/** Why a run failed. */
@Serializable
public data class RunError(
    /** `server_error`, `rate_limit_exceeded`, `invalid_prompt`, ... */
    val code: String? = null,
    /** A description. */
    val message: String? = null,
)
