package dev.openai4k.testkit.http

import dev.openai4k.testkit.Fault

/**
 * One step of writing a reply without a thread of its own (the non-blocking transport): the same bytes, pauses
 * and closes that [ReplyWriter] produces by writing and sleeping, as a list that a selector loop works through.
 */
internal sealed interface Step {
    /** Queue [bytes] for the client. */
    class Send(val bytes: ByteArray) : Step

    /** The answer is complete (a client closing after this is not counted as a disconnect). */
    data object Finished : Step

    /**
     * Wait until everything queued so far is written, give up if the client has gone, wait [millis] (giving up at
     * once when the client hangs up meanwhile), and give up if it has gone by then.
     */
    class Pause(val millis: Long) : Step

    /** Write everything queued, then end the connection: a FIN, or an RST when [reset]. */
    class Close(val reset: Boolean) : Step
}

/**
 * The steps that write [reply] to a request, mirroring [ReplyWriter.write] step for step; [closeAfter] is the
 * client's `Connection: close`. A plan that ends without [Step.Close] leaves the connection open for the next
 * request.
 */
internal fun planReply(reply: Reply, common: List<Pair<String, String>>, closeAfter: Boolean): List<Step> {
    val steps = mutableListOf<Step>()
    val keepAlive = Planner(steps, common, closeAfter).plan(reply)
    if (!keepAlive || closeAfter) steps += Step.Close(reset = false)
    return steps
}

private class Planner(
    private val steps: MutableList<Step>,
    private val common: List<Pair<String, String>>,
    private val closeAfter: Boolean,
) {
    /** Adds the steps of [reply]; returns whether the connection can carry another request. */
    fun plan(reply: Reply): Boolean = when (reply) {
        is Reply.Body -> {
            send(head(reply) + reply.body)
            steps += Step.Finished
            true
        }
        is Reply.Events -> {
            send(head(reply))
            reply.events.forEachIndexed { i, event ->
                // ReplyWriter flushes and checks for a hang-up after each event but the last, then pauses.
                if (i > 0) steps += Step.Pause(reply.options.delayMillis)
                val chunk = chunkOf(renderEvent(event, reply.options))
                // The last event travels with the end of the body.
                send(if (i == reply.events.lastIndex) chunk + LAST_CHUNK else chunk)
            }
            if (reply.events.isEmpty()) send(LAST_CHUNK)
            steps += Step.Finished
            true
        }
        is Reply.Delayed -> {
            steps += Step.Pause(reply.millis)
            plan(reply.inner)
        }
        is Reply.Faulted -> fault(reply.fault, reply.base)
    }

    private fun fault(fault: Fault, base: Reply): Boolean {
        if (base is Reply.Delayed) {
            steps += Step.Pause(base.millis)
            return fault(fault, base.inner)
        }
        when (fault) {
            is Fault.CloseBeforeHeaders -> steps += Step.Close(fault.reset)
            is Fault.CloseAfterBytes -> {
                val body = replyBody(base)
                val n = minOf(fault.bytes, body.size)
                send(head(base) + if (base is Reply.Events) chunkOf(body, 0, n) else body.copyOf(n))
                steps += Step.Close(fault.reset)
            }
            is Fault.CloseAfterEvents -> {
                send(head(base))
                if (base is Reply.Events) {
                    base.events.take(fault.events).forEachIndexed { i, event ->
                        if (i > 0) steps += Step.Pause(base.options.delayMillis)
                        send(chunkOf(renderEvent(event, base.options)))
                    }
                }
                steps += Step.Close(fault.reset)
            }
            is Fault.Stall -> {
                if (fault.afterHeaders) send(head(base))
                steps += Step.Pause(fault.millis)
                steps += Step.Close(reset = false)
            }
            is Fault.Trickle -> {
                send(head(base))
                val body = replyBody(base)
                var at = 0
                while (at < body.size) {
                    if (at > 0) steps += Step.Pause(fault.everyMillis)
                    val n = minOf(fault.bytes, body.size - at)
                    send(if (base is Reply.Events) chunkOf(body, at, at + n) else body.copyOfRange(at, at + n))
                    at += n
                }
                if (base is Reply.Events) send(LAST_CHUNK)
                steps += Step.Finished
                return true
            }
            // Answered as ordinary bodies by the dispatcher.
            Fault.MalformedJson, Fault.Html502 -> return plan(base)
        }
        return false
    }

    private fun send(bytes: ByteArray) {
        if (bytes.isNotEmpty()) steps += Step.Send(bytes)
    }

    private fun head(reply: Reply): ByteArray = responseHead(reply, common, closeAfter)
}
