package dev.openai4k.tools

/**
 * Writes the text the model receives when a tool call fails. The failure itself is kept in [ToolExecution.error] and
 * reported to the [ToolListener]; this decides only what the model reads.
 *
 * [DEFAULT] tells the model what went wrong, the first line of a handler's exception message included; [REDACTED]
 * keeps the messages of handler exceptions from the model (they may quote paths, hosts or data). Both tell the model
 * which tools exist after an unknown name and why its arguments were refused, since it needs that to retry.
 *
 * ```java
 * ChatSessionConfig.builder().toolErrorFormatter(ToolErrorFormatter.REDACTED)
 * ```
 */
public fun interface ToolErrorFormatter {
    /**
     * The result text for [invocation], which failed with [error]: an [UnknownToolException], a
     * [ToolArgumentsException], or whatever the handler threw (a `CancellationException` of its own included).
     */
    public fun format(invocation: ToolInvocation, error: Throwable): String

    public companion object {
        /**
         * `Error: tool 'x' failed: <first line of the message>` for a handler's exception; `Error: there is no tool
         * named 'x'. Available tools: a, b.` for an unknown name; `Error: <why>` for refused arguments.
         */
        @JvmField
        public val DEFAULT: ToolErrorFormatter = ToolErrorFormatter { invocation, error ->
            describeRefusal(invocation, error) ?: "Error: tool '${invocation.name}' failed: ${firstLine(error)}"
        }

        /** Like [DEFAULT], but a handler's exception becomes `Error: tool 'x' failed.` without its message. */
        @JvmField
        public val REDACTED: ToolErrorFormatter = ToolErrorFormatter { invocation, error ->
            describeRefusal(invocation, error) ?: "Error: tool '${invocation.name}' failed."
        }

        private fun describeRefusal(invocation: ToolInvocation, error: Throwable): String? = when (error) {
            is UnknownToolException ->
                "Error: there is no tool named '${invocation.name}'. Available tools: ${error.availableTools.joinToString()}."
            is ToolArgumentsException -> "Error: ${firstLine(error)}"
            else -> null
        }

        private fun firstLine(e: Throwable): String =
            e.message?.lineSequence()?.firstOrNull()?.takeIf { it.isNotBlank() } ?: e::class.simpleName ?: "error"
    }
}
