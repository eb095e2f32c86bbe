package dev.openai4k.facade

import dev.openai4k.tools.ToolExecution
import dev.openai4k.tools.ToolInvocation
import dev.openai4k.tools.ToolRunner
import java.util.concurrent.CompletableFuture

/**
 * Runs tool calls in a tool loop of your own, for Java; wraps the Kotlin [ToolRunner] (read it for how calls run and
 * fail). Get one with `openai.toolRunner(new ToolRunner(tools))`, the tools made with `openai.tool(...)`.
 *
 * ```java
 * AsyncToolRunner runner = openai.toolRunner(new ToolRunner(List.of(clock)));
 * List<ToolExecution> done = runner.run(List.of(new ToolInvocation("call_1", "clock", "{}"))).join();
 * ```
 *
 * Cancelling a future cancels the handlers still running (interrupting blocked Java handlers).
 */
public class AsyncToolRunner internal constructor(
    private val runner: ToolRunner,
    private val runtime: AsyncRuntime,
) {
    /** Runs [invocations] and completes with their executions, in the same order; see [ToolRunner.run]. */
    public fun run(invocations: List<ToolInvocation>): CompletableFuture<List<ToolExecution>> =
        runtime.future { runner.run(invocations) }

    /** Runs one call; see [ToolRunner.run]. */
    public fun run(invocation: ToolInvocation): CompletableFuture<ToolExecution> = runtime.future { runner.run(invocation) }

    /** The Kotlin runner underneath. */
    public fun kotlin(): ToolRunner = runner

    override fun toString(): String = "AsyncToolRunner($runner)"
}
