package dev.openai4k.facade

import dev.openai4k.responses.Response
import dev.openai4k.responses.ResponseItem
import dev.openai4k.responses.ResponseSession
import dev.openai4k.responses.ResponseSessionConfig
import dev.openai4k.responses.ResponseTurn
import dev.openai4k.responses.ResponseUsage
import dev.openai4k.tools.TextDeltaListener
import dev.openai4k.tools.ToolInvocation
import java.util.concurrent.CompletableFuture

/**
 * A multi-turn conversation over the Responses API, with tools, for Java; each call wraps the same call of the Kotlin
 * [ResponseSession] (read it for how turns chain, how tools run and how failed turns roll back). The same shape as
 * [AsyncChatSession].
 *
 * ```java
 * Tool weather = openai.tool("weather", "Current weather", schemaJson, args -> "{\"sky\":\"sunny\"}");
 * AsyncResponseSession session = openai.responses().session(
 *     ResponseSessionConfig.builder().model("gpt-4.1-mini").instructions("Be brief.").tool(weather).build());
 * ResponseTurn turn = session.send("Weather in Oslo?").join();
 * ```
 *
 * Turns are serialized: a second `send` waits for the first. Listeners, [TextDeltaListener]s and tool handlers run on
 * the facade's executor. Cancelling a turn's future cancels the turn (and rolls it back).
 */
public class AsyncResponseSession internal constructor(
    private val session: ResponseSession,
    private val runtime: AsyncRuntime,
) {
    /** The model this session asks. */
    public val model: String get() = session.model

    /** The session's configuration. */
    public val config: ResponseSessionConfig get() = session.config

    /** The id of the latest response, or null before the first turn. */
    public val previousResponseId: String? get() = session.previousResponseId

    /** Every response of this session, tool rounds included, oldest first. */
    public val history: List<Response> get() = session.history

    /** The latest response, or null before the first turn. */
    public val lastResponse: Response? get() = session.lastResponse

    /** The transcript resent each turn when the server keeps no state (empty otherwise). */
    public val transcript: List<ResponseItem> get() = session.transcript

    /** Tokens spent by every response of this session. */
    public val usage: ResponseUsage get() = session.usage

    /** The last turn that completed, or null. */
    public val lastTurn: ResponseTurn? get() = session.lastTurn

    /** Function calls that still wait for results ([addToolResult]). */
    public val pendingToolCalls: List<ToolInvocation> get() = session.pendingToolCalls

    /** Sends [input] as the user; completes with the turn after any automatic tool rounds. See [ResponseSession.send]. */
    public fun send(input: String): CompletableFuture<ResponseTurn> = runtime.future { session.send(input) }

    /** Sends input items (messages with images or files, ...); completes with the turn. */
    public fun send(items: List<ResponseItem>): CompletableFuture<ResponseTurn> = runtime.future { session.send(items) }

    /** Sends [input] and streams the output text deltas to [onText] (on the executor); completes with the whole turn. */
    public fun send(input: String, onText: TextDeltaListener): CompletableFuture<ResponseTurn> =
        runtime.future { session.send(input, onText) }

    /** Sends input items and streams the output text deltas to [onText]; completes with the whole turn. */
    public fun send(items: List<ResponseItem>, onText: TextDeltaListener): CompletableFuture<ResponseTurn> =
        runtime.future { session.send(items, onText) }

    /**
     * Sends [input] when subscribed and streams the output text deltas; when the stream completes the turn is
     * recorded. Cancelling the subscription cancels the turn. See [ResponseSession.sendStreaming].
     */
    public fun sendStreaming(input: String): AsyncStream<String> = runtime.stream { session.sendStreaming(input) }

    /** Like [sendStreaming] with a text, for input items. */
    public fun sendStreaming(items: List<ResponseItem>): AsyncStream<String> = runtime.stream { session.sendStreaming(items) }

    /**
     * Records the result of the pending function call [callId]; the future fails with `IllegalArgumentException` if
     * no pending call has that id.
     */
    public fun addToolResult(callId: String, output: String): CompletableFuture<Void?> = runtime.future {
        session.addToolResult(callId, output)
        null
    }

    /** Calls the model again once every pending call has a result; see [ResponseSession.continueConversation]. */
    public fun continueConversation(): CompletableFuture<ResponseTurn> = runtime.future { session.continueConversation() }

    /** Like [continueConversation], streaming text deltas to [onText]. */
    public fun continueConversation(onText: TextDeltaListener): CompletableFuture<ResponseTurn> =
        runtime.future { session.continueConversation(onText) }

    /** Forgets the conversation (previous response id, history, transcript, pending calls) and resets [usage]. */
    public fun clear(): CompletableFuture<Void?> = runtime.future {
        session.clear()
        null
    }

    /** The Kotlin session underneath. */
    public fun kotlin(): ResponseSession = session

    override fun toString(): String = "AsyncResponseSession(model=$model, responses=${history.size})"
}
