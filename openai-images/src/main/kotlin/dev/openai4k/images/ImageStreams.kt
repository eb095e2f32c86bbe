package dev.openai4k.images

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
 * Turns server-sent events into [ImageStreamEvent]s. When the stream fails, the last preview received is put in
 * the exception's `partial`, so a caller that only catches still has something to show. A stream that ends
 * without a single event is an error: a server that ignored `stream=true` answers with one JSON body, which holds
 * no event at all, and an empty flow would hide that.
 */
internal fun Flow<ServerSentEvent>.toImageEvents(): Flow<ImageStreamEvent> = flow {
    var lastPreview: ImageStreamEvent.PartialImage? = null
    var count = 0
    try {
        collect { sse ->
            val event = decodeImageEvent(sse)
            if (event is ImageStreamEvent.PartialImage) lastPreview = event
            count++
            emit(event)
        }
    } catch (e: OpenAIException) {
        if (e.partial == null) e.partial = lastPreview
        throw e
    }
    if (count == 0) {
        throw OpenAIDecodeException(
            "The image stream ended without any event; the server may not support stream=true for this model",
        )
    }
}

internal fun decodeImageEvent(sse: ServerSentEvent): ImageStreamEvent {
    val json = try {
        OpenAIJson.parseToJsonElement(sse.data) as? JsonObject
    } catch (_: Exception) {
        null
    }
    val type = (json?.get("type") as? JsonPrimitive)?.takeIf { it.isString }?.content ?: sse.event
    if (json == null || type == null) return ImageStreamEvent.Raw(type, sse, json)
    return when (type) {
        "image_generation.partial_image", "image_edit.partial_image" ->
            decode(ImageStreamEvent.PartialImage.serializer(), json, sse).copy(type = type)
        "image_generation.completed", "image_edit.completed" ->
            decode(ImageStreamEvent.Completed.serializer(), json, sse).copy(type = type)
        else -> ImageStreamEvent.Raw(type, sse, json)
    }
}

private fun <T> decode(deserializer: DeserializationStrategy<T>, json: JsonObject, sse: ServerSentEvent): T = try {
    OpenAIJson.decodeFromJsonElement(deserializer, json)
} catch (e: Exception) {
    throw OpenAIDecodeException(
        "Could not decode an image stream event as ${deserializer.descriptor.serialName}: " +
            (e.message?.lineSequence()?.firstOrNull() ?: e.toString()),
        bodySnippet = sse.data.take(2048),
        cause = e,
    )
}
