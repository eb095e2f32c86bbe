package dev.openai4k.facade

import dev.openai4k.OpenAIJson
import dev.openai4k.RequestOptions
import dev.openai4k.responses.Response
import dev.openai4k.responses.ResponseItem
import dev.openai4k.responses.ResponseRequest
import dev.openai4k.responses.ResponseSession
import dev.openai4k.responses.ResponseTool
import dev.openai4k.responses.ResponseUsage
import dev.openai4k.responses.TextDeltaListener
import kotlinx.serialization.json.JsonObject
import java.util.concurrent.CompletableFuture
import java.util.function.Consumer

/**
 * A multi-turn conversation over the Responses API, for Java; each call wraps the same call of the Kotlin
 * [ResponseSession] (read it for how turns chain and how tools run). Build one with
 * `openai.responses().session(b -> ...)` or `openai.responses().sessionBuilder()`.
 *
 * Turns are serialized. [TextDeltaListener]s and tool handlers run on the facade's executor; cancelling a turn's
 * future cancels the turn.
 */
public class AsyncResponseSession internal constructor(
    private val session: ResponseSession,
    private val runtime: AsyncRuntime,
) {
    /** The model used. */
    public val model: String get() = session.model

    /** The instructions sent with every request; may be changed between turns. */
    public var instructions: String?
        get() = session.instructions
        set(value) {
            session.instructions = value
        }

    /** The id the next request continues from, or null before the first turn. */
    public val previousResponseId: String? get() = session.previousResponseId

    /** Every response of this session, tool rounds included, oldest first. */
    public val history: List<Response> get() = session.history

    /** The latest response, or null before the first turn. */
    public val lastResponse: Response? get() = session.lastResponse

    /** The transcript resent each turn when the server keeps no state (empty otherwise). */
    public val transcript: List<ResponseItem> get() = session.transcript

    /** Token usage summed over every response of this session. */
    public val usage: ResponseUsage get() = session.usage

    /** The tools sent with every request. */
    public val tools: List<ResponseTool> get() = session.tools

    /** The most tool rounds in one send. */
    public val maxToolRounds: Int get() = session.maxToolRounds

    /** Whether turns chain by `previous_response_id` (true) or by resending the transcript (false). */
    public val useServerState: Boolean get() = session.useServerState

    /** Sends a user message; completes with the answer after any automatic tool rounds. See [ResponseSession.send]. */
    @JvmOverloads
    public fun send(input: String, options: RequestOptions = RequestOptions.NONE): CompletableFuture<Response> =
        runtime.future { session.send(input, options) }

    /** Sends input items (messages, function call outputs, ...); see [ResponseSession.send]. */
    @JvmOverloads
    public fun send(items: List<ResponseItem>, options: RequestOptions = RequestOptions.NONE): CompletableFuture<Response> =
        runtime.future { session.send(items, options) }

    /** Like [send], streaming the output text to [onText] (on the executor); completes with the final response. */
    public fun sendStreaming(input: String, onText: TextDeltaListener): CompletableFuture<Response> =
        sendStreaming(input, RequestOptions.NONE, onText)

    /** Like [send] with per-call [options], streaming the output text to [onText]. */
    public fun sendStreaming(input: String, options: RequestOptions, onText: TextDeltaListener): CompletableFuture<Response> =
        runtime.future { session.sendStreaming(input, options, onText) }

    /** Like [send] with items, streaming the output text to [onText]. */
    public fun sendStreaming(items: List<ResponseItem>, onText: TextDeltaListener): CompletableFuture<Response> =
        sendStreaming(items, RequestOptions.NONE, onText)

    /** Like [send] with items and per-call [options], streaming the output text to [onText]. */
    public fun sendStreaming(items: List<ResponseItem>, options: RequestOptions, onText: TextDeltaListener): CompletableFuture<Response> =
        runtime.future { session.sendStreaming(items, options, onText) }

    /** Forgets the conversation (previous response id, history, transcript, usage); settings are kept. */
    public fun reset(): CompletableFuture<Void?> = runtime.future {
        session.reset()
        null
    }

    /** The Kotlin session underneath. */
    public fun kotlin(): ResponseSession = session

    override fun toString(): String = "AsyncResponseSession(model=$model, responses=${history.size})"

    /**
     * Configures an [AsyncResponseSession] from Java; the counterpart of the Kotlin [ResponseSession.Builder], with
     * tools whose handlers are [ToolHandler] lambdas.
     */
    public class Builder internal constructor(
        private val builder: ResponseSession.Builder,
        private val runtime: AsyncRuntime,
    ) {
        /** Sets the model (default: the client's default model). */
        public fun model(model: String): Builder = apply { builder.model(model) }

        /** Sets the instructions sent with every request. */
        public fun instructions(instructions: String): Builder = apply { builder.instructions(instructions) }

        /** Sets the most tool rounds in one send (default 10). @throws IllegalArgumentException if negative. */
        public fun maxToolRounds(maxToolRounds: Int): Builder = apply { builder.maxToolRounds(maxToolRounds) }

        /** Chains turns by `previous_response_id` (true, the default) or resends the transcript (false). */
        public fun useServerState(useServerState: Boolean): Builder = apply { builder.useServerState(useServerState) }

        /** Changes the settings applied to every request (temperature, reasoning, store, ...). */
        public fun defaults(change: Consumer<ResponseRequest.Builder>): Builder = apply { change.accept(builder.defaults) }

        /** Adds a tool without a handler: a hosted tool, or a function the caller answers itself. */
        public fun tool(tool: ResponseTool): Builder = apply { builder.tool(tool) }

        /**
         * Adds a function tool whose parameters are the JSON schema [parametersJson] and whose calls [handler]
         * answers automatically (on the facade's executor; see [ToolHandler]).
         *
         * @throws IllegalArgumentException if [parametersJson] is not a JSON object, or the name is taken.
         */
        public fun tool(name: String, description: String?, parametersJson: String, handler: ToolHandler): Builder =
            tool(name, description, parametersJson, null, handler)

        /** Like [tool], asking for strict schema adherence when [strict] is true (null leaves it unsent). */
        public fun tool(name: String, description: String?, parametersJson: String, strict: Boolean?, handler: ToolHandler): Builder =
            apply {
                val parameters = OpenAIJson.parseToJsonElement(parametersJson) as? JsonObject
                    ?: throw IllegalArgumentException("The parameters of tool '$name' must be a JSON object")
                builder.tool(name, description, parameters, strict) { arguments -> handler.runOn(runtime, arguments) }
            }

        /**
         * The session.
         *
         * @throws IllegalStateException if no model is set and the client has no default model.
         */
        public fun build(): AsyncResponseSession = AsyncResponseSession(builder.build(), runtime)
    }
}
