package dev.openai4k.tools

/**
 * Told about tool calls as a session (or [ToolRunner]) runs them, for logging and UIs. Both methods do nothing unless
 * overridden. With concurrent tool calls they may be called concurrently, from different threads.
 */
public interface ToolListener {
    /** A tool is about to run. */
    public fun onToolCall(invocation: ToolInvocation) {}

    /** A tool finished, successfully or not; [ToolExecution.result] is what the model will see. */
    public fun onToolResult(execution: ToolExecution) {}
}
