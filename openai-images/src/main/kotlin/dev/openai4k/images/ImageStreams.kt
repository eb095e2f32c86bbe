@file:JvmName("ImageStreams")

package dev.openai4k.images

import dev.openai4k.OpenAIException
import dev.openai4k.http.ServerSentEvent
import dev.openai4k.stream.StreamAccumulator
import dev.openai4k.stream.TypedEventDecoder
import dev.openai4k.stream.attachPartial
import dev.openai4k.stream.decodeEvents
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.emitAll
import kotlinx.coroutines.flow.flow
import kotlinx.serialization.DeserializationStrategy

/**
 * The last preview a failed image stream had delivered ([Images.generateStream], [Images.editStream]), so that a
 * caller that only catches still has something to show; null when no preview had arrived.
 * Java: `ImageStreams.partialImage(e)`.
 */
public val OpenAIException.partialImage: ImageStreamEvent.PartialImage?
    @JvmName("partialImage") get() = partial(ImageStreamEvent.PartialImage::class.java)

/** The image stream's event table; other types arrive as [ImageStreamEvent.Unknown]. */
private val imageEvents: TypedEventDecoder<ImageStreamEvent> = TypedEventDecoder(
    "image",
    mapOf<String, DeserializationStrategy<ImageStreamEvent>>(
        "image_generation.partial_image" to ImageStreamEvent.PartialImage.serializer(),
        "image_edit.partial_image" to ImageStreamEvent.PartialImage.serializer(),
        "image_generation.completed" to ImageStreamEvent.Completed.serializer(),
        "image_edit.completed" to ImageStreamEvent.Completed.serializer(),
    ),
) { type, json -> ImageStreamEvent.Unknown(type, json) }

/** Keeps the last preview for the exception of a failed stream. */
private class LastPreview : StreamAccumulator<ImageStreamEvent, ImageStreamEvent.PartialImage> {
    private var last: ImageStreamEvent.PartialImage? = null

    override fun add(element: ImageStreamEvent) {
        if (element is ImageStreamEvent.PartialImage) last = element
    }

    override fun partial(): ImageStreamEvent.PartialImage? = last

    override fun partialText(): String? = null
}

/**
 * Turns server-sent events into [ImageStreamEvent]s, the last preview attached to a failure. A stream that ends
 * without a single event is an error: a server that ignored `stream=true` answers with one JSON body, which holds
 * no event at all, and an empty flow would hide that.
 */
internal fun Flow<ServerSentEvent>.toImageEvents(): Flow<ImageStreamEvent> {
    val events = this
    return flow { emitAll(events.decodeEvents(imageEvents).attachPartial("image", LastPreview(), failWhenEmpty = true)) }
}
