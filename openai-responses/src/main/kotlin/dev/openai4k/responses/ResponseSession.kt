package dev.openai4k.responses

import dev.openai4k.tools.TextDeltaListener
import dev.openai4k.tools.Tool
import dev.openai4k.tools.ToolExecution
import dev.openai4k.tools.ToolInvocation
import dev.openai4k.tools.ToolLoop
import dev.openai4k.tools.ToolLoopResult
import dev.openai4k.tools.ToolRoundLimitException
import dev.openai4k.tools.ToolRunner
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.serialization.json.JsonObject

/**
 * A multi-turn conversation over the Responses API, with tools; the same shape as the chat session (`ChatSession`).
 * Each [send] sends the user's input, runs the function tools the model calls (when they have handlers and
 * [ResponseSessionConfig.autoExecuteTools] is on), sends their outputs back as `function_call_output` items until the
 * model answers without calling a tool, and returns a [ResponseTurn].
 *
 * Turns continue from the previous response by `previous_response_id` (the server keeps the history, the default) or,
 * with [ResponseSessionConfig.useServerState] off, by resending the whole transcript. Instructions and tools are sent
 * on every request, since the server does not carry them over.
 *
 * Tools run through openai-core's [ToolRunner] and [ToolLoop], so the rules are those of every session: several calls
 * of one response run concurrently ([ResponseSessionConfig.concurrentToolCalls]); an unknown tool, arguments that are
 * not a JSON object or do not fit the schema, and a handler that throws become error outputs the model reads
 * ([ResponseSessionConfig.toolErrorFormatter]); beyond [ResponseSessionConfig.maxToolRounds] rounds the turn fails with
 * [ResponseToolRoundLimitException]. Calls to tools without handlers (or every call, with auto-execution off) end the
 * turn: answer them with [addToolResult], then [continueConversation].
 *
 * Safe to share: turns are serialized. A turn that fails (an API error, the round limit, cancellation) is rolled back
 * (previous response id, [history], [transcript]); the tokens it spent still count in [usage]. A tool handler must not
 * call its own session.
 *
 * ```kotlin
 * val session = openai.responses.session { instructions = "Be brief."; tool(weather) }
 * println(session.send("Weather in Oslo?").text)
 * ```
 */
public class ResponseSession internal constructor(
    private val responses: Responses,
    /** The session's configuration. */
    public val config: ResponseSessionConfig,
    clientDefaultModel: String?,
) {
    /** The model this session asks. */
    public val model: String = config.model?.takeIf { it.isNotBlank() }
        ?: config.requestTemplate?.model?.takeIf { it.isNotBlank() }
        ?: clientDefaultModel
        ?: ResponseSessionConfig.FALLBACK_MODEL

    private val mutex = Mutex()
    private val lock = Any()
    private val runner = ToolRunner(config.tools, config.concurrentToolCalls, config.toolErrorFormatter, config.listener)
    private val declaredTools: List<ResponseTool> =
        config.requestTemplate?.tools.orEmpty() + config.tools.map { it.toResponseTool() } + config.hostedTools
    private val state = ConversationState()
    private var total = ResponseUsage.ZERO
    private var last: ResponseTurn? = null

    /** The id of the latest response (the next request's `previous_response_id` with server state), or null. */
    public val previousResponseId: String? get() = synchronized(lock) { state.lastId }

    /** Every response of this session, tool rounds included, oldest first. */
    public val history: List<Response> get() = synchronized(lock) { state.responses.toList() }

    /** The latest response, or null before the first turn. */
    public val lastResponse: Response? get() = synchronized(lock) { state.responses.lastOrNull() }

    /** The transcript resent each turn when [ResponseSessionConfig.useServerState] is off (empty otherwise). */
    public val transcript: List<ResponseItem> get() = synchronized(lock) { state.transcript.toList() }

    /** Tokens spent by every response of this session (failed turns included) since it was created or cleared. */
    public val usage: ResponseUsage get() = synchronized(lock) { total }

    /** The last turn that completed, or null. */
    public val lastTurn: ResponseTurn? get() = synchronized(lock) { last }

    /** Function calls of the last response that still wait for results ([addToolResult]). */
    public val pendingToolCalls: List<ToolInvocation> get() = synchronized(lock) { state.pendingCalls() }

    /**
     * Sends [input] as the user and returns the model's answer after any automatic tool rounds.
     *
     * @throws IllegalStateException if tool calls still wait for results ([pendingToolCalls]).
     * @throws ResponseToolRoundLimitException if the model keeps calling tools beyond the round limit.
     * @throws dev.openai4k.OpenAIException for every API failure.
     */
    public suspend fun send(input: String): ResponseTurn = send(listOf(ResponseItem.user(input)))

    /** Sends input items (messages with images or files, references, ...); see [send]. */
    public suspend fun send(items: List<ResponseItem>): ResponseTurn = mutex.withLock { turn(items, null) }

    /**
     * Sends [input] and streams the answer: [onText] receives the output text deltas as they arrive (of every model
     * call in the turn); the turn is recorded and returned as with [send].
     */
    public suspend fun send(input: String, onText: TextDeltaListener): ResponseTurn = send(listOf(ResponseItem.user(input)), onText)

    /** Sends input items and streams the answer; see [send] with a [TextDeltaListener]. */
    public suspend fun send(items: List<ResponseItem>, onText: TextDeltaListener): ResponseTurn =
        mutex.withLock { turn(items) { onText.onText(it) } }

    /**
     * Sends [input] when collected and emits the answer's text deltas; when the flow completes, the turn is recorded
     * ([lastTurn]). Cancelling the collection cancels the turn (and rolls it back). Do not call the session from
     * inside the collector: the turn holds the session's lock until the flow completes.
     */
    public fun sendStreaming(input: String): Flow<String> = sendStreaming(listOf(ResponseItem.user(input)))

    /** Like [sendStreaming] with a text, for input items. */
    public fun sendStreaming(items: List<ResponseItem>): Flow<String> = flow {
        mutex.withLock { turn(items) { emit(it) } }
    }

    /**
     * Records [output] as the result of the pending function call [callId]; it is sent with the next request.
     *
     * @throws IllegalArgumentException if no pending call has that id.
     */
    public suspend fun addToolResult(callId: String, output: String): Unit = mutex.withLock {
        synchronized(lock) {
            val pending = state.pendingCalls()
            require(pending.any { it.id == callId }) { "No pending tool call has id '$callId' (pending: ${pending.map { it.id }})" }
            state.queued += ResponseItem.FunctionCallOutput(callId, output)
        }
    }

    /**
     * Calls the model again once every pending call has a result, and carries on as [send] does.
     *
     * @throws IllegalStateException if tool calls still wait for results.
     */
    public suspend fun continueConversation(): ResponseTurn = mutex.withLock { turn(emptyList(), null) }

    /** Like [continueConversation], streaming text deltas to [onText]. */
    public suspend fun continueConversation(onText: TextDeltaListener): ResponseTurn =
        mutex.withLock { turn(emptyList()) { onText.onText(it) } }

    /** Forgets the conversation (previous response id, history, transcript, pending calls) and resets [usage]. */
    public suspend fun clear(): Unit = mutex.withLock {
        synchronized(lock) {
            state.restore(ConversationState())
            total = ResponseUsage.ZERO
            last = null
        }
    }

    override fun toString(): String = "ResponseSession(model=$model, responses=${history.size})"

    private suspend fun turn(input: List<ResponseItem>, onText: (suspend (String) -> Unit)?): ResponseTurn {
        val before = synchronized(lock) {
            val pending = state.pendingCalls()
            check(pending.isEmpty()) {
                "Tool calls ${pending.map { it.id }} wait for results: add them with addToolResult(), then continueConversation()"
            }
            state.copy().also { state.queued += input }
        }
        val result = TurnLoop(before, onText).run()
        val usage = result.replies.mapNotNull { it.usage }.fold(ResponseUsage.ZERO) { sum, used -> sum + used }
        val text = result.last.outputText.takeIf { it.isNotEmpty() }
        val turn = ResponseTurn(text, result.pending, result.executions, usage, result.replies)
        synchronized(lock) {
            state.awaiting = result.pending
            last = turn
        }
        return turn
    }

    /** One turn of the shared tool loop over this session's conversation. */
    private inner class TurnLoop(private val before: ConversationState, private val onText: (suspend (String) -> Unit)?) :
        ToolLoop<Response>(runner, config.maxToolRounds, config.autoExecuteTools) {
        suspend fun run(): ToolLoopResult<Response> = runTurn()

        override suspend fun callModel(): Response {
            val (input, request) = synchronized(lock) { state.queued.toList().let { it to request(it) } }
            val response = callApi(request, onText)
            synchronized(lock) {
                response.usage?.let { total += it }
                state.record(input, response, config.useServerState)
            }
            config.listener?.onResponse(response)
            return response
        }

        override fun toolCalls(reply: Response): List<ToolInvocation> =
            reply.functionCalls.map { ToolInvocation(it.callId, it.name, it.arguments) }

        override fun recordResults(executions: List<ToolExecution>) {
            synchronized(lock) { executions.forEach { state.queued += ResponseItem.FunctionCallOutput(it.invocation.id, it.result) } }
        }

        override fun roundLimitExceeded(rounds: Int, executions: List<ToolExecution>, reply: Response): ToolRoundLimitException =
            ResponseToolRoundLimitException(rounds, reply, executions)

        override fun rollback() {
            synchronized(lock) { state.restore(before) }
        }
    }

    private suspend fun callApi(request: ResponseRequest, onText: (suspend (String) -> Unit)?): Response {
        if (onText == null) return responses.create(request, config.requestOptions)
        val accumulator = ResponseAccumulator()
        responses.stream(request, config.requestOptions).collect { event ->
            accumulator.add(event)
            if (event is ResponseStreamEvent.OutputTextDelta && event.delta.isNotEmpty()) onText(event.delta)
        }
        return accumulator.result()
    }

    private fun request(input: List<ResponseItem>): ResponseRequest {
        val template = config.requestTemplate ?: ResponseRequest(model)
        val serverState = config.useServerState
        return template.copy(
            model = model,
            input = ResponseInput.Items(if (serverState) input else state.transcript + input),
            instructions = config.instructions ?: template.instructions,
            tools = declaredTools,
            previousResponseId = if (serverState) state.lastId ?: template.previousResponseId else template.previousResponseId,
        )
    }
}

/** The declaration of this tool as a responses request sends it (`{"type":"function","name":...}`). */
public fun Tool.toResponseTool(): ResponseTool = ResponseTool.Function(name, description, parameters, strict)

/** What a [ResponseSession] remembers between requests; copied at the start of a turn to roll a failed one back. */
private class ConversationState(
    var lastId: String? = null,
    val responses: MutableList<Response> = mutableListOf(),
    val transcript: MutableList<ResponseItem> = mutableListOf(),
    /** Input for the next request: the user's items, tool outputs not sent yet. */
    val queued: MutableList<ResponseItem> = mutableListOf(),
    /** The calls of the last turn left to the caller. */
    var awaiting: List<ToolInvocation> = emptyList(),
) {
    fun copy() = ConversationState(lastId, responses.toMutableList(), transcript.toMutableList(), queued.toMutableList(), awaiting)

    fun restore(other: ConversationState) {
        lastId = other.lastId
        responses.clear()
        responses += other.responses
        transcript.clear()
        transcript += other.transcript
        queued.clear()
        queued += other.queued
        awaiting = other.awaiting
    }

    fun record(input: List<ResponseItem>, response: Response, useServerState: Boolean) {
        responses += response
        if (!useServerState) transcript += input + response.output
        if (response.id.isNotEmpty()) lastId = response.id
        queued.clear()
        awaiting = emptyList()
    }

    fun pendingCalls(): List<ToolInvocation> {
        val answered = queued.filterIsInstance<ResponseItem.FunctionCallOutput>().map { it.callId }.toSet()
        return awaiting.filter { it.id !in answered }
    }
}
