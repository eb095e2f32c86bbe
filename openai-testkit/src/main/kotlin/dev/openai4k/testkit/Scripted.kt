package dev.openai4k.testkit

import kotlinx.serialization.json.JsonElement

/**
 * One scripted answer, queued on an [OpenAITestServer] with [OpenAITestServer.enqueue]. Each request to a path
 * takes the oldest answer queued for it; when none is left the server falls back to its default behaviour.
 *
 * Build answers with the factory functions of the companion ([text], [toolCalls], [json], [error], [sse], [fault],
 * [delayed]); the kinds are closed so that the server can shape each one for the endpoint it answers.
 */
public sealed class Scripted {
    internal class Text(val content: String, val options: SseOptions) : Scripted()
    internal class ToolCalls(val calls: List<ToolCallSpec>, val options: SseOptions) : Scripted()
    internal class Json(val body: String, val status: Int, val headers: Map<String, String>) : Scripted()
    internal class Error(val status: Int, val body: String?, val headers: Map<String, String>) : Scripted()
    internal class Sse(val events: List<SseEvent>, val options: SseOptions, val headers: Map<String, String>) : Scripted()
    internal class Faulty(val fault: Fault, val base: Scripted?) : Scripted()
    internal class Delayed(val millis: Long, val then: Scripted) : Scripted()

    /** The factories of scripted answers. */
    public companion object {
        /**
         * A text reply in the shape of the endpoint it answers: a chat completion on `chat/completions`, a text
         * completion on `completions`, a response with one output message on `responses`, the assistant message of
         * a run on `threads/{id}/runs`. Streamed as word-sized chunks when the request asked for `stream: true`,
         * paced by [options].
         */
        @JvmStatic
        @JvmOverloads
        public fun text(content: String, options: SseOptions = SseOptions.DEFAULT): Scripted = Text(content, options)

        /**
         * Tool calls in the shape of the endpoint: chat `tool_calls` with `finish_reason: "tool_calls"`, Responses
         * `function_call` output items, or a run that stops in `requires_action`. When streamed, each call's
         * arguments are split into small fragments and the fragments of different calls are interleaved by index,
         * so that a client must reassemble them.
         */
        @JvmStatic
        public fun toolCalls(vararg calls: ToolCallSpec): Scripted = ToolCalls(calls.toList(), SseOptions.DEFAULT)

        /** Tool calls as in [toolCalls], streamed with [options]. */
        @JvmStatic
        @JvmOverloads
        public fun toolCalls(calls: List<ToolCallSpec>, options: SseOptions = SseOptions.DEFAULT): Scripted {
            require(calls.isNotEmpty()) { "At least one tool call is needed" }
            return ToolCalls(calls.toList(), options)
        }

        /** [body] sent as is with `Content-Type: application/json`, the given status and extra headers. */
        @JvmStatic
        @JvmOverloads
        public fun json(body: String, status: Int = 200, headers: Map<String, String> = emptyMap()): Scripted =
            Json(body, status, headers)

        /** [body] serialized and sent as in [json]. */
        @JvmStatic
        @JvmOverloads
        public fun json(body: JsonElement, status: Int = 200, headers: Map<String, String> = emptyMap()): Scripted =
            Json(body.toString(), status, headers)

        /**
         * An error status. Without [body] the server writes an OpenAI-style `{"error":{"message","type","param",
         * "code"}}` fitting the status (429 `rate_limit_exceeded`, 401 `invalid_api_key`, 5xx `server_error`, ...).
         * [headers] carry for example `retry-after` or `x-request-id`.
         */
        @JvmStatic
        @JvmOverloads
        public fun error(status: Int, body: String? = null, headers: Map<String, String> = emptyMap()): Scripted {
            require(status in 100..599) { "Not an HTTP status: $status" }
            return Error(status, body, headers)
        }

        /**
         * A raw `text/event-stream` of one event per payload in [data] (each written as `data:` lines), shaped by
         * [options]: pacing, keep-alive comments, CRLF line ends, an event name, and whether `data: [DONE]` ends it.
         */
        @JvmStatic
        @JvmOverloads
        public fun sse(data: List<String>, options: SseOptions = SseOptions.DEFAULT): Scripted =
            sseEvents(data.map { SseEvent(it, options.eventName) }, options)

        /** A raw event stream as in [sse] whose events carry their own names and ids. */
        @JvmStatic
        @JvmOverloads
        public fun sseEvents(events: List<SseEvent>, options: SseOptions = SseOptions.DEFAULT): Scripted {
            val all = if (options.sendDone) events + SseEvent("[DONE]") else events
            return Sse(all, options, emptyMap())
        }

        /**
         * A fault: the connection is closed or reset, stalls, trickles, or answers with a broken body. The bytes
         * that a close cuts short or a trickle paces are those of [base] when given, otherwise those of the
         * endpoint's default answer.
         */
        @JvmStatic
        @JvmOverloads
        public fun fault(fault: Fault, base: Scripted? = null): Scripted {
            require(base !is Faulty) { "A fault cannot wrap another fault" }
            return Faulty(fault, base)
        }

        /** [then], sent after waiting [millis] milliseconds with nothing on the wire. */
        @JvmStatic
        public fun delayed(millis: Long, then: Scripted): Scripted {
            require(millis >= 0) { "A delay cannot be negative" }
            return Delayed(millis, then)
        }
    }
}

/**
 * One tool call in a scripted reply: the call [id] (`call_...`), the function [name], and its arguments as a JSON
 * text, sent verbatim.
 */
public data class ToolCallSpec(
    /** The call id the client must echo back with the tool's output. */
    val id: String,
    /** The function name. */
    val name: String,
    /** The arguments, a JSON text sent as the model would (a string, not an object). */
    val argumentsJson: String,
)

/** One server-sent event of a scripted stream: its `data` (may span lines), and optionally `event:` and `id:`. */
public data class SseEvent @JvmOverloads constructor(
    /** The payload; each line is written as one `data:` line. */
    val data: String,
    /** The `event:` field, or null for none. */
    val event: String? = null,
    /** The `id:` field, or null for none. */
    val id: String? = null,
)
