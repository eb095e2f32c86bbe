package dev.openai4k.assistants

import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.Transient
import kotlinx.serialization.json.JsonElement

/**
 * The body of `POST /threads/{id}/runs`: which assistant to run, and per-run overrides of its settings.
 * Only [assistantId] is required; unset fields are not sent.
 *
 * Build with [runRequest] in Kotlin or [RunRequest.builder] in Java.
 */
@Serializable
public data class RunRequest(
    /** The assistant to run. */
    @SerialName("assistant_id") val assistantId: String,
    /** Overrides the assistant's model. */
    val model: String? = null,
    /** Overrides the assistant's instructions. */
    val instructions: String? = null,
    /** Appended to the instructions for this run only. */
    @SerialName("additional_instructions") val additionalInstructions: String? = null,
    /** Messages added to the thread before the run starts. */
    @SerialName("additional_messages") val additionalMessages: List<MessageRequest>? = null,
    /** Overrides the assistant's tools. */
    val tools: List<AssistantTool>? = null,
    /** Up to 16 string pairs of your own. */
    val metadata: Map<String, String>? = null,
    /** Sampling temperature, 0 to 2. */
    val temperature: Double? = null,
    /** Nucleus sampling mass, 0 to 1. */
    @SerialName("top_p") val topP: Double? = null,
    /** Most prompt tokens over the whole run (OpenAI: at least 256). */
    @SerialName("max_prompt_tokens") val maxPromptTokens: Int? = null,
    /** Most completion tokens over the whole run (OpenAI: at least 256). */
    @SerialName("max_completion_tokens") val maxCompletionTokens: Int? = null,
    /** How the thread is cut to fit the context. */
    @SerialName("truncation_strategy") val truncationStrategy: TruncationStrategy? = null,
    /** How the model picks tools. */
    @SerialName("tool_choice") val toolChoice: RunToolChoice? = null,
    /** Whether function calls may run in parallel. */
    @SerialName("parallel_tool_calls") val parallelToolCalls: Boolean? = null,
    /** The answer format. */
    @SerialName("response_format") val responseFormat: AssistantResponseFormat? = null,
    /** Reasoning effort for reasoning models. */
    @SerialName("reasoning_effort") val reasoningEffort: String? = null,
    /** Provider-specific fields merged into the body (a key here replaces a modelled one). */
    @Transient val extraBody: Map<String, JsonElement> = emptyMap(),
) {
    /** A builder holding every value of this request ([extraBody] included): change what differs and build again. */
    public fun toBuilder(): Builder = Builder(assistantId).also { b ->
        b.model = model
        b.instructions = instructions
        b.additionalInstructions = additionalInstructions
        additionalMessages?.let { b.additionalMessages(it) }
        tools?.let { b.tools(it) }
        metadata?.let { b.metadata(it) }
        b.temperature = temperature
        b.topP = topP
        b.maxPromptTokens = maxPromptTokens
        b.maxCompletionTokens = maxCompletionTokens
        b.truncationStrategy = truncationStrategy
        b.toolChoice = toolChoice
        b.parallelToolCalls = parallelToolCalls
        b.responseFormat = responseFormat
        b.reasoningEffort = reasoningEffort
        extraBody.forEach { (name, value) -> b.extraBody(name, value) }
    }

    /** Builds a [RunRequest]; properties for the Kotlin DSL, fluent setters for Java. */
    public class Builder(
        /** See [RunRequest.assistantId]. */
        public var assistantId: String,
    ) {
        /** See [RunRequest.model]. */
        public var model: String? = null

        /** See [RunRequest.instructions]. */
        public var instructions: String? = null

        /** See [RunRequest.additionalInstructions]. */
        public var additionalInstructions: String? = null

        /** See [RunRequest.temperature]. */
        public var temperature: Double? = null

        /** See [RunRequest.topP]. */
        public var topP: Double? = null

        /** See [RunRequest.maxPromptTokens]. */
        public var maxPromptTokens: Int? = null

        /** See [RunRequest.maxCompletionTokens]. */
        public var maxCompletionTokens: Int? = null

        /** See [RunRequest.truncationStrategy]. */
        public var truncationStrategy: TruncationStrategy? = null

        /** See [RunRequest.toolChoice]. */
        public var toolChoice: RunToolChoice? = null

        /** See [RunRequest.parallelToolCalls]. */
        public var parallelToolCalls: Boolean? = null

        /** See [RunRequest.responseFormat]. */
        public var responseFormat: AssistantResponseFormat? = null

        /** See [RunRequest.reasoningEffort]. */
        public var reasoningEffort: String? = null

        private var messages: MutableList<MessageRequest>? = null
        private var tools: MutableList<AssistantTool>? = null
        private var metadata: MutableMap<String, String>? = null
        private val extraBody = linkedMapOf<String, JsonElement>()

        /** Sets the model. */
        public fun model(value: String): Builder = apply { model = value }

        /** Sets the instructions. */
        public fun instructions(value: String): Builder = apply { instructions = value }

        /** Sets the additional instructions. */
        public fun additionalInstructions(value: String): Builder = apply { additionalInstructions = value }

        /** Sets the messages added before the run starts ([RunRequest.additionalMessages]), replacing any added before. */
        public fun additionalMessages(values: List<MessageRequest>): Builder = apply { messages = values.toMutableList() }

        /** Adds a message to the thread before the run starts. */
        public fun message(message: MessageRequest): Builder =
            apply { (messages ?: mutableListOf<MessageRequest>().also { messages = it }) += message }

        /** Adds a user message with plain text to the thread before the run starts. */
        public fun user(text: String): Builder = message(MessageRequest.user(text))

        /** Adds a tool (overriding the assistant's tools with those added). */
        public fun tool(tool: AssistantTool): Builder = apply { (tools ?: mutableListOf<AssistantTool>().also { tools = it }) += tool }

        /** Sets the tools, replacing any added before. */
        public fun tools(tools: List<AssistantTool>): Builder = apply { this.tools = tools.toMutableList() }

        /** Sets the metadata ([RunRequest.metadata]), replacing any pairs added before. */
        public fun metadata(values: Map<String, String>): Builder = apply { metadata = LinkedHashMap(values) }

        /** Adds a metadata pair. */
        public fun metadata(key: String, value: String): Builder =
            apply { (metadata ?: linkedMapOf<String, String>().also { metadata = it })[key] = value }

        /** Sets the temperature. */
        public fun temperature(value: Double): Builder = apply { temperature = value }

        /** Sets top_p. */
        public fun topP(value: Double): Builder = apply { topP = value }

        /** Sets the prompt token budget. */
        public fun maxPromptTokens(value: Int): Builder = apply { maxPromptTokens = value }

        /** Sets the completion token budget. */
        public fun maxCompletionTokens(value: Int): Builder = apply { maxCompletionTokens = value }

        /** Sets the truncation strategy. */
        public fun truncationStrategy(value: TruncationStrategy): Builder = apply { truncationStrategy = value }

        /** Sets the tool choice. */
        public fun toolChoice(value: RunToolChoice): Builder = apply { toolChoice = value }

        /** Sets whether function calls may run in parallel. */
        public fun parallelToolCalls(value: Boolean): Builder = apply { parallelToolCalls = value }

        /** Sets the answer format. */
        public fun responseFormat(value: AssistantResponseFormat): Builder = apply { responseFormat = value }

        /** Sets the reasoning effort. */
        public fun reasoningEffort(value: String): Builder = apply { reasoningEffort = value }

        /** Adds a provider-specific body field. */
        public fun extraBody(name: String, value: JsonElement): Builder = apply { extraBody[name] = value }

        /** Adds a provider-specific text body field. */
        public fun extraBody(name: String, value: String): Builder = extraBody(name, JsonPrimitive(value))

        /** Adds a provider-specific number body field. */
        public fun extraBody(name: String, value: Number): Builder = extraBody(name, JsonPrimitive(value))

        /** Adds a provider-specific boolean body field. */
        public fun extraBody(name: String, value: Boolean): Builder = extraBody(name, JsonPrimitive(value))

        /** The request. */
        public fun build(): RunRequest = RunRequest(
            assistantId, model, instructions, additionalInstructions, messages?.toList(), tools?.toList(),
            metadata?.toMap(), temperature, topP, maxPromptTokens, maxCompletionTokens, truncationStrategy, toolChoice,
            parallelToolCalls, responseFormat, reasoningEffort, extraBody.toMap(),
        )
    }

    public companion object {
        /** A Java-style builder. */
        @JvmStatic
        public fun builder(assistantId: String): Builder = Builder(assistantId)
    }
}

/** Builds a [RunRequest] with a Kotlin DSL: `runRequest(assistant.id) { additionalInstructions = "Be brief." }`. */
public fun runRequest(assistantId: String, block: RunRequest.Builder.() -> Unit = {}): RunRequest =
    RunRequest.Builder(assistantId).apply(block).build()

/**
 * The body of `POST /threads/{id}/runs/{run}/submit_tool_outputs`: one output per function call the run waits on.
 *
 * Build with [ToolOutputsRequest.of], [toolOutputs] in Kotlin or [ToolOutputsRequest.builder] in Java.
 */
@Serializable
public data class ToolOutputsRequest(
    /** The outputs, one per [RunToolCall]. */
    @SerialName("tool_outputs") val toolOutputs: List<ToolOutput>,
    /** Provider-specific fields merged into the body. */
    @Transient val extraBody: Map<String, JsonElement> = emptyMap(),
) {
    /** A builder holding every value of this request ([extraBody] included): change what differs and build again. */
    public fun toBuilder(): Builder = Builder().also { b ->
        b.toolOutputs(toolOutputs)
        extraBody.forEach { (name, value) -> b.extraBody(name, value) }
    }

    /** Builds a [ToolOutputsRequest]. */
    public class Builder {
        private val outputs = mutableListOf<ToolOutput>()
        private val extraBody = linkedMapOf<String, JsonElement>()

        /** Sets the outputs ([ToolOutputsRequest.toolOutputs]), replacing any added before. */
        public fun toolOutputs(values: List<ToolOutput>): Builder = apply {
            outputs.clear()
            outputs += values
        }

        /** Adds the output of the call [toolCallId]. */
        public fun output(toolCallId: String, output: String): Builder = apply { outputs += ToolOutput(toolCallId, output) }

        /** Adds a provider-specific body field. */
        public fun extraBody(name: String, value: JsonElement): Builder = apply { extraBody[name] = value }

        /** Adds a provider-specific text body field. */
        public fun extraBody(name: String, value: String): Builder = extraBody(name, JsonPrimitive(value))

        /** Adds a provider-specific number body field. */
        public fun extraBody(name: String, value: Number): Builder = extraBody(name, JsonPrimitive(value))

        /** Adds a provider-specific boolean body field. */
        public fun extraBody(name: String, value: Boolean): Builder = extraBody(name, JsonPrimitive(value))

        /** The request. */
        public fun build(): ToolOutputsRequest = ToolOutputsRequest(outputs.toList(), extraBody.toMap())
    }

    public companion object {
        /** A request with these outputs. */
        @JvmStatic
        public fun of(vararg outputs: ToolOutput): ToolOutputsRequest = ToolOutputsRequest(outputs.toList())

        /** A Java-style builder. */
        @JvmStatic
        public fun builder(): Builder = Builder()
    }
}

/** Builds a [ToolOutputsRequest] with a Kotlin DSL: `toolOutputs { output(call.id, "42") }`. */
public fun toolOutputs(block: ToolOutputsRequest.Builder.() -> Unit): ToolOutputsRequest =
    ToolOutputsRequest.Builder().apply(block).build()

/** The output of one function call. */
@Serializable
public data class ToolOutput(
    /** The [RunToolCall.id] answered. */
    @SerialName("tool_call_id") val toolCallId: String,
    /** The output, as text (often JSON). */
    val output: String,
)
