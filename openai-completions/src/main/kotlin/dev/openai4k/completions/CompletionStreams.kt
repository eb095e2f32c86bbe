@file:JvmName("CompletionStreams")

package dev.openai4k.completions

import dev.openai4k.OpenAIConnectionException
import dev.openai4k.OpenAIException
import dev.openai4k.stream.StreamAccumulator

/**
 * The partial [Completion] a failed completion stream had delivered ([Completions.stream], [accumulate]): the
 * chunks received before the failure joined, or null when no chunk had arrived or the failure came from elsewhere.
 * Java: `CompletionStreams.partialTextCompletion(e)`.
 */
public val OpenAIException.partialTextCompletion: Completion?
    @JvmName("partialTextCompletion") get() = partial(Completion::class.java)

/**
 * Feeds a completion stream to [received]: once a chunk has arrived, the completion so far and choice 0's text.
 * With [requireFinish], a stream that ends without any `finish_reason` is cut, not whole.
 */
internal class CompletionPartial(
    private val received: CompletionAccumulator,
    private val requireFinish: Boolean,
) : StreamAccumulator<Completion, Completion> {
    private var finished = false

    override fun add(element: Completion) {
        received.add(element)
        if (element.choices.any { it.finishReason != null }) finished = true
    }

    override fun partial(): Completion? = if (received.chunks > 0) received.completion() else null

    override fun partialText(): String? = if (received.chunks > 0) received.text else null

    // A connection closed cleanly mid-answer looks like a normal end of the body; only the missing finish_reason
    // tells it apart.
    override fun endFailure(): OpenAIException? = when {
        !requireFinish || finished -> null
        received.chunks == 0 -> OpenAIConnectionException("The stream ended without any chunk")
        else -> OpenAIConnectionException("The stream ended before the completion finished (no finish_reason)")
    }
}
