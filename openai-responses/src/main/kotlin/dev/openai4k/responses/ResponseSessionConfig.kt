package dev.openai4k.responses

import dev.openai4k.RequestOptions
import dev.openai4k.tools.Tool
import dev.openai4k.tools.ToolErrorFormatter
import dev.openai4k.tools.ToolLoop
import dev.openai4k.tools.ToolRoundLimitException
import kotlinx.serialization.json.JsonObject

/**
 * How a [ResponseSession] talks to the model: model, instructions, any other request field, tools and how they run.
 * Immutable; build with [ResponseSessionConfig.builder] (Java) or the `openai.responses.session { ... }` DSL. The
 * settings it shares with `ChatSessionConfig` have the same names and defaults.
 *
 * Request fields are taken from [requestTemplate] first (any field of [ResponseRequest]: temperature, reasoning, text
 * format, store, tool choice...), then the session sets model, instructions, tools, input and previous response id.
 */
public class ResponseSessionConfig private constructor(builder: Builder) {
    /** The model; null means the template's model, else the client's `defaultModel`, else `gpt-4o-mini`. */
    public val model: String? = builder.model

    /** The instructions sent with every request (the server does not carry them over); null uses the template's. */
    public val instructions: String? = builder.instructions

    /** Any other request fields; its model is used when [model] is unset and it is not blank. */
    public val requestTemplate: ResponseRequest? = builder.requestTemplate

    /** The function tools offered to the model; those with handlers run automatically (see [autoExecuteTools]). */
    public val tools: List<Tool> = builder.tools.toList()

    /** Tools the server runs (web search, file search, ...), sent with every request after [tools]. */
    public val hostedTools: List<ResponseTool> = builder.hostedTools.toList()

    /** Whether tools with handlers run automatically (true) or every call is left to the caller (false). */
    public val autoExecuteTools: Boolean = builder.autoExecuteTools

    /** Whether the function calls of one response run concurrently (true) or one after another (false). */
    public val concurrentToolCalls: Boolean = builder.concurrentToolCalls

    /** How many rounds of automatic tool calls one turn may make before [ToolRoundLimitException]. */
    public val maxToolRounds: Int = builder.maxToolRounds

    /** Writes what the model reads when a tool call fails ([ToolErrorFormatter.REDACTED] hides exception messages). */
    public val toolErrorFormatter: ToolErrorFormatter = builder.toolErrorFormatter

    /** Told about tool calls (before and after each runs; concurrently for concurrent calls) and every response. */
    public val listener: ResponseSessionListener? = builder.listener

    /** Per-call options (headers, timeout, retries) for every request the session makes. */
    public val requestOptions: RequestOptions = builder.requestOptions

    /** Chain turns by `previous_response_id` (true, the default) or resend the whole transcript (for servers that store nothing). */
    public val useServerState: Boolean = builder.useServerState

    /** A builder initialised with this config. */
    public fun toBuilder(): Builder = Builder().also { b ->
        b.model = model
        b.instructions = instructions
        b.requestTemplate = requestTemplate
        b.tools += tools
        b.hostedTools += hostedTools
        b.autoExecuteTools = autoExecuteTools
        b.concurrentToolCalls = concurrentToolCalls
        b.maxToolRounds = maxToolRounds
        b.toolErrorFormatter = toolErrorFormatter
        b.listener = listener
        b.requestOptions = requestOptions
        b.useServerState = useServerState
    }

    override fun toString(): String =
        "ResponseSessionConfig(model=$model, tools=${tools.map { it.name }}, autoExecuteTools=$autoExecuteTools, maxToolRounds=$maxToolRounds)"

    /** Builds a [ResponseSessionConfig]: properties for the Kotlin DSL, fluent setters for Java. */
    public class Builder {
        /** See [ResponseSessionConfig.model]. */
        public var model: String? = null

        /** See [ResponseSessionConfig.instructions]. */
        public var instructions: String? = null

        /** See [ResponseSessionConfig.requestTemplate]. */
        public var requestTemplate: ResponseRequest? = null

        /** See [ResponseSessionConfig.tools]. */
        public val tools: MutableList<Tool> = mutableListOf()

        /** See [ResponseSessionConfig.hostedTools]. */
        public val hostedTools: MutableList<ResponseTool> = mutableListOf()

        /** See [ResponseSessionConfig.autoExecuteTools]. */
        public var autoExecuteTools: Boolean = true

        /** See [ResponseSessionConfig.concurrentToolCalls]. */
        public var concurrentToolCalls: Boolean = true

        /** See [ResponseSessionConfig.maxToolRounds]. */
        public var maxToolRounds: Int = DEFAULT_MAX_TOOL_ROUNDS

        /** See [ResponseSessionConfig.toolErrorFormatter]. */
        public var toolErrorFormatter: ToolErrorFormatter = ToolErrorFormatter.DEFAULT

        /** See [ResponseSessionConfig.listener]. */
        public var listener: ResponseSessionListener? = null

        /** See [ResponseSessionConfig.requestOptions]. */
        public var requestOptions: RequestOptions = RequestOptions.NONE

        /** See [ResponseSessionConfig.useServerState]. */
        public var useServerState: Boolean = true

        /** Sets the model. */
        public fun model(value: String): Builder = apply { model = value }

        /** Sets the instructions. */
        public fun instructions(value: String): Builder = apply { instructions = value }

        /** Sets the request template. */
        public fun requestTemplate(value: ResponseRequest): Builder = apply { requestTemplate = value }

        /** Adds a function tool (with a handler it runs automatically; without, its calls end the turn). */
        public fun tool(tool: Tool): Builder = apply { tools += tool }

        /** Adds function tools. */
        public fun tools(tools: List<Tool>): Builder = apply { this.tools += tools }

        /**
         * Adds a tool as the Responses API declares it: a hosted tool, or a [ResponseTool.Function] the caller answers
         * (it becomes a [Tool] without handler).
         */
        public fun tool(tool: ResponseTool): Builder = apply {
            if (tool is ResponseTool.Function) {
                tools += Tool(tool.name, tool.description, tool.parameters ?: JsonObject(emptyMap()), tool.strict)
            } else {
                hostedTools += tool
            }
        }

        /** Sets whether tools with handlers run automatically. */
        public fun autoExecuteTools(value: Boolean): Builder = apply { autoExecuteTools = value }

        /** Sets whether one response's function calls run concurrently. */
        public fun concurrentToolCalls(value: Boolean): Builder = apply { concurrentToolCalls = value }

        /** Sets the most rounds of automatic tool calls per turn. */
        public fun maxToolRounds(value: Int): Builder = apply { maxToolRounds = value }

        /** Sets how failed tool calls are described to the model. */
        public fun toolErrorFormatter(value: ToolErrorFormatter): Builder = apply { toolErrorFormatter = value }

        /** Sets the listener. */
        public fun listener(value: ResponseSessionListener): Builder = apply { listener = value }

        /** Sets the per-call options. */
        public fun requestOptions(value: RequestOptions): Builder = apply { requestOptions = value }

        /** Sets how turns are chained; see [ResponseSessionConfig.useServerState]. */
        public fun useServerState(value: Boolean): Builder = apply { useServerState = value }

        /**
         * The config.
         *
         * @throws IllegalArgumentException if [maxToolRounds] is negative or two tools share a name.
         */
        public fun build(): ResponseSessionConfig {
            require(maxToolRounds >= 0) { "maxToolRounds must be >= 0, was $maxToolRounds" }
            val duplicate = tools.groupBy { it.name }.filterValues { it.size > 1 }.keys
            require(duplicate.isEmpty()) { "Tool names must be unique: $duplicate" }
            return ResponseSessionConfig(this)
        }
    }

    public companion object {
        /** The rounds of automatic tool calls allowed per turn unless configured (the same for every session). */
        public const val DEFAULT_MAX_TOOL_ROUNDS: Int = ToolLoop.DEFAULT_MAX_ROUNDS

        /** The model used when neither the config, its template nor the client names one. */
        public const val FALLBACK_MODEL: String = "gpt-4o-mini"

        /** A config with every default. */
        @JvmField
        public val DEFAULT: ResponseSessionConfig = Builder().build()

        /** A Java-style builder. */
        @JvmStatic
        public fun builder(): Builder = Builder()
    }
}

/** Builds a [ResponseSessionConfig] with a DSL. */
public fun responseSessionConfig(block: ResponseSessionConfig.Builder.() -> Unit): ResponseSessionConfig =
    ResponseSessionConfig.Builder().apply(block).build()
