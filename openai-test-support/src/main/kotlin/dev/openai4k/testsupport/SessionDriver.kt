package dev.openai4k.testsupport

import dev.openai4k.tools.TextDeltaListener
import dev.openai4k.tools.Tool
import dev.openai4k.tools.ToolErrorFormatter
import dev.openai4k.tools.ToolExecution
import dev.openai4k.tools.ToolInvocation
import dev.openai4k.tools.ToolListener
import dev.openai4k.tools.ToolRoundLimitException
import io.ktor.client.engine.mock.MockRequestHandleScope
import io.ktor.client.request.HttpResponseData
import kotlinx.coroutines.flow.Flow
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import java.util.concurrent.atomic.AtomicInteger
import kotlin.reflect.KClass

/**
 * A model reply a [SessionBehaviourSpec] scenario scripts. The driver writes it in its API's wire format, as a JSON
 * body or as an event stream (whichever the request asked for). Every reply spends [TOKENS_PER_REPLY] tokens.
 */
sealed interface ModelReply {
    /** An answer without tool calls; streamed, its text arrives in several deltas (split after each space). */
    data class Answer(val text: String) : ModelReply

    /** A reply calling tools. */
    data class Calls(val calls: List<ToolInvocation>) : ModelReply

    /** An API error answer with [status] (no tokens spent). */
    data class Failure(val status: Int, val message: String = "server trouble") : ModelReply

    companion object {
        /** The tokens each scripted [Answer] or [Calls] reply spends (total). */
        const val TOKENS_PER_REPLY: Int = 15
    }
}

/** A reply answering [text]. */
fun answer(text: String): ModelReply = ModelReply.Answer(text)

/** A reply calling tools: each triple is (call id, tool name, arguments text). */
fun calls(vararg calls: Triple<String, String, String>): ModelReply =
    ModelReply.Calls(calls.map { (id, name, args) -> ToolInvocation(id, name, args) })

/** An API error answer. */
fun failure(status: Int = 500): ModelReply = ModelReply.Failure(status)

/** The session settings the scenarios vary; a driver maps them onto its session's config (same names there). */
class SessionSetup(
    val tools: List<Tool>,
    val maxToolRounds: Int = 10,
    val concurrentToolCalls: Boolean = true,
    val autoExecuteTools: Boolean = true,
    val listener: ToolListener? = null,
    val toolErrorFormatter: ToolErrorFormatter = ToolErrorFormatter.DEFAULT,
)

/** A turn as the scenarios see it (the fields `ChatTurn` and `ResponseTurn` share). */
class TurnView(
    val text: String?,
    val toolCalls: List<ToolInvocation>,
    val toolExecutions: List<ToolExecution>,
    val usedTokens: Int,
)

/** One session under test, with the wire it talks over. */
interface DrivenSession {
    suspend fun send(text: String): TurnView
    suspend fun send(text: String, onText: TextDeltaListener): TurnView
    fun sendStreaming(text: String): Flow<String>
    suspend fun addToolResult(callId: String, output: String)
    suspend fun continueConversation(): TurnView
    suspend fun clear()
    val pendingToolCalls: List<ToolInvocation>
    val lastTurnText: String?

    /** Tokens counted in the session's usage. */
    val usedTokens: Int

    /** The conversation state a failed turn must leave as it was, comparable with `==`. */
    fun conversationState(): Any

    /** The requests sent so far. */
    val requestCount: Int

    /** The tool results request [i] gave back to the model, as (call id, text), in order. */
    fun toolResultsSent(i: Int): List<Pair<String, String>>

    /** The user texts the model sees in request [i]: the whole conversation so far, however the API carries it. */
    fun userTextsSeen(i: Int): List<String>

    /** Whether request [i] asked for a stream. */
    fun streamed(i: Int): Boolean
}

/** Builds sessions of one kind (chat, responses) over a scripted MockEngine. */
abstract class SessionDriver {
    /** The round-limit exception the session throws (a subclass of [ToolRoundLimitException]). */
    abstract val roundLimitType: KClass<out ToolRoundLimitException>

    /** A new session with [setup] whose model answers with [replies] in order (the last one repeats). */
    abstract fun start(setup: SessionSetup, replies: List<ModelReply>): DrivenSession

    /** Writes [reply] (an [ModelReply.Answer] or [ModelReply.Calls]) as the answer to request [index] (from 0), a stream if [stream]. */
    protected abstract fun MockRequestHandleScope.render(reply: ModelReply, index: Int, stream: Boolean): HttpResponseData

    /** A client answering with [replies] in order (the last one repeats), failures as API error bodies. */
    protected fun scriptedClient(replies: List<ModelReply>): Recorded {
        val queue = ArrayDeque(replies)
        val n = AtomicInteger()
        return Recorded { seen ->
            val index = n.getAndIncrement()
            val reply = synchronized(queue) { if (queue.size > 1) queue.removeFirst() else queue.first() }
            val stream = (seen.json["stream"] as? JsonPrimitive)?.booleanOrNull == true
            if (reply is ModelReply.Failure) {
                json("""{"error":{"message":${JsonPrimitive(reply.message)},"type":"server_error"}}""", reply.status)
            } else {
                render(reply, index, stream)
            }
        }
    }
}

/** [text] cut after each space, as a streamed answer delivers it. */
fun deltasOf(text: String): List<String> = Regex("[^ ]* ?").findAll(text).map { it.value }.filter { it.isNotEmpty() }.toList()
