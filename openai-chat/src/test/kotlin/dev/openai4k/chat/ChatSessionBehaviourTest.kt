package dev.openai4k.chat

import dev.openai4k.testsupport.*
import dev.openai4k.tools.TextDeltaListener
import dev.openai4k.tools.ToolExecution
import dev.openai4k.tools.ToolInvocation
import dev.openai4k.tools.ToolRoundLimitException
import io.ktor.client.engine.mock.MockRequestHandleScope
import io.ktor.client.request.HttpResponseData
import kotlinx.coroutines.flow.Flow
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlin.reflect.KClass

/** The shared session behaviour ([SessionBehaviourSpec]) run by a [ChatSession]. */
class ChatSessionBehaviourTest : SessionBehaviourSpec(ChatSessionDriver)

private object ChatSessionDriver : SessionDriver() {
    override val roundLimitType: KClass<out ToolRoundLimitException> = ChatToolRoundLimitException::class

    override fun start(setup: SessionSetup, replies: List<ModelReply>): DrivenSession {
        val recorded = scriptedClient(replies)
        val session = recorded.client.chat.session {
            tools += setup.tools
            maxToolRounds = setup.maxToolRounds
            concurrentToolCalls = setup.concurrentToolCalls
            autoExecuteTools = setup.autoExecuteTools
            toolErrorFormatter = setup.toolErrorFormatter
            setup.listener?.let { l ->
                listener = object : ChatSessionListener {
                    override fun onToolCall(invocation: ToolInvocation) = l.onToolCall(invocation)
                    override fun onToolResult(execution: ToolExecution) = l.onToolResult(execution)
                }
            }
        }
        return DrivenChat(session, recorded)
    }

    override fun MockRequestHandleScope.render(reply: ModelReply, index: Int, stream: Boolean): HttpResponseData = when (reply) {
        is ModelReply.Answer -> if (stream) {
            sse(listOf(Chunks.role()) + deltasOf(reply.text).map { Chunks.text(it) } + Chunks.finish("stop") + Chunks.usage(10, 5))
        } else {
            json(answerJson(reply.text))
        }
        is ModelReply.Calls -> if (stream) {
            val chunks = reply.calls.flatMapIndexed { i, c -> listOf(Chunks.toolStart(i, c.id, c.name)) + c.arguments.chunked(4).map { Chunks.toolArgs(i, it) } }
            sse(listOf(Chunks.role()) + chunks + Chunks.finish("tool_calls") + Chunks.usage(10, 5))
        } else {
            json(toolCallsJson(*reply.calls.map { Triple(it.id, it.name, it.arguments) }.toTypedArray()))
        }
        is ModelReply.Failure -> error("failures are answered by the driver base")
    }
}

private class DrivenChat(private val session: ChatSession, private val recorded: Recorded) : DrivenSession {
    private fun ChatTurn.view() = TurnView(text, toolCalls, toolExecutions, usage.totalTokens)
    private fun messages(i: Int): List<JsonObject> = recorded.json(i)["messages"]!!.jsonArray.map { it.jsonObject }

    override suspend fun send(text: String) = session.send(text).view()
    override suspend fun send(text: String, onText: TextDeltaListener) = session.send(text, onText).view()
    override fun sendStreaming(text: String): Flow<String> = session.sendStreaming(text)
    override suspend fun addToolResult(callId: String, output: String) = session.addToolResult(callId, output)
    override suspend fun continueConversation() = session.continueConversation().view()
    override suspend fun clear() = session.clear()
    override val pendingToolCalls: List<ToolInvocation> get() = session.pendingToolCalls
    override val lastTurnText: String? get() = session.lastTurn?.text
    override val usedTokens: Int get() = session.usage.totalTokens
    override fun conversationState(): Any = session.messages to session.pendingToolCalls
    override val requestCount: Int get() = recorded.requests.size

    override fun toolResultsSent(i: Int): List<Pair<String, String>> =
        messages(i).takeLastWhile { it["role"]!!.jsonPrimitive.content == "tool" }
            .map { it["tool_call_id"]!!.jsonPrimitive.content to it["content"]!!.jsonPrimitive.content }

    override fun userTextsSeen(i: Int): List<String> =
        messages(i).filter { it["role"]!!.jsonPrimitive.content == "user" }.map { it["content"]!!.jsonPrimitive.content }

    override fun streamed(i: Int): Boolean = (recorded.json(i)["stream"] as? JsonPrimitive)?.booleanOrNull == true
}
