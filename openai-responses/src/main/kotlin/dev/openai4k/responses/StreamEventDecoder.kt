package dev.openai4k.responses

import dev.openai4k.OpenAIDecodeException
import dev.openai4k.OpenAIJson
import dev.openai4k.OpenAIStreamException
import dev.openai4k.http.ServerSentEvent
import kotlinx.serialization.DeserializationStrategy
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/** Turns server-sent events into [ResponseStreamEvent]s, by the data's `type` or else the SSE `event:` name. */
internal object StreamEventDecoder {
    private val known: Map<String, DeserializationStrategy<ResponseStreamEvent>> = mapOf(
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
    )

    /**
     * The event [sse] carries, or null for an empty keep-alive event.
     *
     * @throws OpenAIStreamException for an `error` event that reached us (core catches most of them first).
     * @throws OpenAIDecodeException for data that is not a JSON object or does not fit its type.
     */
    fun decode(sse: ServerSentEvent): ResponseStreamEvent? {
        if (sse.data.isBlank()) return null
        val element = try {
            OpenAIJson.parseToJsonElement(sse.data)
        } catch (e: SerializationException) {
            throw decodeError("Stream event is not JSON", sse.data, e)
        }
        val obj = element as? JsonObject ?: throw decodeError("Stream event is not a JSON object", sse.data, null)
        val type = obj.typeName() ?: sse.event ?: ""
        if (type == "error") throw streamError(obj)
        val deserializer = known[type] ?: return ResponseStreamEvent.Unknown(type, obj)
        return try {
            OpenAIJson.decodeFromJsonElement(deserializer, obj)
        } catch (e: SerializationException) {
            throw decodeError("Could not decode stream event $type: ${e.message?.lineSequence()?.firstOrNull()}", sse.data, e)
        } catch (e: IllegalArgumentException) {
            throw decodeError("Could not decode stream event $type: ${e.message?.lineSequence()?.firstOrNull()}", sse.data, e)
        }
    }

    private fun decodeError(message: String, data: String, cause: Throwable?) =
        OpenAIDecodeException(message, bodySnippet = data.take(2048), cause = cause)

    // Either {"type":"error","code":..,"message":..} or {"type":"error","error":{...}}.
    private fun streamError(obj: JsonObject): OpenAIStreamException {
        val fields = obj["error"] as? JsonObject ?: obj
        return OpenAIStreamException(
            message = "stream error: " + (fields.text("message") ?: obj.toString().take(200)),
            type = fields.text("type")?.takeIf { it != "error" },
            code = fields.text("code"),
            param = fields.text("param"),
            bodySnippet = obj.toString().take(2048),
        )
    }

    private fun JsonObject.text(key: String): String? = when (val v: JsonElement? = this[key]) {
        null, JsonNull -> null
        is JsonPrimitive -> v.content
        else -> v.toString()
    }
}
