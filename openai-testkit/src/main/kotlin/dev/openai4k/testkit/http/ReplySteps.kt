package dev.openai4k.testkit.http

import dev.openai4k.testkit.Fault

/**
 * One step of writing an answer, the same for every transport: what to write and when. Every reply kind and every
 * fault is turned into steps here, once ([planReply]); a transport only carries them out, the blocking one by
 * writing and sleeping on the connection's thread ([BlockingSteps]), the non-blocking one from its selector loop
 * and timers ([NioConnection]).
 */
internal sealed interface Step {
    /** Write [bytes], after everything written before. */
    class Send(val bytes: ByteArray) : Step

    /** The answer is complete: a client closing after this is not counted as a disconnect. */
    data object Finished : Step

    /**
     * Deliver everything written so far, then stay silent for [millis] (none for 0). A client that has hung up by
     * then, or hangs up meanwhile, ends the answer at once and is counted as a disconnect.
     */
    class Pause(val millis: Long) : Step

    /** Deliver everything written, then end the connection from the server side: a FIN, or an RST when [reset]. */
    class Close(val reset: Boolean) : Step
}

/**
 * The steps that write [reply] with the [common] headers; [closeAfter] is the client's `Connection: close`. Steps
 * that end without [Step.Close] leave the connection open for the next request.
 */
internal fun planReply(reply: Reply, common: List<Pair<String, String>>, closeAfter: Boolean): List<Step> {
    val steps = mutableListOf<Step>()
    val keepAlive = Planner(steps, common, closeAfter).plan(reply)
    if (!keepAlive || closeAfter) steps += Step.Close(reset = false)
    return steps
}

/**
 * The steps that answer [request], which arrived on connection [connectionId]: the [exchange]'s reply, or a plain
 * close when deciding it failed (a bug in a handler).
 */
internal fun answerSteps(exchange: Exchange, request: HttpRequest, connectionId: Int): List<Step> = try {
    planReply(exchange.answer(request, connectionId), exchange.commonHeaders(), request.wantsClose)
} catch (e: RuntimeException) {
    e.printStackTrace()
    listOf(Step.Close(reset = false))
}

/** The steps that answer a request that cannot be parsed: the error (400, 413 or 431), then a close. */
internal fun badRequestSteps(error: BadRequestException): List<Step> =
    listOf(Step.Send(badRequestBytes(error)), Step.Close(reset = false))

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
                // A pause (of 0 ms too) delivers each event and stops the stream once the client has hung up.
                if (i > 0) steps += Step.Pause(reply.options.delayMillis)
                val chunk = chunkOf(renderEvent(event, reply.options))
                // The last event travels with the end of the body, so that a client hanging up as soon as it has
                // read it is not counted as leaving early.
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
