package dev.openai4k.testsupport

import dev.openai4k.OpenAIException
import dev.openai4k.schema.objectSchema
import dev.openai4k.tools.ToolArgumentsException
import dev.openai4k.tools.ToolErrorFormatter
import dev.openai4k.tools.ToolExecution
import dev.openai4k.tools.ToolInvocation
import dev.openai4k.tools.ToolListener
import dev.openai4k.tools.ToolRoundLimitException
import dev.openai4k.tools.UnknownToolException
import dev.openai4k.tools.tool
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.withTimeout
import kotlinx.serialization.json.jsonPrimitive
import java.util.Collections
import java.util.concurrent.atomic.AtomicInteger

private val calc = tool(
    "calc", "Adds or multiplies",
    objectSchema { enum("operation", listOf("add", "multiply")); number("a"); number("b") },
) { args ->
    val a = args["a"]!!.jsonPrimitive.content.toDouble()
    val b = args["b"]!!.jsonPrimitive.content.toDouble()
    val r = if (args["operation"]!!.jsonPrimitive.content == "add") a + b else a * b
    r.toLong().toString()
}
private val explode = tool("explode", "Always fails", objectSchema { }) { throw IllegalStateException("boom at /srv/secret\nsecond line") }
private val lookup = tool("lookup", "Answered by the caller", objectSchema { string("q") })
private const val ADD_1_2 = """{"operation":"add","a":1,"b":2}"""
private const val T = ModelReply.TOKENS_PER_REPLY

/**
 * The behaviour every session with tools shares (chat, responses, ...), written once and run by each section's test
 * with its own [SessionDriver]: the same scenarios, the same asserted outcomes, on the wire and in the results.
 */
abstract class SessionBehaviourSpec(driver: SessionDriver) : FunSpec({
    test("two calls in one round run concurrently: each handler waits until both have started") {
        val started = AtomicInteger()
        val bothStarted = CompletableDeferred<Unit>()
        val barrier = tool("barrier", "Waits for its twin", objectSchema { string("name") }) { args ->
            if (started.incrementAndGet() == 2) bothStarted.complete(Unit)
            withTimeout(5_000) { bothStarted.await() }
            "done " + args["name"]!!.jsonPrimitive.content
        }
        val s = driver.start(SessionSetup(listOf(barrier)), listOf(calls(Triple("p1", "barrier", """{"name":"one"}"""), Triple("p2", "barrier", """{"name":"two"}""")), answer("both done")))
        val turn = s.send("go")
        turn.toolExecutions.map { it.error } shouldBe listOf(null, null)
        turn.text shouldBe "both done"
        s.toolResultsSent(1) shouldBe listOf("p1" to "done one", "p2" to "done two")
    }

    test("with concurrentToolCalls off, the calls of a round run one after another, in order") {
        val events = Collections.synchronizedList(mutableListOf<String>())
        val slow = tool("slow", null, objectSchema { string("name") }) { args ->
            val name = args["name"]!!.jsonPrimitive.content
            events += "start $name"
            delay(50)
            events += "end $name"
            name
        }
        val s = driver.start(SessionSetup(listOf(slow), concurrentToolCalls = false), listOf(calls(Triple("a", "slow", """{"name":"a"}"""), Triple("b", "slow", """{"name":"b"}""")), answer("ok")))
        s.send("go").text shouldBe "ok"
        events shouldBe listOf("start a", "end a", "start b", "end b")
    }

    test("an unknown tool: UnknownToolException, and the model is told which tools exist") {
        val s = driver.start(SessionSetup(listOf(calc, explode)), listOf(calls(Triple("c1", "nonexistent", "{}")), answer("sorry")))
        val execution = s.send("go").toolExecutions.single()
        execution.error.shouldBeInstanceOf<UnknownToolException>().toolName shouldBe "nonexistent"
        s.toolResultsSent(1) shouldBe listOf("c1" to "Error: there is no tool named 'nonexistent'. Available tools: calc, explode.")
    }

    test("arguments that are not a JSON object or miss the schema: ToolArgumentsException, and the model is told why") {
        val s = driver.start(
            SessionSetup(listOf(calc)),
            listOf(calls(Triple("c1", "calc", "not json"), Triple("c2", "calc", """{"operation":"power","a":"x","b":1}""")), answer("sorry")),
        )
        val turn = s.send("go")
        turn.toolExecutions.forEach { it.error.shouldBeInstanceOf<ToolArgumentsException>() }
        val sent = s.toolResultsSent(1)
        sent.map { it.first } shouldBe listOf("c1", "c2")
        sent[0].second shouldStartWith "Error: The arguments of 'calc' are not a JSON object"
        sent[1].second shouldBe "Error: Invalid arguments for 'calc': " +
            """$.operation: must be one of ["add","multiply"], got "power"; $.a: expected number, got a string"""
    }

    test("a throwing handler: the model reads the first line of its message, or nothing of it when redacted") {
        for ((formatter, expected) in listOf(
            ToolErrorFormatter.DEFAULT to "Error: tool 'explode' failed: boom at /srv/secret",
            ToolErrorFormatter.REDACTED to "Error: tool 'explode' failed.",
        )) {
            val s = driver.start(SessionSetup(listOf(explode), toolErrorFormatter = formatter), listOf(calls(Triple("c1", "explode", "{}")), answer("sorry")))
            val turn = s.send("go")
            turn.text shouldBe "sorry"
            turn.toolExecutions.single().error.shouldBeInstanceOf<IllegalStateException>().message shouldStartWith "boom"
            s.toolResultsSent(1) shouldBe listOf("c1" to expected)
        }
    }

    test("a handler's own CancellationException is a failure of that call; the turn goes on") {
        val quitter = tool("quit", null, objectSchema { }) { throw CancellationException("gave up") }
        val s = driver.start(SessionSetup(listOf(quitter)), listOf(calls(Triple("c1", "quit", "{}")), answer("fine")))
        val turn = s.send("go")
        turn.text shouldBe "fine"
        turn.toolExecutions.single().error.shouldBeInstanceOf<CancellationException>()
        s.toolResultsSent(1) shouldBe listOf("c1" to "Error: tool 'quit' failed: gave up")
    }

    test("cancelling the caller cancels the running handler and rolls the turn back") {
        val entered = CompletableDeferred<Unit>()
        val cancelled = CompletableDeferred<Unit>()
        val hang = tool("hang", null, objectSchema { }) {
            entered.complete(Unit)
            try { awaitCancellation() } finally { cancelled.complete(Unit) }
        }
        val s = driver.start(SessionSetup(listOf(hang)), listOf(answer("first"), calls(Triple("c1", "hang", "{}")), answer("after")))
        s.send("one")
        val before = s.conversationState()
        coroutineScope {
            val turn = async { s.send("two") }
            withTimeout(5_000) { entered.await() }
            turn.cancel()
            withTimeout(5_000) { cancelled.await() }
            shouldThrow<CancellationException> { turn.await() }
        }
        s.conversationState() shouldBe before
        s.usedTokens shouldBe 2 * T
        s.send("three").text shouldBe "after"
        s.userTextsSeen(2) shouldBe listOf("one", "three")
    }

    test("listener events: onToolCall before each handler, onToolResult after it, in call order when sequential") {
        for (concurrent in listOf(false, true)) {
            val events = Collections.synchronizedList(mutableListOf<String>())
            val listener = object : ToolListener {
                override fun onToolCall(invocation: ToolInvocation) { events += "call ${invocation.id}" }
                override fun onToolResult(execution: ToolExecution) { events += "result ${execution.invocation.id} ${execution.result}" }
            }
            val s = driver.start(
                SessionSetup(listOf(calc, explode), concurrentToolCalls = concurrent, listener = listener),
                listOf(calls(Triple("c1", "calc", ADD_1_2), Triple("c2", "explode", "{}")), answer("ok")),
            )
            s.send("go")
            if (!concurrent) {
                events shouldBe listOf("call c1", "result c1 3", "call c2", "result c2 Error: tool 'explode' failed: boom at /srv/secret")
            } else {
                events shouldHaveSize 4
                for (id in listOf("c1", "c2")) {
                    val call = events.indexOf("call $id")
                    (call >= 0 && call < events.indexOfFirst { it.startsWith("result $id ") }) shouldBe true
                }
            }
        }
    }

    test("the round limit: the section's ToolRoundLimitException, the turn rolled back, the tokens still counted") {
        val s = driver.start(SessionSetup(listOf(calc), maxToolRounds = 2), listOf(answer("hi"), calls(Triple("loop", "calc", ADD_1_2))))
        s.send("hello")
        val before = s.conversationState()
        val e = shouldThrow<ToolRoundLimitException> { s.send("loop forever") }
        e::class shouldBe driver.roundLimitType
        e.rounds shouldBe 2
        e.toolExecutions.map { it.result } shouldBe listOf("3", "3")
        s.requestCount shouldBe 4
        s.conversationState() shouldBe before
        s.usedTokens shouldBe 4 * T
    }

    test("an API error mid-turn rolls the turn back (tool round included); the next send continues from before it") {
        val s = driver.start(SessionSetup(listOf(calc)), listOf(answer("first"), calls(Triple("c1", "calc", ADD_1_2)), failure(500), answer("third")))
        s.send("one")
        val before = s.conversationState()
        shouldThrow<OpenAIException> { s.send("two") }.status shouldBe 500
        s.conversationState() shouldBe before
        s.usedTokens shouldBe 2 * T
        s.send("three").text shouldBe "third"
        s.userTextsSeen(3) shouldBe listOf("one", "three")
        s.toolResultsSent(3) shouldBe emptyList()
    }

    test("manual mode: the calls wait for the caller's results, then the conversation continues") {
        val s = driver.start(
            SessionSetup(listOf(calc), autoExecuteTools = false),
            listOf(calls(Triple("c_a", "calc", ADD_1_2), Triple("c_b", "calc", """{"operation":"add","a":3,"b":4}""")), answer("3 and 7.")),
        )
        val turn = s.send("add")
        turn.text shouldBe null
        turn.toolCalls.map { it.id } shouldBe listOf("c_a", "c_b")
        turn.toolExecutions shouldBe emptyList()
        s.pendingToolCalls.map { it.id } shouldBe listOf("c_a", "c_b")
        shouldThrow<IllegalStateException> { s.send("another question") }
        shouldThrow<IllegalArgumentException> { s.addToolResult("c_zzz", "x") }
        s.addToolResult("c_b", "7")
        shouldThrow<IllegalStateException> { s.continueConversation() }
        s.addToolResult("c_a", "3")
        s.pendingToolCalls shouldBe emptyList()
        s.requestCount shouldBe 1
        s.continueConversation().text shouldBe "3 and 7."
        s.toolResultsSent(1) shouldBe listOf("c_b" to "7", "c_a" to "3")
        s.usedTokens shouldBe 2 * T
    }

    test("a tool without a handler ends the turn even in automatic mode; the tools with handlers of that round ran") {
        val s = driver.start(SessionSetup(listOf(calc, lookup)), listOf(calls(Triple("c1", "calc", ADD_1_2), Triple("c2", "lookup", """{"q":"x"}""")), answer("found")))
        val turn = s.send("go")
        turn.toolCalls.map { it.name } shouldBe listOf("lookup")
        turn.toolExecutions.map { it.invocation.id to it.result } shouldBe listOf("c1" to "3")
        s.addToolResult("c2", "x is 42")
        s.continueConversation().text shouldBe "found"
        s.toolResultsSent(1) shouldBe listOf("c1" to "3", "c2" to "x is 42")
    }

    test("streamed turns deliver text deltas across tool rounds, by listener and as a flow") {
        val s = driver.start(SessionSetup(listOf(calc)), listOf(calls(Triple("c1", "calc", ADD_1_2)), answer("The sum is 3."), answer("Bye now.")))
        val deltas = Collections.synchronizedList(mutableListOf<String>())
        val turn = s.send("1 + 2?") { deltas += it }
        deltas shouldBe listOf("The ", "sum ", "is ", "3.")
        turn.text shouldBe "The sum is 3."
        turn.toolExecutions.single().result shouldBe "3"
        (0..1).map { s.streamed(it) } shouldBe listOf(true, true)
        s.toolResultsSent(1) shouldBe listOf("c1" to "3")
        s.sendStreaming("bye").toList() shouldBe listOf("Bye ", "now.")
        s.lastTurnText shouldBe "Bye now."
        s.usedTokens shouldBe 3 * T
    }

    test("clear forgets the conversation and the usage") {
        val s = driver.start(SessionSetup(emptyList()), listOf(answer("a"), answer("b")))
        val fresh = s.conversationState()
        s.send("one")
        s.clear()
        s.conversationState() shouldBe fresh
        s.usedTokens shouldBe 0
        s.send("two")
        s.userTextsSeen(1) shouldBe listOf("two")
    }
})
