package dev.openai4k.chat

import dev.openai4k.common.StreamOptions
import dev.openai4k.OpenAIDecodeException
import dev.openai4k.OpenAIException
import dev.openai4k.Usage
import dev.openai4k.tools.TextDeltaListener
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
import java.util.concurrent.atomic.AtomicInteger

/**
 * A conversation with memory and tools. Each [send] appends the user's message, calls the model, runs the tools it
 * asks for (when they have handlers and [ChatSessionConfig.autoExecuteTools] is on) and calls it again with their
 * results until it answers with text, then records the answer and returns it as a [ChatTurn].
 *
 * Safe to share: turns are serialized by a mutex, so concurrent [send]s run one after another and never interleave
 * in the history. A turn that fails (an API error, [ChatToolRoundLimitException], cancellation) is rolled back from the
 * history; the tokens it spent still count in [usage]. A tool handler must not call its own session (the turn
 * holds the session's lock while tools run).
 *
 * Tools run through openai-core's [ToolRunner] and [ToolLoop], so the rules are those of every session (the responses
 * session's included): several calls of one answer run concurrently ([ChatSessionConfig.concurrentToolCalls]); an
 * unknown tool, arguments that are not a JSON object or do not fit the schema, and a handler that throws become error
 * results the model reads ([ChatSessionConfig.toolErrorFormatter]); the listener hears each call before and after it
 * runs.
 *
 * Tool calls that arrive without an id (some compatible servers) get one (`call_<n>`), so that each tool message
 * answers a distinct call.
 *
 * ```kotlin
 * val session = openai.chat.session { system = "You are a calculator."; tool(calculator) }
 * println(session.send("What is 15 * 27?").text)
 * ```
 */
public class ChatSession internal constructor(
    private val chat: Chat,
    /** The session's configuration. */
    public val config: ChatSessionConfig,
) {
    /** The model this session asks. */
    public val model: String = config.model
        ?: config.requestTemplate?.model?.takeIf { it.isNotBlank() }
        ?: chat.client.defaultModel
        ?: ChatSessionConfig.FALLBACK_MODEL

    private val mutex = Mutex()
    private val lock = Any()
    private val history = ArrayList<ChatMessage>()
    private var total = Usage.ZERO
    private var last: ChatTurn? = null
    private val runner = ToolRunner(config.tools, config.concurrentToolCalls, config.toolErrorFormatter, config.listener)
    private val nextCallId = AtomicInteger()

    init {
        val initial = config.history
        val startsWithInstructions = initial.firstOrNull().let { it is SystemMessage || it is DeveloperMessage }
        if (config.system != null && !startsWithInstructions) history += ChatMessage.system(config.system)
        history += initial
    }

    /** A snapshot of the history, system prompt included. */
    public val messages: List<ChatMessage> get() = synchronized(lock) { history.toList() }

    /** Tokens spent by every call this session made (tool rounds included) since it was created or cleared. */
    public val usage: Usage get() = synchronized(lock) { total }

    /** The last turn that completed, or null. */
    public val lastTurn: ChatTurn? get() = synchronized(lock) { last }

    /** Tool calls of the last assistant message that still wait for results ([addToolResult]). */
    public val pendingToolCalls: List<ToolInvocation> get() = synchronized(lock) { pendingIn(history) }

    /**
     * Sends [text] as the user and returns the assistant's answer.
     *
     * @throws IllegalStateException if tool calls still wait for results ([pendingToolCalls]).
     * @throws ChatToolRoundLimitException if the model keeps calling tools beyond [ChatSessionConfig.maxToolRounds].
     * @throws OpenAIException for every API failure.
     */
    public suspend fun send(text: String): ChatTurn = send(ChatMessage.user(text))

    /** Sends [message] (any role; usually a [UserMessage] with images or files); see [send]. */
    public suspend fun send(message: ChatMessage): ChatTurn = mutex.withLock { turn(message, null) }

    /**
     * Sends [text] and streams the answer: [onText] receives text deltas as they arrive (of every model call in the
     * turn); the whole answer is recorded and returned as with [send].
     */
    public suspend fun send(text: String, onText: TextDeltaListener): ChatTurn = send(ChatMessage.user(text), onText)

    /** Sends [message] and streams the answer; see [send] with a [TextDeltaListener]. */
    public suspend fun send(message: ChatMessage, onText: TextDeltaListener): ChatTurn =
        mutex.withLock { turn(message) { onText.onText(it) } }

    /**
     * Sends [text] when collected and emits the answer's text deltas; when the flow completes, the whole answer is
     * recorded ([messages], [lastTurn]). Cancelling the collection cancels the turn (and rolls it back). Do not call
     * the session from inside the collector: the turn holds the session's lock until the flow completes.
     */
    public fun sendStreaming(text: String): Flow<String> = sendStreaming(ChatMessage.user(text))

    /** Like [sendStreaming] with a text, for any message. */
    public fun sendStreaming(message: ChatMessage): Flow<String> = flow {
        mutex.withLock { turn(message) { emit(it) } }
    }

    /**
     * Records the result of the pending tool call [toolCallId] (manual mode).
     *
     * @throws IllegalArgumentException if no pending call has that id.
     */
    public suspend fun addToolResult(toolCallId: String, result: String): Unit = mutex.withLock {
        synchronized(lock) {
            val pending = pendingIn(history)
            require(pending.any { it.id == toolCallId }) {
                "No pending tool call has id '$toolCallId' (pending: ${pending.map { it.id }})"
            }
            history += ToolMessage(toolCallId, MessageContent.Text(result))
        }
    }

    /**
     * Calls the model again once every pending tool call has a result, and carries on as [send] does.
     *
     * @throws IllegalStateException if tool calls still wait for results.
     */
    public suspend fun continueConversation(): ChatTurn = mutex.withLock { turn(null, null) }

    /** Like [continueConversation], streaming text deltas to [onText]. */
    public suspend fun continueConversation(onText: TextDeltaListener): ChatTurn =
        mutex.withLock { turn(null) { onText.onText(it) } }

    /** Forgets the conversation (keeping the leading system or developer messages) and resets [usage]. */
    public suspend fun clear(): Unit = mutex.withLock {
        synchronized(lock) {
            val keep = history.takeWhile { it is SystemMessage || it is DeveloperMessage }
            history.clear()
            history += keep
            total = Usage.ZERO
            last = null
        }
    }

    /** The history as JSON ([ChatHistory]), to restore later with [ChatSessionConfig.Builder.history]. */
    public fun historyJson(): String = ChatHistory.toJson(messages)

    override fun toString(): String = "ChatSession(model=$model, messages=${messages.size})"

    private suspend fun turn(message: ChatMessage?, onText: (suspend (String) -> Unit)?): ChatTurn {
        val mark = synchronized(lock) {
            val pending = pendingIn(history)
            check(pending.isEmpty()) {
                "Tool calls ${pending.map { it.id }} wait for results: add them with addToolResult(), then continueConversation()"
            }
            history.size.also { if (message != null) history += message }
        }
        val result = TurnLoop(mark, onText).run()
        var usage = Usage.ZERO
        result.replies.forEach { completion -> completion.usage?.let { usage += it } }
        val answer = result.last.choices.first().message
        val turn = ChatTurn(answer.content, answer.refusal, result.pending, result.executions, usage, result.replies)
        synchronized(lock) { last = turn }
        return turn
    }

    /** One turn of the shared tool loop over this session's history. */
    private inner class TurnLoop(private val mark: Int, private val onText: (suspend (String) -> Unit)?) :
        ToolLoop<ChatCompletion>(runner, config.maxToolRounds, config.autoExecuteTools) {
        suspend fun run(): ToolLoopResult<ChatCompletion> = runTurn()

        override suspend fun callModel(): ChatCompletion {
            val received = callApi(onText)
            received.usage?.let { used -> synchronized(lock) { total += used } }
            config.listener?.onCompletion(received)
            val choice = received.choices.firstOrNull() ?: throw OpenAIDecodeException("The completion has no choices")
            val message = choice.message.copy(
                toolCalls = choice.message.toolCalls?.map { if (it.id.isBlank()) it.copy(id = "call_${nextCallId.incrementAndGet()}") else it },
            )
            synchronized(lock) { history += message.toAssistantMessage() }
            return received.copy(choices = listOf(choice.copy(message = message)) + received.choices.drop(1))
        }

        override fun toolCalls(reply: ChatCompletion): List<ToolInvocation> =
            reply.choices.first().message.toolCalls.orEmpty().map { ToolInvocation(it.id, it.name, it.arguments) }

        override fun recordResults(executions: List<ToolExecution>) {
            synchronized(lock) { executions.forEach { history += ToolMessage(it.invocation.id, MessageContent.Text(it.result)) } }
        }

        override fun roundLimitExceeded(rounds: Int, executions: List<ToolExecution>, reply: ChatCompletion): ToolRoundLimitException =
            ChatToolRoundLimitException(rounds, messages, executions)

        override fun rollback() {
            synchronized(lock) { while (history.size > mark) history.removeAt(history.size - 1) }
        }
    }

    private suspend fun callApi(onText: (suspend (String) -> Unit)?): ChatCompletion {
        val request = request(streaming = onText != null)
        if (onText == null) return chat.create(request, config.requestOptions)
        val accumulator = ChatCompletionAccumulator()
        chat.stream(request, config.requestOptions).collect { chunk ->
            accumulator.add(chunk)
            val delta = chunk.text
            if (delta.isNotEmpty()) onText(delta)
        }
        return accumulator.result()
    }

    private fun request(streaming: Boolean): ChatRequest {
        val b = config.requestTemplate?.toBuilder() ?: ChatRequest.Builder(model)
        b.model = model
        b.messages.clear()
        b.messages += messages
        config.temperature?.let { b.temperature = it }
        config.topP?.let { b.topP = it }
        config.maxTokens?.let { b.maxTokens = it }
        config.maxCompletionTokens?.let { b.maxCompletionTokens = it }
        config.tools.forEach { b.tools += it.toChatTool() }
        config.toolChoice?.let { b.toolChoice = it }
        config.parallelToolCalls?.let { b.parallelToolCalls = it }
        b.extraBody.putAll(config.extraBody)
        if (!streaming) {
            b.streamOptions = null
        } else if (config.streamUsage && b.streamOptions == null) {
            b.streamOptions = StreamOptions(includeUsage = true)
        }
        return b.build()
    }
}

/** The tool calls of the last assistant message that have no tool message answering them yet. */
private fun pendingIn(history: List<ChatMessage>): List<ToolInvocation> {
    val at = history.indexOfLast { it is AssistantMessage }
    if (at < 0) return emptyList()
    val calls = (history[at] as AssistantMessage).toolCalls.orEmpty()
    if (calls.isEmpty()) return emptyList()
    val answered = history.subList(at + 1, history.size).filterIsInstance<ToolMessage>().map { it.toolCallId }.toSet()
    return calls.filter { it.id !in answered }.map { ToolInvocation(it.id, it.name, it.arguments) }
}
