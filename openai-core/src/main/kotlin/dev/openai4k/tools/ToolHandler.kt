package dev.openai4k.tools

import kotlinx.serialization.json.JsonObject

/** Runs a tool: receives the arguments the model wrote, returns the result text sent back to the model. */
public fun interface ToolHandler {
    /**
     * Runs the tool with [arguments] (already checked against the tool's schema). An exception is not fatal: the
     * session (or [ToolRunner]) reports it to the model as an error result (see [ToolErrorFormatter]) and to its
     * [ToolListener]. Throw [ToolArgumentsException] when the arguments make no sense: the model sees its message.
     */
    public suspend fun call(arguments: JsonObject): String
}

/** Runs a tool whose arguments are decoded into [T] first (see [Tool.typed]). */
public fun interface TypedToolHandler<T> {
    /** Runs the tool with decoded [arguments]; see [ToolHandler.call]. */
    public suspend fun call(arguments: T): String
}

/** Receives text deltas of a streamed session turn as they arrive (of every model call in the turn). */
public fun interface TextDeltaListener {
    /** A piece of the assistant's text, in order. */
    public fun onText(delta: String)
}
