package dev.openai4k.facade

import kotlinx.coroutines.runInterruptible
import kotlinx.serialization.json.JsonObject

/**
 * Runs a Java [ToolHandler] with [arguments] on the facade's executor, interruptibly: a blocking handler never
 * occupies the thread that resumed the session, and cancelling the turn interrupts it.
 */
internal suspend fun ToolHandler.runOn(runtime: AsyncRuntime, arguments: JsonObject): String =
    runInterruptible(runtime.dispatcher) { call(arguments.toString()) }
