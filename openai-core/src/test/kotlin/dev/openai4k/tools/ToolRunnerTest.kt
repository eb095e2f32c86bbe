package dev.openai4k.tools

import dev.openai4k.schema.objectSchema
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.withTimeout
import kotlinx.serialization.json.jsonPrimitive

/** The kernel on its own, as a manual tool loop uses it (the sessions' behaviour is SessionBehaviourSpec's). */
class ToolRunnerTest : FunSpec({
    val echo = tool("echo", null, objectSchema { string("text"); integer("wait") }) { args ->
        delay(args["wait"]!!.jsonPrimitive.content.toLong())
        args["text"]!!.jsonPrimitive.content
    }

    test("concurrent calls come back in the order of the calls, whatever order they finish in") {
        val runner = ToolRunner(listOf(echo))
        val done = runner.run(listOf(ToolInvocation("a", "echo", """{"text":"slow","wait":80}"""), ToolInvocation("b", "echo", """{"text":"fast","wait":1}""")))
        done.map { it.invocation.id to it.result } shouldBe listOf("a" to "slow", "b" to "fast")
    }

    test("answers: a tool with a handler or an unknown name is the runner's; a tool without handler is the caller's") {
        val runner = ToolRunner(listOf(echo, tool("ask", null, objectSchema { })))
        runner.answers(ToolInvocation("1", "echo", "{}")) shouldBe true
        runner.answers(ToolInvocation("2", "nope", "{}")) shouldBe true
        runner.answers(ToolInvocation("3", "ask", "{}")) shouldBe false
        runner.run(ToolInvocation("3", "ask", "{}")).error.shouldBeInstanceOf<IllegalStateException>()
    }

    test("cancelling the caller cancels the running handlers and propagates") {
        val started = CompletableDeferred<Unit>()
        val cancelled = CompletableDeferred<Unit>()
        val hang = tool("hang", null, objectSchema { }) {
            started.complete(Unit)
            try { awaitCancellation() } finally { cancelled.complete(Unit) }
        }
        coroutineScope {
            val job = async { ToolRunner(listOf(hang)).run(listOf(ToolInvocation("1", "hang", "{}"), ToolInvocation("2", "hang", "{}"))) }
            withTimeout(5_000) { started.await() }
            job.cancel()
            shouldThrow<CancellationException> { job.await() }
            withTimeout(5_000) { cancelled.await() }
        }
    }

    test("a custom formatter writes every failure's text; the failure itself is kept") {
        val runner = ToolRunner(listOf(echo), errorFormatter = { invocation, error -> "${invocation.name}: ${error::class.simpleName}" })
        val done = runner.run(ToolInvocation("1", "echo", "[1]"))
        done.result shouldBe "echo: ToolArgumentsException"
        done.error.shouldBeInstanceOf<ToolArgumentsException>()
    }

    test("duplicate tool names are refused") {
        shouldThrow<IllegalArgumentException> { ToolRunner(listOf(echo, echo)) }.message shouldBe "Tool names must be unique: [echo]"
    }
})
