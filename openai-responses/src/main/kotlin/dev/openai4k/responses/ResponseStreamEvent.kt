package dev.openai4k.responses

import dev.openai4k.common.TokenLogprob
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonObject

/**
 * One event of a streamed response, named by its `type`. Events of a type this SDK does not model arrive as
 * [Unknown] (type and raw JSON), never as a failure. An `error` event is raised as an
 * [dev.openai4k.OpenAIStreamException] instead of being delivered.
 *
 * Indexes are nullable because some servers leave them out; [ResponseAccumulator] falls back on item ids.
 */
public sealed interface ResponseStreamEvent {
    /** The event type (`response.output_text.delta`, ...). */
    public val type: String

    /** The event's position in the stream, when the server numbers them. */
    public val sequenceNumber: Int?

    /** An event that carries a snapshot of the whole response (created, in progress, completed, ...). */
    public sealed interface Lifecycle : ResponseStreamEvent {
        /** The response as it stands at this event. */
        public val response: Response
    }

    /** `response.created`: the response exists; its [response] has no output yet. */
    @Serializable
    public data class Created(
        override val response: Response = Response(),
        @SerialName("sequence_number") override val sequenceNumber: Int? = null,
    ) : Lifecycle {
        override val type: String get() = CREATED
    }

    /** `response.in_progress`: generation started. */
    @Serializable
    public data class InProgress(
        override val response: Response = Response(),
        @SerialName("sequence_number") override val sequenceNumber: Int? = null,
    ) : Lifecycle {
        override val type: String get() = IN_PROGRESS
    }

    /** `response.queued`: a background response is waiting to start. */
    @Serializable
    public data class Queued(
        override val response: Response = Response(),
        @SerialName("sequence_number") override val sequenceNumber: Int? = null,
    ) : Lifecycle {
        override val type: String get() = QUEUED
    }

    /** `response.completed`: the final response, output and usage included. */
    @Serializable
    public data class Completed(
        override val response: Response = Response(),
        @SerialName("sequence_number") override val sequenceNumber: Int? = null,
    ) : Lifecycle {
        override val type: String get() = COMPLETED
    }

    /** `response.failed`: the response failed; [Response.error] says why. */
    @Serializable
    public data class Failed(
        override val response: Response = Response(),
        @SerialName("sequence_number") override val sequenceNumber: Int? = null,
    ) : Lifecycle {
        override val type: String get() = FAILED
    }

    /** `response.incomplete`: the response stopped early; [Response.incompleteDetails] says why. */
    @Serializable
    public data class Incomplete(
        override val response: Response = Response(),
        @SerialName("sequence_number") override val sequenceNumber: Int? = null,
    ) : Lifecycle {
        override val type: String get() = INCOMPLETE
    }

    /** `response.output_item.added`: a new output item begins (often still empty). */
    @Serializable
    public data class OutputItemAdded(
        /** The position of that item in the response output. */
        @SerialName("output_index") val outputIndex: Int? = null,
        /** The item as it begins. */
        val item: ResponseItem? = null,
        @SerialName("sequence_number") override val sequenceNumber: Int? = null,
    ) : ResponseStreamEvent {
        override val type: String get() = OUTPUT_ITEM_ADDED
    }

    /** `response.output_item.done`: an output item is complete. */
    @Serializable
    public data class OutputItemDone(
        /** The position of that item in the response output. */
        @SerialName("output_index") val outputIndex: Int? = null,
        /** The complete item. */
        val item: ResponseItem? = null,
        @SerialName("sequence_number") override val sequenceNumber: Int? = null,
    ) : ResponseStreamEvent {
        override val type: String get() = OUTPUT_ITEM_DONE
    }

    /** `response.content_part.added`: a new part of a message begins. */
    @Serializable
    public data class ContentPartAdded(
        /** The id of the output item this event belongs to. */
        @SerialName("item_id") val itemId: String? = null,
        /** The position of that item in the response output. */
        @SerialName("output_index") val outputIndex: Int? = null,
        /** The position of the part in the item's content. */
        @SerialName("content_index") val contentIndex: Int? = null,
        /** The part as it begins. */
        val part: ResponseContentPart? = null,
        @SerialName("sequence_number") override val sequenceNumber: Int? = null,
    ) : ResponseStreamEvent {
        override val type: String get() = CONTENT_PART_ADDED
    }

    /** `response.content_part.done`: a part of a message is complete. */
    @Serializable
    public data class ContentPartDone(
        /** The id of the output item this event belongs to. */
        @SerialName("item_id") val itemId: String? = null,
        /** The position of that item in the response output. */
        @SerialName("output_index") val outputIndex: Int? = null,
        /** The position of the part in the item's content. */
        @SerialName("content_index") val contentIndex: Int? = null,
        /** The complete part. */
        val part: ResponseContentPart? = null,
        @SerialName("sequence_number") override val sequenceNumber: Int? = null,
    ) : ResponseStreamEvent {
        override val type: String get() = CONTENT_PART_DONE
    }

    /** `response.output_text.delta`: more text. */
    @Serializable
    public data class OutputTextDelta(
        /** The id of the output item this event belongs to. */
        @SerialName("item_id") val itemId: String? = null,
        /** The position of that item in the response output. */
        @SerialName("output_index") val outputIndex: Int? = null,
        /** The position of the part in the item's content. */
        @SerialName("content_index") val contentIndex: Int? = null,
        /** The new text. */
        val delta: String = "",
        /** Log probabilities of the new tokens, when asked for. */
        val logprobs: List<TokenLogprob>? = null,
        @SerialName("sequence_number") override val sequenceNumber: Int? = null,
    ) : ResponseStreamEvent {
        override val type: String get() = OUTPUT_TEXT_DELTA
    }

    /** `response.output_text.done`: a text part is complete. */
    @Serializable
    public data class OutputTextDone(
        /** The id of the output item this event belongs to. */
        @SerialName("item_id") val itemId: String? = null,
        /** The position of that item in the response output. */
        @SerialName("output_index") val outputIndex: Int? = null,
        /** The position of the part in the item's content. */
        @SerialName("content_index") val contentIndex: Int? = null,
        /** The whole text of the part. */
        val text: String = "",
        @SerialName("sequence_number") override val sequenceNumber: Int? = null,
    ) : ResponseStreamEvent {
        override val type: String get() = OUTPUT_TEXT_DONE
    }

    /** `response.output_text.annotation.added`: a citation was added to a text part. */
    @Serializable
    public data class OutputTextAnnotationAdded(
        /** The id of the output item this event belongs to. */
        @SerialName("item_id") val itemId: String? = null,
        /** The position of that item in the response output. */
        @SerialName("output_index") val outputIndex: Int? = null,
        /** The position of the part in the item's content. */
        @SerialName("content_index") val contentIndex: Int? = null,
        /** The position of the annotation in the part. */
        @SerialName("annotation_index") val annotationIndex: Int? = null,
        /** The citation. */
        val annotation: TextAnnotation? = null,
        @SerialName("sequence_number") override val sequenceNumber: Int? = null,
    ) : ResponseStreamEvent {
        override val type: String get() = OUTPUT_TEXT_ANNOTATION_ADDED
    }

    /** `response.refusal.delta`: more refusal text. */
    @Serializable
    public data class RefusalDelta(
        /** The id of the output item this event belongs to. */
        @SerialName("item_id") val itemId: String? = null,
        /** The position of that item in the response output. */
        @SerialName("output_index") val outputIndex: Int? = null,
        /** The position of the part in the item's content. */
        @SerialName("content_index") val contentIndex: Int? = null,
        /** The new text. */
        val delta: String = "",
        @SerialName("sequence_number") override val sequenceNumber: Int? = null,
    ) : ResponseStreamEvent {
        override val type: String get() = REFUSAL_DELTA
    }

    /** `response.refusal.done`: the refusal is complete. */
    @Serializable
    public data class RefusalDone(
        /** The id of the output item this event belongs to. */
        @SerialName("item_id") val itemId: String? = null,
        /** The position of that item in the response output. */
        @SerialName("output_index") val outputIndex: Int? = null,
        /** The position of the part in the item's content. */
        @SerialName("content_index") val contentIndex: Int? = null,
        /** The whole refusal. */
        val refusal: String = "",
        @SerialName("sequence_number") override val sequenceNumber: Int? = null,
    ) : ResponseStreamEvent {
        override val type: String get() = REFUSAL_DONE
    }

    /** `response.function_call_arguments.delta`: more of a function call's arguments. */
    @Serializable
    public data class FunctionCallArgumentsDelta(
        /** The id of the output item this event belongs to. */
        @SerialName("item_id") val itemId: String? = null,
        /** The position of that item in the response output. */
        @SerialName("output_index") val outputIndex: Int? = null,
        /** The new text of the arguments. */
        val delta: String = "",
        @SerialName("sequence_number") override val sequenceNumber: Int? = null,
    ) : ResponseStreamEvent {
        override val type: String get() = FUNCTION_CALL_ARGUMENTS_DELTA
    }

    /** `response.function_call_arguments.done`: a function call's arguments are complete. */
    @Serializable
    public data class FunctionCallArgumentsDone(
        /** The id of the output item this event belongs to. */
        @SerialName("item_id") val itemId: String? = null,
        /** The position of that item in the response output. */
        @SerialName("output_index") val outputIndex: Int? = null,
        /** The whole arguments text. */
        val arguments: String = "",
        /** The function name, when the server repeats it here. */
        val name: String? = null,
        @SerialName("sequence_number") override val sequenceNumber: Int? = null,
    ) : ResponseStreamEvent {
        override val type: String get() = FUNCTION_CALL_ARGUMENTS_DONE
    }

    /** `response.reasoning_summary_text.delta`: more of a reasoning summary. */
    @Serializable
    public data class ReasoningSummaryTextDelta(
        /** The id of the output item this event belongs to. */
        @SerialName("item_id") val itemId: String? = null,
        /** The position of that item in the response output. */
        @SerialName("output_index") val outputIndex: Int? = null,
        /** The position of the summary in the reasoning item. */
        @SerialName("summary_index") val summaryIndex: Int? = null,
        /** The new text. */
        val delta: String = "",
        @SerialName("sequence_number") override val sequenceNumber: Int? = null,
    ) : ResponseStreamEvent {
        override val type: String get() = REASONING_SUMMARY_TEXT_DELTA
    }

    /** `response.reasoning_summary_text.done`: a reasoning summary is complete. */
    @Serializable
    public data class ReasoningSummaryTextDone(
        /** The id of the output item this event belongs to. */
        @SerialName("item_id") val itemId: String? = null,
        /** The position of that item in the response output. */
        @SerialName("output_index") val outputIndex: Int? = null,
        /** The position of the summary in the reasoning item. */
        @SerialName("summary_index") val summaryIndex: Int? = null,
        /** The whole summary. */
        val text: String = "",
        @SerialName("sequence_number") override val sequenceNumber: Int? = null,
    ) : ResponseStreamEvent {
        override val type: String get() = REASONING_SUMMARY_TEXT_DONE
    }

    /** `response.reasoning_text.delta`: more raw reasoning (open-weight reasoning models). */
    @Serializable
    public data class ReasoningTextDelta(
        /** The id of the output item this event belongs to. */
        @SerialName("item_id") val itemId: String? = null,
        /** The position of that item in the response output. */
        @SerialName("output_index") val outputIndex: Int? = null,
        /** The position of the part in the item's content. */
        @SerialName("content_index") val contentIndex: Int? = null,
        /** The new text. */
        val delta: String = "",
        @SerialName("sequence_number") override val sequenceNumber: Int? = null,
    ) : ResponseStreamEvent {
        override val type: String get() = REASONING_TEXT_DELTA
    }

    /** An event of a type this SDK does not model, with its raw JSON. */
    public data class Unknown(
        override val type: String,
        /** The event as JSON. */
        val json: JsonObject,
    ) : ResponseStreamEvent {
        override val sequenceNumber: Int?
            get() = (json["sequence_number"] as? kotlinx.serialization.json.JsonPrimitive)?.content?.toIntOrNull()
    }

    public companion object {
        /** `response.created`. */
        public const val CREATED: String = "response.created"

        /** `response.in_progress`. */
        public const val IN_PROGRESS: String = "response.in_progress"

        /** `response.queued`. */
        public const val QUEUED: String = "response.queued"

        /** `response.completed`. */
        public const val COMPLETED: String = "response.completed"

        /** `response.failed`. */
        public const val FAILED: String = "response.failed"

        /** `response.incomplete`. */
        public const val INCOMPLETE: String = "response.incomplete"

        /** `response.output_item.added`. */
        public const val OUTPUT_ITEM_ADDED: String = "response.output_item.added"

        /** `response.output_item.done`. */
        public const val OUTPUT_ITEM_DONE: String = "response.output_item.done"

        /** `response.content_part.added`. */
        public const val CONTENT_PART_ADDED: String = "response.content_part.added"

        /** `response.content_part.done`. */
        public const val CONTENT_PART_DONE: String = "response.content_part.done"

        /** `response.output_text.delta`. */
        public const val OUTPUT_TEXT_DELTA: String = "response.output_text.delta"

        /** `response.output_text.done`. */
        public const val OUTPUT_TEXT_DONE: String = "response.output_text.done"

        /** `response.output_text.annotation.added`. */
        public const val OUTPUT_TEXT_ANNOTATION_ADDED: String = "response.output_text.annotation.added"

        /** `response.refusal.delta`. */
        public const val REFUSAL_DELTA: String = "response.refusal.delta"

        /** `response.refusal.done`. */
        public const val REFUSAL_DONE: String = "response.refusal.done"

        /** `response.function_call_arguments.delta`. */
        public const val FUNCTION_CALL_ARGUMENTS_DELTA: String = "response.function_call_arguments.delta"

        /** `response.function_call_arguments.done`. */
        public const val FUNCTION_CALL_ARGUMENTS_DONE: String = "response.function_call_arguments.done"

        /** `response.reasoning_summary_text.delta`. */
        public const val REASONING_SUMMARY_TEXT_DELTA: String = "response.reasoning_summary_text.delta"

        /** `response.reasoning_summary_text.done`. */
        public const val REASONING_SUMMARY_TEXT_DONE: String = "response.reasoning_summary_text.done"

        /** `response.reasoning_text.delta`. */
        public const val REASONING_TEXT_DELTA: String = "response.reasoning_text.delta"
    }
}
