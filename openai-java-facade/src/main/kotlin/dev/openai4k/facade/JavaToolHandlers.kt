package dev.openai4k.facade

import dev.openai4k.tools.Tool
import dev.openai4k.tools.ToolHandler
import kotlinx.coroutines.runInterruptible

/**
 * [handler] as a Kotlin [ToolHandler] that runs it on the facade's executor, interruptibly: a blocking handler never
 * occupies the thread that resumed the session, and cancelling the turn interrupts it.
 */
internal fun AsyncRuntime.toolHandler(handler: BlockingToolHandler): ToolHandler =
    ToolHandler { arguments -> runInterruptible(dispatcher) { handler.call(arguments.toString()) } }

/** A tool with JSON schema text [parametersJson] whose calls the blocking [handler] answers on the executor. */
internal fun AsyncRuntime.tool(name: String, description: String?, parametersJson: String, handler: BlockingToolHandler): Tool =
    Tool.fromJsonSchema(name, description, parametersJson, toolHandler(handler))
