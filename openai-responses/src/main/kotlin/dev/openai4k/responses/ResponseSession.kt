package dev.openai4k.responses

import dev.openai4k.OpenAIJson
import dev.openai4k.RequestOptions
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.serialization.KSerializer
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.serializer

/** Receives text as it streams. */
public fun interface TextDeltaListener {
    /** Called with each new piece of output text, in order. */
    public fun onText(delta: String)
}

/**
 * A multi-turn conversation over the Responses API.
 *
 * Each [send] continues from the previous response: by `previous_response_id` (the server keeps the history,
 * the default) or, with [Builder.useServerState] off, by resending the whole transcript (for servers that do not
 * store responses). Instructions and tools are sent on every turn, since the server does not carry them over.
 *
 * Function tools registered with a handler run automatically: when the model calls them, the session runs the
 * handlers one after another and sends `function_call_output` items back, until the model answers without
 * calling a tool, or [Builder.maxToolRounds] is reached ([ToolRoundLimitException]). A call to a function tool
 * declared without a handler ends the turn, so the caller can answer it with [send] of a
 * [ResponseItem.FunctionCallOutput]. Concurrent sends are serialized.
 */
public class ResponseSession private constructor(
    private val responses: Responses,
    private val template: ResponseRequest,
    private val handlers: Map<String, ResponseToolHandler>,
    /** The tools sent with every request. */
    public val tools: List<ResponseTool>,
    /** The most tool rounds in one [send]. */
    public val maxToolRounds: Int,
    /** Whether turns chain by `previous_response_id` (true) or by resending the transcript (false). */
    public val useServerState: Boolean,
) {
    private val mutex = Mutex()
    private val responseList = mutableListOf<Response>()
    private val transcriptItems = mutableListOf<ResponseItem>()

    @Volatile
    private var lastId: String? = null

    @Volatile
    private var total: ResponseUsage = ResponseUsage.ZERO

    /** The model used. */
    public val model: String get() = template.model

    /** The instructions sent with every request; may be changed between turns. */
    @Volatile
    public var instructions: String? = template.instructions

    /** The id the next request continues from, or null before the first turn. */
    public val previousResponseId: String? get() = lastId

    /** Every response of this session, tool rounds included, oldest first. */
    public val history: List<Response> get() = synchronized(responseList) { responseList.toList() }

    /** The latest response, or null before the first turn. */
    public val lastResponse: Response? get() = synchronized(responseList) { responseList.lastOrNull() }

    /** The transcript resent each turn when [useServerState] is off (empty otherwise). */
    public val transcript: List<ResponseItem> get() = synchronized(transcriptItems) { transcriptItems.toList() }

    /** Token usage summed over every response of this session. */
    public val usage: ResponseUsage get() = total

    /**
     * Sends a user message and returns the model's answer after any automatic tool rounds.
     *
     * @throws ToolRoundLimitException when the model still calls tools after [maxToolRounds] rounds.
     * @throws dev.openai4k.OpenAIException for API and network failures.
     */
    public suspend fun send(input: String, options: RequestOptions = RequestOptions.NONE): Response =
        send(listOf(ResponseItem.user(input)), options)

    /**
     * Sends input items (messages, function call outputs for tools without handlers, ...) and returns the
     * answer after any automatic tool rounds.
     *
     * @throws ToolRoundLimitException when the model still calls tools after [maxToolRounds] rounds.
     * @throws dev.openai4k.OpenAIException for API and network failures.
     */
    public suspend fun send(items: List<ResponseItem>, options: RequestOptions = RequestOptions.NONE): Response =
        mutex.withLock { turn(items) { request -> responses.create(request, options) } }

    /**
     * Like [send], but streams: [onText] receives the output text as it arrives (across tool rounds), and the
     * final response is returned.
     *
     * @throws dev.openai4k.OpenAIException when a stream fails, with its partial response attached.
     */
    public suspend fun sendStreaming(
        input: String,
        options: RequestOptions = RequestOptions.NONE,
        onText: TextDeltaListener,
    ): Response = sendStreaming(listOf(ResponseItem.user(input)), options, onText)

    /** Like [send] with items, but streams text to [onText]; see [sendStreaming]. */
    public suspend fun sendStreaming(
        items: List<ResponseItem>,
        options: RequestOptions = RequestOptions.NONE,
        onText: TextDeltaListener,
    ): Response = mutex.withLock {
        turn(items) { request ->
            val acc = ResponseAccumulator()
            responses.stream(request, options).collect { event ->
                acc.add(event)
                if (event is ResponseStreamEvent.OutputTextDelta && event.delta.isNotEmpty()) onText.onText(event.delta)
            }
            acc.result()
        }
    }

    /** Forgets the conversation (previous response id, history, transcript, usage); settings are kept. */
    public suspend fun reset() {
        mutex.withLock {
            lastId = null
            total = ResponseUsage.ZERO
            synchronized(responseList) { responseList.clear() }
            synchronized(transcriptItems) { transcriptItems.clear() }
        }
    }

    private suspend fun turn(input: List<ResponseItem>, call: suspend (ResponseRequest) -> Response): Response {
        var next = input
        var rounds = 0
        while (true) {
            val response = call(requestFor(next))
            record(next, response)
            val calls = response.functionCalls
            if (calls.isEmpty() || calls.any { it.name !in handlers && tools.any { t -> t is ResponseTool.Function && t.name == it.name } }) {
                return response
            }
            if (rounds >= maxToolRounds) throw ToolRoundLimitException(maxToolRounds, response)
            rounds++
            next = calls.map { ResponseItem.FunctionCallOutput(it.callId, run(it)) }
        }
    }

    private fun requestFor(input: List<ResponseItem>): ResponseRequest {
        val sent = if (useServerState) input else synchronized(transcriptItems) { transcriptItems + input }
        return template.copy(
            input = ResponseInput.Items(sent),
            instructions = instructions,
            tools = tools,
            previousResponseId = if (useServerState) lastId ?: template.previousResponseId else template.previousResponseId,
        )
    }

    private fun record(input: List<ResponseItem>, response: Response) {
        synchronized(responseList) { responseList += response }
        if (!useServerState) synchronized(transcriptItems) { transcriptItems += input + response.output }
        if (response.id.isNotEmpty()) lastId = response.id
        response.usage?.let { total += it }
    }

    private suspend fun run(call: ResponseItem.FunctionCall): String {
        val handler = handlers[call.name] ?: return errorOutput("Unknown function: ${call.name}")
        val arguments = try {
            if (call.arguments.isBlank()) JsonObject(emptyMap()) else OpenAIJson.parseToJsonElement(call.arguments) as? JsonObject
        } catch (_: Exception) {
            null
        } ?: return errorOutput("The arguments are not a JSON object: ${call.arguments.take(200)}")
        return try {
            handler.handle(arguments)
        } catch (e: CancellationException) {
            throw e
        } catch (e: Exception) {
            errorOutput("${e::class.simpleName}: ${e.message ?: "no message"}")
        }
    }

    private fun errorOutput(message: String): String = JsonObject(mapOf("error" to JsonPrimitive(message))).toString()

    /**
     * Configures a [ResponseSession]: Kotlin DSL through `openai.responses.session { ... }`, fluent calls for Java
     * through `sessionBuilder()`.
     */
    public class Builder internal constructor(private val responses: Responses, defaultModel: String?) {
        /** The model; defaults to the client's default model. */
        public var model: String? = defaultModel

        /** Instructions sent with every request. */
        public var instructions: String? = null

        /** The most tool rounds in one send (default 10). */
        public var maxToolRounds: Int = 10

        /** Chain turns by `previous_response_id` (true, the default) or resend the transcript each turn (false). */
        public var useServerState: Boolean = true

        /**
         * Settings applied to every request (temperature, reasoning, text format, store, ...). Its model, input,
         * instructions, tools and previous response id are replaced by the session's.
         */
        public val defaults: ResponseRequest.Builder = ResponseRequest.Builder("")

        private val tools = mutableListOf<ResponseTool>()
        private val handlers = linkedMapOf<String, ResponseToolHandler>()

        /** Sets the model. */
        public fun model(value: String): Builder = apply { model = value }

        /** Sets the instructions. */
        public fun instructions(value: String): Builder = apply { instructions = value }

        /** Sets the tool-round limit. */
        public fun maxToolRounds(value: Int): Builder = apply {
            require(value >= 0) { "maxToolRounds must be >= 0, was $value" }
            maxToolRounds = value
        }

        /** Sets how turns are chained; see [useServerState]. */
        public fun useServerState(value: Boolean): Builder = apply { useServerState = value }

        /** Changes [defaults] with a DSL block. */
        public fun defaults(block: ResponseRequest.Builder.() -> Unit): Builder = apply { defaults.block() }

        /**
         * Adds a tool without a handler: a hosted tool, or a function the caller answers itself (a call to it
         * ends the turn).
         */
        public fun tool(tool: ResponseTool): Builder = apply { tools += tool }

        /**
         * Adds a function tool whose calls [handler] answers automatically.
         *
         * @param parameters the JSON Schema of the arguments object.
         */
        @JvmOverloads
        public fun tool(
            name: String,
            description: String?,
            parameters: JsonObject,
            strict: Boolean? = null,
            handler: ResponseToolHandler,
        ): Builder = apply {
            require(name !in handlers) { "A tool named $name is already registered" }
            tools += ResponseTool.Function(name, description, parameters, strict)
            handlers[name] = handler
        }

        /**
         * Adds a function tool whose arguments are decoded with [serializer] before [handler] runs. Arguments that
         * do not decode are reported back to the model as an error output.
         */
        @JvmOverloads
        public fun <T> typedTool(
            name: String,
            description: String?,
            parameters: JsonObject,
            serializer: KSerializer<T>,
            strict: Boolean? = null,
            handler: TypedResponseToolHandler<T>,
        ): Builder = tool(name, description, parameters, strict) { arguments ->
            handler.handle(OpenAIJson.decodeFromJsonElement(serializer, arguments))
        }

        /** Kotlin shorthand of [typedTool] for a `@Serializable` argument class [T]. */
        public inline fun <reified T> typedTool(
            name: String,
            description: String?,
            parameters: JsonObject,
            handler: TypedResponseToolHandler<T>,
        ): Builder = typedTool(name, description, parameters, serializer<T>(), null, handler)

        /**
         * The session.
         *
         * @throws IllegalStateException if no model is set and the client has no default model.
         */
        public fun build(): ResponseSession {
            val chosen = model?.takeIf { it.isNotBlank() }
                ?: throw IllegalStateException("A responses session needs a model (set model, or the client's defaultModel)")
            val template = defaults.build()
                .copy(model = chosen, instructions = instructions ?: defaults.instructions, tools = emptyList(), input = null)
            return ResponseSession(
                responses, template, handlers.toMap(), tools.toList() + defaults.tools, maxToolRounds, useServerState,
            )
        }
    }
}
