package dev.openai4k.tools

import dev.openai4k.schema.SchemaValidator
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.ensureActive

/**
 * Runs tool calls: the one place where the SDK decides how a call the model made becomes the text it reads back. The
 * chat and responses sessions (and any other section with a tool loop) use it, and so can you, in a tool loop of your
 * own over the plain APIs.
 *
 * For each [ToolInvocation] it finds the tool by name, parses the arguments, checks them against the tool's schema,
 * runs the handler and returns a [ToolExecution] with the result text. Nothing a call does is fatal to the others: an
 * unknown name ([UnknownToolException]), arguments that are not a JSON object or do not fit the schema
 * ([ToolArgumentsException]) and a handler that throws all become an error result written by [errorFormatter] (the
 * failure is kept in [ToolExecution.error]). A handler's own `CancellationException` is such a failure too, but the
 * cancellation of the caller is not: it cancels every running handler and propagates.
 *
 * Several calls run concurrently when [concurrent] is on; the executions come back in the order of the calls either
 * way. [listener] hears `onToolCall` before each handler and `onToolResult` after it (concurrently, for concurrent
 * calls).
 *
 * ```kotlin
 * val runner = ToolRunner(listOf(calculator, weather))
 * val executions = runner.run(calls.map { ToolInvocation(it.id, it.name, it.arguments) })
 * ```
 */
public class ToolRunner @JvmOverloads constructor(
    tools: List<Tool>,
    /** Whether several calls run concurrently (true) or one after another, in order (false). */
    public val concurrent: Boolean = true,
    /** Writes the result text of a failed call. */
    public val errorFormatter: ToolErrorFormatter = ToolErrorFormatter.DEFAULT,
    /** Told about each call before and after it runs; null for none. */
    public val listener: ToolListener? = null,
) {
    private val byName: Map<String, Tool> = tools.associateBy { it.name }

    init {
        val duplicate = tools.groupBy { it.name }.filterValues { it.size > 1 }.keys
        require(duplicate.isEmpty()) { "Tool names must be unique: $duplicate" }
    }

    /** The tools, in the order given. */
    public val tools: List<Tool> = tools.toList()

    /** The tool named [name], or null. */
    public fun tool(name: String): Tool? = byName[name]

    /**
     * Whether [invocation] is answered by this runner: its tool has a handler, or no tool has its name (the model
     * is then told so). A call to a tool without a handler is for the caller to answer.
     */
    public fun answers(invocation: ToolInvocation): Boolean = byName[invocation.name]?.let { it.handler != null } ?: true

    /**
     * Runs [invocations] (concurrently when [concurrent] is on and there are several) and returns their executions in
     * the same order. A call to a tool without a handler fails with an `IllegalStateException` result (see
     * [answers] to leave such calls to the caller instead).
     *
     * @throws CancellationException when the caller is cancelled (running handlers are cancelled too).
     */
    public suspend fun run(invocations: List<ToolInvocation>): List<ToolExecution> =
        if (concurrent && invocations.size > 1) {
            coroutineScope { invocations.map { async { run(it) } }.awaitAll() }
        } else {
            invocations.map { run(it) }
        }

    /** Runs one call; see [run] with a list. */
    public suspend fun run(invocation: ToolInvocation): ToolExecution {
        listener?.onToolCall(invocation)
        val execution = execute(invocation)
        listener?.onToolResult(execution)
        return execution
    }

    override fun toString(): String = "ToolRunner(${tools.map { it.name }}, concurrent=$concurrent)"

    private suspend fun execute(invocation: ToolInvocation): ToolExecution {
        val tool = byName[invocation.name] ?: return failure(invocation, UnknownToolException(invocation.name, tools.map { it.name }))
        return try {
            val arguments = invocation.argumentsJson()
            val problems = SchemaValidator.validate(arguments, tool.parameters)
            if (problems.isNotEmpty()) {
                return failure(invocation, ToolArgumentsException("Invalid arguments for '${invocation.name}': ${problems.joinToString("; ")}"))
            }
            val handler = tool.handler ?: throw IllegalStateException("Tool '${invocation.name}' has no handler")
            ToolExecution(invocation, handler.call(arguments), null)
        } catch (e: CancellationException) {
            currentCoroutineContext().ensureActive()
            failure(invocation, e)
        } catch (e: Exception) {
            failure(invocation, e)
        }
    }

    private fun failure(invocation: ToolInvocation, error: Throwable) =
        ToolExecution(invocation, errorFormatter.format(invocation, error), error)
}
