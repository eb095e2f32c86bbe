package dev.openai4k.facade

import dev.openai4k.Usage
import dev.openai4k.chat.ChatMessage
import dev.openai4k.chat.ChatSession
import dev.openai4k.chat.ChatSessionConfig
import dev.openai4k.chat.ChatTurn
import dev.openai4k.tools.TextDeltaListener
import dev.openai4k.tools.ToolInvocation
import java.util.concurrent.CompletableFuture

/**
 * A chat conversation with memory and tools, for Java; each call wraps the same call of the Kotlin [ChatSession]
 * (read its documentation for the tool loop, manual tool results and rollback of failed turns).
 *
 * ```java
 * Tool add = openai.tool("add", "Adds two numbers", schemaJson, args -> String.valueOf(sum(args)));
 * AsyncChatSession session = openai.chat().session(ChatSessionConfig.builder().system("Be brief.").tool(add).build());
 * ChatTurn turn = session.send("What is 2 + 3?").join();
 * ```
 *
 * Turns are serialized: a second `send` waits for the first. Listeners, [TextDeltaListener]s and tool handlers run
 * on the facade's executor. Cancelling a turn's future cancels the turn (and rolls it back from the history).
 */
public class AsyncChatSession internal constructor(
    private val session: ChatSession,
    private val runtime: AsyncRuntime,
) {
    /** The model this session asks. */
    public val model: String get() = session.model

    /** The session's configuration. */
    public val config: ChatSessionConfig get() = session.config

    /** A snapshot of the history, system prompt included. */
    public val messages: List<ChatMessage> get() = session.messages

    /** Tokens spent by every call of this session. */
    public val usage: Usage get() = session.usage

    /** The last turn that completed, or null. */
    public val lastTurn: ChatTurn? get() = session.lastTurn

    /** Tool calls that still wait for results ([addToolResult]). */
    public val pendingToolCalls: List<ToolInvocation> get() = session.pendingToolCalls

    /** Sends [text] as the user; completes with the answer. See [ChatSession.send]. */
    public fun send(text: String): CompletableFuture<ChatTurn> = runtime.future { session.send(text) }

    /** Sends [message] (any role, e.g. a user message with images); completes with the answer. */
    public fun send(message: ChatMessage): CompletableFuture<ChatTurn> = runtime.future { session.send(message) }

    /** Sends [text] and streams the answer's text deltas to [onText] (on the executor); completes with the whole turn. */
    public fun send(text: String, onText: TextDeltaListener): CompletableFuture<ChatTurn> =
        runtime.future { session.send(text, onText) }

    /** Sends [message] and streams the answer's text deltas to [onText]; completes with the whole turn. */
    public fun send(message: ChatMessage, onText: TextDeltaListener): CompletableFuture<ChatTurn> =
        runtime.future { session.send(message, onText) }

    /**
     * Sends [text] when subscribed and streams the answer's text deltas; when the stream completes the answer is
     * recorded. Cancelling the subscription cancels the turn. See [ChatSession.sendStreaming].
     */
    public fun sendStreaming(text: String): AsyncStream<String> = runtime.stream { session.sendStreaming(text) }

    /** Like [sendStreaming] with a text, for any message. */
    public fun sendStreaming(message: ChatMessage): AsyncStream<String> = runtime.stream { session.sendStreaming(message) }

    /**
     * Records the result of the pending tool call [toolCallId] (manual mode); the future fails with
     * `IllegalArgumentException` if no pending call has that id.
     */
    public fun addToolResult(toolCallId: String, result: String): CompletableFuture<Void?> = runtime.future {
        session.addToolResult(toolCallId, result)
        null
    }

    /** Calls the model again once every pending tool call has a result; see [ChatSession.continueConversation]. */
    public fun continueConversation(): CompletableFuture<ChatTurn> = runtime.future { session.continueConversation() }

    /** Like [continueConversation], streaming text deltas to [onText]. */
    public fun continueConversation(onText: TextDeltaListener): CompletableFuture<ChatTurn> =
        runtime.future { session.continueConversation(onText) }

    /** Forgets the conversation (keeping the leading system messages) and resets [usage]. */
    public fun clear(): CompletableFuture<Void?> = runtime.future {
        session.clear()
        null
    }

    /** The history as JSON, to restore later (see `ChatHistory`). */
    public fun historyJson(): String = session.historyJson()

    /** The Kotlin session underneath. */
    public fun kotlin(): ChatSession = session

    override fun toString(): String = "AsyncChatSession(model=$model, messages=${messages.size})"
}
