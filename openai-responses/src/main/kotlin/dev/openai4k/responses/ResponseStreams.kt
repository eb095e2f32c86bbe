@file:JvmName("ResponseStreams")

package dev.openai4k.responses

import dev.openai4k.OpenAIConnectionException
import dev.openai4k.OpenAIException
import dev.openai4k.stream.StreamAccumulator
import dev.openai4k.stream.TypedEventDecoder
import kotlinx.serialization.DeserializationStrategy

/**
 * The partial [Response] a failed Responses stream had delivered ([Responses.stream], [accumulate]): the snapshot
 * of what had arrived, or null when the failure came from elsewhere. Java: `ResponseStreams.partialResponse(e)`.
 */
public val OpenAIException.partialResponse: Response?
    @JvmName("partialResponse") get() = partial(Response::class.java)

/** The Responses stream's event table: each event type and the class it is read as; the rest are `Unknown`. */
internal val responseEvents: TypedEventDecoder<ResponseStreamEvent> = TypedEventDecoder(
    "Responses",
    mapOf<String, DeserializationStrategy<ResponseStreamEvent>>(
        ResponseStreamEvent.CREATED to ResponseStreamEvent.Created.serializer(),
        ResponseStreamEvent.IN_PROGRESS to ResponseStreamEvent.InProgress.serializer(),
        ResponseStreamEvent.QUEUED to ResponseStreamEvent.Queued.serializer(),
        ResponseStreamEvent.COMPLETED to ResponseStreamEvent.Completed.serializer(),
        ResponseStreamEvent.FAILED to ResponseStreamEvent.Failed.serializer(),
        ResponseStreamEvent.INCOMPLETE to ResponseStreamEvent.Incomplete.serializer(),
        ResponseStreamEvent.OUTPUT_ITEM_ADDED to ResponseStreamEvent.OutputItemAdded.serializer(),
        ResponseStreamEvent.OUTPUT_ITEM_DONE to ResponseStreamEvent.OutputItemDone.serializer(),
        ResponseStreamEvent.CONTENT_PART_ADDED to ResponseStreamEvent.ContentPartAdded.serializer(),
        ResponseStreamEvent.CONTENT_PART_DONE to ResponseStreamEvent.ContentPartDone.serializer(),
        ResponseStreamEvent.OUTPUT_TEXT_DELTA to ResponseStreamEvent.OutputTextDelta.serializer(),
        ResponseStreamEvent.OUTPUT_TEXT_DONE to ResponseStreamEvent.OutputTextDone.serializer(),
        ResponseStreamEvent.OUTPUT_TEXT_ANNOTATION_ADDED to ResponseStreamEvent.OutputTextAnnotationAdded.serializer(),
        ResponseStreamEvent.REFUSAL_DELTA to ResponseStreamEvent.RefusalDelta.serializer(),
        ResponseStreamEvent.REFUSAL_DONE to ResponseStreamEvent.RefusalDone.serializer(),
        ResponseStreamEvent.FUNCTION_CALL_ARGUMENTS_DELTA to ResponseStreamEvent.FunctionCallArgumentsDelta.serializer(),
        ResponseStreamEvent.FUNCTION_CALL_ARGUMENTS_DONE to ResponseStreamEvent.FunctionCallArgumentsDone.serializer(),
        ResponseStreamEvent.REASONING_SUMMARY_TEXT_DELTA to ResponseStreamEvent.ReasoningSummaryTextDelta.serializer(),
        ResponseStreamEvent.REASONING_SUMMARY_TEXT_DONE to ResponseStreamEvent.ReasoningSummaryTextDone.serializer(),
        ResponseStreamEvent.REASONING_TEXT_DELTA to ResponseStreamEvent.ReasoningTextDelta.serializer(),
    ),
) { type, json -> ResponseStreamEvent.Unknown(type ?: "", json) }

/**
 * Feeds a Responses stream to [received]: the partial response is its snapshot (even before any output). With
 * [requireEnd], a stream that ends without a terminal event (completed, failed, incomplete) is cut, not whole.
 */
internal class ResponsePartial(
    private val received: ResponseAccumulator,
    private val requireEnd: Boolean,
) : StreamAccumulator<ResponseStreamEvent, Response> {
    override fun add(element: ResponseStreamEvent) = received.add(element)

    override fun partial(): Response = received.snapshot()

    override fun partialText(): String = received.text

    override fun endFailure(): OpenAIException? =
        if (!requireEnd || received.isDone) null else OpenAIConnectionException("The stream ended before the response finished")
}
