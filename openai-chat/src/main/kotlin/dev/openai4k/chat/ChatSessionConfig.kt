package dev.openai4k.chat

import dev.openai4k.RequestOptions
import dev.openai4k.tools.Tool
import dev.openai4k.tools.ToolErrorFormatter
import dev.openai4k.tools.ToolLoop
import dev.openai4k.tools.ToolRoundLimitException
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonPrimitive

/**
 * How a [ChatSession] talks to the model: model, system prompt, sampling, any other request field, tools and how
 * they run. Immutable; build with [ChatSessionConfig.builder] (Java) or the `openai.chat.session { ... }` DSL.
 *
 * Request fields are taken from [requestTemplate] first (any field of [ChatRequest]; its messages are ignored),
 * then replaced by the fields set here.
 */
public class ChatSessionConfig private constructor(builder: Builder) {
    /** The model; null means the client's `defaultModel`, else `gpt-4o-mini`. */
    public val model: String? = builder.model

    /** The system prompt, put first in the history (unless the initial [history] starts with one). */
    public val system: String? = builder.system

    /** Sampling temperature. */
    public val temperature: Double? = builder.temperature

    /** Nucleus sampling mass. */
    public val topP: Double? = builder.topP

    /** Sent as `max_tokens`. */
    public val maxTokens: Int? = builder.maxTokens

    /** Sent as `max_completion_tokens` (reasoning models). */
    public val maxCompletionTokens: Int? = builder.maxCompletionTokens

    /** Any other request fields; its model is used when [model] is unset and it is not blank. */
    public val requestTemplate: ChatRequest? = builder.requestTemplate

    /** Provider-specific fields merged into every request body. */
    public val extraBody: Map<String, JsonElement> = builder.extraBody.toMap()

    /** The tools offered to the model; those with handlers run automatically (see [autoExecuteTools]). */
    public val tools: List<Tool> = builder.tools.toList()

    /** Which tool the model may or must call. */
    public val toolChoice: ToolChoice? = builder.toolChoice

    /** Whether the model may call several tools at once. */
    public val parallelToolCalls: Boolean? = builder.parallelToolCalls

    /** Whether tools with handlers run automatically (true) or every call is left to the caller (false). */
    public val autoExecuteTools: Boolean = builder.autoExecuteTools

    /** Whether the tool calls of one answer run concurrently (true) or one after another (false). */
    public val concurrentToolCalls: Boolean = builder.concurrentToolCalls

    /** How many rounds of automatic tool calls one turn may make before [ToolRoundLimitException]. */
    public val maxToolRounds: Int = builder.maxToolRounds

    /** Writes what the model reads when a tool call fails ([ToolErrorFormatter.REDACTED] hides exception messages). */
    public val toolErrorFormatter: ToolErrorFormatter = builder.toolErrorFormatter

    /** The history to start from (a restored conversation: see [ChatHistory]). */
    public val history: List<ChatMessage> = builder.history.toList()

    /** Told about tool calls (before and after each runs; concurrently for concurrent calls) and every completion. */
    public val listener: ChatSessionListener? = builder.listener

    /** Per-call options (headers, timeout, retries) for every request the session makes. */
    public val requestOptions: RequestOptions = builder.requestOptions

    /** Whether streamed turns ask for usage (`stream_options.include_usage`) unless the template sets stream options. */
    public val streamUsage: Boolean = builder.streamUsage

    /** A builder initialised with this config. */
    public fun toBuilder(): Builder = Builder().also { b ->
        b.model = model
        b.system = system
        b.temperature = temperature
        b.topP = topP
        b.maxTokens = maxTokens
        b.maxCompletionTokens = maxCompletionTokens
        b.requestTemplate = requestTemplate
        b.extraBody.putAll(extraBody)
        b.tools += tools
        b.toolChoice = toolChoice
        b.parallelToolCalls = parallelToolCalls
        b.autoExecuteTools = autoExecuteTools
        b.concurrentToolCalls = concurrentToolCalls
        b.maxToolRounds = maxToolRounds
        b.toolErrorFormatter = toolErrorFormatter
        b.history += history
        b.listener = listener
        b.requestOptions = requestOptions
        b.streamUsage = streamUsage
    }

    override fun toString(): String =
        "ChatSessionConfig(model=$model, tools=${tools.map { it.name }}, autoExecuteTools=$autoExecuteTools, maxToolRounds=$maxToolRounds)"

    /** Builds a [ChatSessionConfig]: properties for the Kotlin DSL, fluent setters for Java. */
    public class Builder {
        /** See [ChatSessionConfig.model]. */
        public var model: String? = null

        /** See [ChatSessionConfig.system]. */
        public var system: String? = null

        /** See [ChatSessionConfig.temperature]. */
        public var temperature: Double? = null

        /** See [ChatSessionConfig.topP]. */
        public var topP: Double? = null

        /** See [ChatSessionConfig.maxTokens]. */
        public var maxTokens: Int? = null

        /** See [ChatSessionConfig.maxCompletionTokens]. */
        public var maxCompletionTokens: Int? = null

        /** See [ChatSessionConfig.requestTemplate]. */
        public var requestTemplate: ChatRequest? = null

        /** See [ChatSessionConfig.extraBody]. */
        public val extraBody: MutableMap<String, JsonElement> = linkedMapOf()

        /** See [ChatSessionConfig.tools]. */
        public val tools: MutableList<Tool> = mutableListOf()

        /** See [ChatSessionConfig.toolChoice]. */
        public var toolChoice: ToolChoice? = null

        /** See [ChatSessionConfig.parallelToolCalls]. */
        public var parallelToolCalls: Boolean? = null

        /** See [ChatSessionConfig.autoExecuteTools]. */
        public var autoExecuteTools: Boolean = true

        /** See [ChatSessionConfig.concurrentToolCalls]. */
        public var concurrentToolCalls: Boolean = true

        /** See [ChatSessionConfig.maxToolRounds]. */
        public var maxToolRounds: Int = DEFAULT_MAX_TOOL_ROUNDS

        /** See [ChatSessionConfig.toolErrorFormatter]. */
        public var toolErrorFormatter: ToolErrorFormatter = ToolErrorFormatter.DEFAULT

        /** See [ChatSessionConfig.history]. */
        public val history: MutableList<ChatMessage> = mutableListOf()

        /** See [ChatSessionConfig.listener]. */
        public var listener: ChatSessionListener? = null

        /** See [ChatSessionConfig.requestOptions]. */
        public var requestOptions: RequestOptions = RequestOptions.NONE

        /** See [ChatSessionConfig.streamUsage]. */
        public var streamUsage: Boolean = true

        /** Sets the model. */
        public fun model(value: String): Builder = apply { model = value }

        /** Sets the system prompt. */
        public fun system(value: String): Builder = apply { system = value }

        /** Sets the temperature. */
        public fun temperature(value: Double): Builder = apply { temperature = value }

        /** Sets top_p. */
        public fun topP(value: Double): Builder = apply { topP = value }

        /** Sets max_tokens. */
        public fun maxTokens(value: Int): Builder = apply { maxTokens = value }

        /** Sets max_completion_tokens. */
        public fun maxCompletionTokens(value: Int): Builder = apply { maxCompletionTokens = value }

        /** Sets the request template. */
        public fun requestTemplate(value: ChatRequest): Builder = apply { requestTemplate = value }

        /** Adds a provider-specific field. */
        public fun extraBody(name: String, value: JsonElement): Builder = apply { extraBody[name] = value }

        /** Adds a provider-specific number field. */
        public fun extraBody(name: String, value: Number): Builder = extraBody(name, JsonPrimitive(value))

        /** Adds a provider-specific text field. */
        public fun extraBody(name: String, value: String): Builder = extraBody(name, JsonPrimitive(value))

        /** Adds a provider-specific boolean field to every request. */
        public fun extraBody(name: String, value: Boolean): Builder = extraBody(name, JsonPrimitive(value))

        /** Adds a tool. */
        public fun tool(tool: Tool): Builder = apply { tools += tool }

        /** Adds tools. */
        public fun tools(tools: List<Tool>): Builder = apply { this.tools += tools }

        /** Sets the tool choice. */
        public fun toolChoice(value: ToolChoice): Builder = apply { toolChoice = value }

        /** Sets parallel_tool_calls. */
        public fun parallelToolCalls(value: Boolean): Builder = apply { parallelToolCalls = value }

        /** Sets whether tools with handlers run automatically. */
        public fun autoExecuteTools(value: Boolean): Builder = apply { autoExecuteTools = value }

        /** Sets whether one answer's tool calls run concurrently. */
        public fun concurrentToolCalls(value: Boolean): Builder = apply { concurrentToolCalls = value }

        /** Sets the most rounds of automatic tool calls per turn. */
        public fun maxToolRounds(value: Int): Builder = apply { maxToolRounds = value }

        /** Sets how failed tool calls are described to the model. */
        public fun toolErrorFormatter(value: ToolErrorFormatter): Builder = apply { toolErrorFormatter = value }

        /** Adds messages to the initial history. */
        public fun history(messages: List<ChatMessage>): Builder = apply { history += messages }

        /** Sets the listener. */
        public fun listener(value: ChatSessionListener): Builder = apply { listener = value }

        /** Sets the per-call options. */
        public fun requestOptions(value: RequestOptions): Builder = apply { requestOptions = value }

        /** Sets whether streamed turns ask for usage. */
        public fun streamUsage(value: Boolean): Builder = apply { streamUsage = value }

        /**
         * The config.
         *
         * @throws IllegalArgumentException if [maxToolRounds] is negative or two tools share a name.
         */
        public fun build(): ChatSessionConfig {
            require(maxToolRounds >= 0) { "maxToolRounds must be >= 0, was $maxToolRounds" }
            val duplicate = tools.groupBy { it.name }.filterValues { it.size > 1 }.keys
            require(duplicate.isEmpty()) { "Tool names must be unique: $duplicate" }
            return ChatSessionConfig(this)
        }
    }

    public companion object {
        /** The rounds of automatic tool calls allowed per turn unless configured. */
        public const val DEFAULT_MAX_TOOL_ROUNDS: Int = ToolLoop.DEFAULT_MAX_ROUNDS

        /** The model used when neither the config nor the client names one. */
        public const val FALLBACK_MODEL: String = "gpt-4o-mini"

        /** A config with every default. */
        @JvmField
        public val DEFAULT: ChatSessionConfig = Builder().build()

        /** A Java-style builder. */
        @JvmStatic
        public fun builder(): Builder = Builder()
    }
}

/** Builds a [ChatSessionConfig] with a DSL. */
public fun chatSessionConfig(block: ChatSessionConfig.Builder.() -> Unit): ChatSessionConfig =
    ChatSessionConfig.Builder().apply(block).build()
