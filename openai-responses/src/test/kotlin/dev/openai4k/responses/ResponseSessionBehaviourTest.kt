package dev.openai4k.responses

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

/** The shared session behaviour ([SessionBehaviourSpec]) run by a [ResponseSession] chaining by `previous_response_id`. */
class ResponseSessionBehaviourTest : SessionBehaviourSpec(ResponseSessionDriver(useServerState = true))

/** The same behaviour, by a [ResponseSession] that resends its transcript (no server state). */
class ResponseSessionTranscriptBehaviourTest : SessionBehaviourSpec(ResponseSessionDriver(useServerState = false))

private class ResponseSessionDriver(private val useServerState: Boolean) : SessionDriver() {
    override val roundLimitType: KClass<out ToolRoundLimitException> = ResponseToolRoundLimitException::class

    override fun start(setup: SessionSetup, replies: List<ModelReply>): DrivenSession {
        val recorded = scriptedClient(replies)
        val session = recorded.client.responses.session {
            model = "m"
            useServerState = this@ResponseSessionDriver.useServerState
            tools += setup.tools
            maxToolRounds = setup.maxToolRounds
            concurrentToolCalls = setup.concurrentToolCalls
            autoExecuteTools = setup.autoExecuteTools
            toolErrorFormatter = setup.toolErrorFormatter
            setup.listener?.let { l ->
                listener = object : ResponseSessionListener {
                    override fun onToolCall(invocation: ToolInvocation) = l.onToolCall(invocation)
                    override fun onToolResult(execution: ToolExecution) = l.onToolResult(execution)
                }
            }
        }
        return DrivenResponses(session, recorded)
    }

    override fun MockRequestHandleScope.render(reply: ModelReply, index: Int, stream: Boolean): HttpResponseData {
        val id = "resp_$index"
        val output = when (reply) {
            is ModelReply.Answer ->
                """[{"type":"message","id":"m_$index","role":"assistant","status":"completed","content":[{"type":"output_text","text":${JsonPrimitive(reply.text)},"annotations":[]}]}]"""
            is ModelReply.Calls -> reply.calls.joinToString(",", "[", "]") { c ->
                """{"type":"function_call","id":"fc_${c.id}","call_id":"${c.id}","name":"${c.name}","arguments":${JsonPrimitive(c.arguments)},"status":"completed"}"""
            }
            is ModelReply.Failure -> error("failures are answered by the driver base")
        }
        val body = """{"id":"$id","object":"response","status":"completed","model":"m","output":$output,
            "usage":{"input_tokens":10,"output_tokens":5,"total_tokens":15}}""".replace("\n", "")
        if (!stream) return json(body)
        val deltas = (reply as? ModelReply.Answer)?.let { deltasOf(it.text) }.orEmpty().map { d ->
            data("""{"type":"response.output_text.delta","item_id":"m_$index","output_index":0,"content_index":0,"delta":${JsonPrimitive(d)}}""")
        }
        val events = listOf(data("""{"type":"response.created","response":{"id":"$id","status":"in_progress"}}""")) + deltas +
            data("""{"type":"response.completed","response":$body}""")
        return sseEvents(*events.toTypedArray())
    }
}

private class DrivenResponses(private val session: ResponseSession, private val recorded: Recorded) : DrivenSession {
    private fun ResponseTurn.view() = TurnView(text, toolCalls, toolExecutions, usage.totalTokens)
    private fun input(i: Int): List<JsonObject> = recorded.json(i)["input"]!!.jsonArray.map { it.jsonObject }

    override suspend fun send(text: String) = session.send(text).view()
    override suspend fun send(text: String, onText: TextDeltaListener) = session.send(text, onText).view()
    override fun sendStreaming(text: String): Flow<String> = session.sendStreaming(text)
    override suspend fun addToolResult(callId: String, output: String) = session.addToolResult(callId, output)
    override suspend fun continueConversation() = session.continueConversation().view()
    override suspend fun clear() = session.clear()
    override val pendingToolCalls: List<ToolInvocation> get() = session.pendingToolCalls
    override val lastTurnText: String? get() = session.lastTurn?.text
    override val usedTokens: Int get() = session.usage.totalTokens
    override fun conversationState(): Any =
        listOf(session.previousResponseId, session.history.map { it.id }, session.transcript, session.pendingToolCalls)
    override val requestCount: Int get() = recorded.requests.size

    override fun toolResultsSent(i: Int): List<Pair<String, String>> =
        input(i).takeLastWhile { it["type"]?.jsonPrimitive?.content == "function_call_output" }
            .map { it["call_id"]!!.jsonPrimitive.content to it["output"]!!.jsonPrimitive.content }

    /** The user texts of request [i]'s input, after those of the request whose response it continues from. */
    override fun userTextsSeen(i: Int): List<String> {
        val earlier = recorded.json(i)["previous_response_id"]?.jsonPrimitive?.content
            ?.let { userTextsSeen(it.removePrefix("resp_").toInt()) }.orEmpty()
        return earlier + input(i).filter { it["role"]?.jsonPrimitive?.content == "user" }
            .map { it["content"]!!.jsonArray.single().jsonObject["text"]!!.jsonPrimitive.content }
    }

    override fun streamed(i: Int): Boolean = (recorded.json(i)["stream"] as? JsonPrimitive)?.booleanOrNull == true
}
