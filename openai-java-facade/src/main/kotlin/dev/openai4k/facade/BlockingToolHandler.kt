package dev.openai4k.facade

/**
 * Runs a tool for a chat or responses session (or an [AsyncToolRunner]), from Java: receives the arguments the model
 * wrote, as a JSON object text, and returns the result text sent back to the model. The blocking Java form of
 * `dev.openai4k.tools.ToolHandler`; turn it into a tool with `openai.chat().tool(...)`, `openai.responses().tool(...)`
 * or `openai.tool(...)`.
 *
 * ```java
 * Tool clock = openai.tool("clock", "The current time", "{\"type\":\"object\",\"properties\":{}}",
 *     args -> Instant.now().toString());
 * ```
 *
 * Handlers run on the facade's executor (never on the HTTP engine's threads), so they may block. When the turn is
 * cancelled, a blocked handler is interrupted. An exception thrown by a handler is not fatal: the session sends an
 * error text back to the model as the tool's result (see `ToolErrorFormatter`), as it does for Kotlin handlers.
 */
public fun interface BlockingToolHandler {
    /**
     * Runs the tool with [argumentsJson] (a JSON object text, `{}` when the model sent no arguments) and returns
     * the result text.
     */
    @Throws(Exception::class)
    public fun call(argumentsJson: String): String
}
