package dev.openai4k.stream

import dev.openai4k.OpenAIException

/**
 * What [attachPartial] feeds a stream's elements to, so that a failed stream's exception carries what had arrived:
 * each section has one (chat's completion so far, the response so far, the last preview image, ...).
 *
 * Not called concurrently: one stream feeds it from one collector.
 *
 * @param E the stream's elements.
 * @param P the partial result it builds.
 */
public interface StreamAccumulator<in E, out P : Any> {
    /** Takes the next element, before it is handed downstream. */
    public fun add(element: E)

    /** What has arrived so far, for [OpenAIException.partial]; null when there is nothing worth keeping. */
    public fun partial(): P?

    /** The text that has arrived so far, for [OpenAIException.partialText]; null when there is none. */
    public fun partialText(): String?

    /**
     * Asked when the stream ended without an error: the exception to raise because what arrived is incomplete (a
     * connection closed cleanly mid-answer looks like a normal end), or null when it is whole. Null by default.
     */
    public fun endFailure(): OpenAIException? = null
}
