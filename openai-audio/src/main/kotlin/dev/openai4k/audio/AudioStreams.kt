package dev.openai4k.audio

import dev.openai4k.OpenAIDecodeException
import dev.openai4k.OpenAIException
import dev.openai4k.OpenAIJson
import dev.openai4k.http.ServerSentEvent
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.serialization.DeserializationStrategy
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * Decodes each server-sent event with [decode] (given the event's type: the data's `type` field, else the SSE
 * `event:` name, and its data as a JSON object when it is one). A stream that ends without a single event is an
 * error: a server that ignores `stream=true` (whisper-1 does) answers with one JSON body, which holds no event,
 * and an empty flow would hide that.
 */
internal fun <E> Flow<ServerSentEvent>.decodeEach(
    what: String,
    decode: (type: String?, sse: ServerSentEvent, json: JsonObject?) -> E,
): Flow<E> = flow {
    var count = 0
    collect { sse ->
        val json = try {
            OpenAIJson.parseToJsonElement(sse.data) as? JsonObject
        } catch (_: Exception) {
            null
        }
        val type = (json?.get("type") as? JsonPrimitive)?.takeIf { it.isString }?.content ?: sse.event
        count++
        emit(decode(type, sse, json))
    }
    if (count == 0) {
        throw OpenAIDecodeException(
            "The $what stream ended without any event; the server or model may not support streaming " +
                "(it may have answered with a single JSON body)",
        )
    }
}

internal fun transcriptionEvents(events: Flow<ServerSentEvent>): Flow<TranscriptionStreamEvent> = flow {
    val text = StringBuilder()
    try {
        events.decodeEach("transcription") { type, sse, json ->
            when {
                json == null -> TranscriptionStreamEvent.Raw(type, sse, null)
                type == "transcript.text.delta" ->
                    decodeEvent(TranscriptionStreamEvent.TextDelta.serializer(), json, sse).copy(type = type)
                type == "transcript.text.done" ->
                    decodeEvent(TranscriptionStreamEvent.TextDone.serializer(), json, sse).copy(type = type)
                type == "transcript.text.segment" ->
                    decodeEvent(TranscriptionStreamEvent.Segment.serializer(), json, sse).copy(type = type)
                else -> TranscriptionStreamEvent.Raw(type, sse, json)
            }
        }.collect { event ->
            if (event is TranscriptionStreamEvent.TextDelta) text.append(event.delta)
            emit(event)
        }
    } catch (e: OpenAIException) {
        if (e.partialText == null && text.isNotEmpty()) e.partialText = text.toString()
        throw e
    }
}

internal fun speechEvents(events: Flow<ServerSentEvent>): Flow<SpeechStreamEvent> =
    events.decodeEach("speech") { type, sse, json ->
        when {
            json == null -> SpeechStreamEvent.Raw(type, sse, null)
            type == "speech.audio.delta" -> decodeEvent(SpeechStreamEvent.AudioDelta.serializer(), json, sse).copy(type = type)
            type == "speech.audio.done" -> decodeEvent(SpeechStreamEvent.AudioDone.serializer(), json, sse).copy(type = type)
            else -> SpeechStreamEvent.Raw(type, sse, json)
        }
    }

private fun <T> decodeEvent(deserializer: DeserializationStrategy<T>, json: JsonObject, sse: ServerSentEvent): T = try {
    OpenAIJson.decodeFromJsonElement(deserializer, json)
} catch (e: Exception) {
    throw OpenAIDecodeException(
        "Could not decode a stream event as ${deserializer.descriptor.serialName}: " +
            (e.message?.lineSequence()?.firstOrNull() ?: e.toString()),
        bodySnippet = sse.data.take(2048),
        cause = e,
    )
}
