@file:JvmName("ChatStreams")

package dev.openai4k.chat

import dev.openai4k.OpenAIConnectionException
import dev.openai4k.OpenAIException
import dev.openai4k.stream.StreamAccumulator

/**
 * The partial [ChatCompletion] a failed chat stream had delivered ([Chat.stream], [accumulate]): what the chunks
 * received before the failure make, or null when no chunk had arrived or the failure came from elsewhere.
 * Java: `ChatStreams.partialCompletion(e)`.
 */
public val OpenAIException.partialCompletion: ChatCompletion?
    @JvmName("partialCompletion") get() = partial(ChatCompletion::class.java)

/**
 * Feeds a chat stream to [received]: once a chunk has arrived, the partial completion and its first choice's text.
 * With [requireFinish], a stream that ends without any `finish_reason` is cut, not whole.
 */
internal class ChatPartial(
    private val received: ChatCompletionAccumulator,
    private val requireFinish: Boolean,
) : StreamAccumulator<ChatCompletionChunk, ChatCompletion> {
    override fun add(element: ChatCompletionChunk) {
        received.add(element)
    }

    override fun partial(): ChatCompletion? = if (received.chunkCount > 0) received.result() else null

    override fun partialText(): String? = if (received.chunkCount > 0) received.text else null

    // A connection closed cleanly mid-answer looks like a normal end of the body; only the missing finish_reason
    // tells it apart, and a cut answer must not pass for a whole one.
    override fun endFailure(): OpenAIException? = when {
        !requireFinish || received.finished -> null
        received.chunkCount == 0 -> OpenAIConnectionException("The stream ended without any chunk")
        else -> OpenAIConnectionException("The stream ended before the completion finished (no finish_reason)")
    }
}
