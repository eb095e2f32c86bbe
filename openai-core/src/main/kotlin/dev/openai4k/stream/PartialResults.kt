@file:JvmName("PartialResults")

package dev.openai4k.stream

import dev.openai4k.OpenAIDecodeException
import dev.openai4k.OpenAIException
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

/**
 * This flow, feeding every element to [accumulator] before handing it on, so that any [OpenAIException] the stream
 * raises carries what had arrived: [OpenAIException.partial] is set to [StreamAccumulator.partial] and
 * [OpenAIException.partialText] to [StreamAccumulator.partialText], each only when it is not set yet (an inner
 * layer's value stays) and only when the accumulator has one. The building block of every section's stream.
 *
 * When the stream ends without an error, [StreamAccumulator.endFailure] may still fail it (a cut stream); with
 * [failWhenEmpty], a stream that ends without a single element fails with [OpenAIDecodeException] naming [stream]
 * (a server that ignores `stream=true` may answer with something that holds no event, and an empty flow would
 * hide that). Both failures carry the partial result too.
 *
 * Each collection is one stream: [accumulator] should be made per collection (build this flow inside `flow { }` or
 * per call) when the flow may be collected twice.
 *
 * @param stream the stream's name in failure messages (`image`, `transcription`, ...).
 * @param accumulator what the elements are fed to; null to attach nothing (and only check for an empty stream).
 * @param failWhenEmpty whether an empty stream is an error.
 */
@JvmOverloads
public fun <E> Flow<E>.attachPartial(
    stream: String,
    accumulator: StreamAccumulator<E, *>?,
    failWhenEmpty: Boolean = false,
): Flow<E> {
    val upstream = this
    return flow {
        var count = 0L
        try {
            upstream.collect { element ->
                accumulator?.add(element)
                count++
                emit(element)
            }
            if (failWhenEmpty && count == 0L) {
                throw OpenAIDecodeException(
                    "The $stream stream ended without any event; the server or model may not support streaming " +
                        "(it may have answered with a single JSON body or with raw bytes)",
                )
            }
            accumulator?.endFailure()?.let { throw it }
        } catch (e: OpenAIException) {
            if (accumulator != null) attach(e, accumulator)
            throw e
        }
    }
}

/** Sets [e]'s partial result and text from [accumulator], each only when it is not set yet. */
private fun attach(e: OpenAIException, accumulator: StreamAccumulator<*, *>) {
    if (e.partial == null) accumulator.partial()?.let { e.partial = it }
    if (e.partialText == null) accumulator.partialText()?.let { e.partialText = it }
}
