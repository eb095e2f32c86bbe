@file:JvmName("TypedEvents")

package dev.openai4k.stream

import dev.openai4k.OpenAIDecodeException
import dev.openai4k.OpenAIJson
import dev.openai4k.OpenAIStreamException
import dev.openai4k.http.ServerSentEvent
import dev.openai4k.internal.streamError
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.mapNotNull
import kotlinx.serialization.DeserializationStrategy
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * The building block every section uses to turn a stream's server-sent events into its typed events (Responses
 * events, image previews, transcription and speech events): the section gives only its table and its `Unknown`
 * factory, and every section reads events the same way.
 *
 * - The event's type is the data's `type` member (a string), else the SSE `event:` name. A known type is decoded
 *   with its strategy from [types] (when the type came from the `event:` name, it is put in the data's `type`
 *   first, so the decoded event knows it); an unknown one becomes [unknown]'s event, which keeps the type and the
 *   JSON object as received.
 * - An event of type `error` raises [OpenAIStreamException] with the error's fields, as core does for the events it
 *   reads itself (this decoder may be fed events from elsewhere: a recording, a proxy).
 * - Blank data (a keep-alive) is skipped: [decode] returns null.
 * - Anything else that does not decode (data that is not a JSON object, a field of the wrong shape) raises
 *   [OpenAIDecodeException] in the one shape of [streamDecodeFailure].
 *
 * Stateless and thread-safe: one instance per section is enough.
 *
 * ```java
 * TypedEventDecoder<ImageStreamEvent> decoder = new TypedEventDecoder<>("image",
 *     Map.of("image_generation.completed", ImageStreamEvent.Completed.Companion.serializer()),
 *     (type, json) -> new ImageStreamEvent.Unknown(type, json));
 * ImageStreamEvent event = decoder.decode(sse);
 * ```
 *
 * @param stream the stream's name in failure messages (`image`, `transcription`, `Responses`, ...).
 * @param types the strategy for each known event type.
 * @param unknown makes the event for a type not in [types].
 */
public class TypedEventDecoder<E : Any>(
    private val stream: String,
    types: Map<String, DeserializationStrategy<out E>>,
    private val unknown: UnknownEventFactory<E>,
) {
    private val types: Map<String, DeserializationStrategy<out E>> = HashMap(types)

    /**
     * The event [sse] carries, or null for blank data (a keep-alive).
     *
     * @throws OpenAIStreamException for an event of type `error`.
     * @throws OpenAIDecodeException for data that is not a JSON object or does not fit its type's class.
     */
    public fun decode(sse: ServerSentEvent): E? {
        val data = sse.data
        if (data.isBlank()) return null
        val element = try {
            OpenAIJson.parseToJsonElement(data)
        } catch (e: Exception) {
            throw streamDecodeFailure(stream, sse.event, data, e)
        }
        val json = element as? JsonObject
            ?: throw decodeFailure(stream, sse.event, data, "the data is not a JSON object", null)
        val named = json.stringMember("type")
        val type = named ?: sse.event
        if (type == ERROR) throw streamError(data, json, null)
        val strategy = types[type] ?: return unknown.create(type, json)
        // The type came from the SSE event name: the decoded event learns it as if the data had said it.
        val typed = if (named == null && type != null) JsonObject(json + ("type" to JsonPrimitive(type))) else json
        return try {
            OpenAIJson.decodeFromJsonElement(strategy, typed)
        } catch (e: Exception) {
            throw streamDecodeFailure(stream, type, data, e, strategy.descriptor.serialName)
        }
    }

    override fun toString(): String = "TypedEventDecoder($stream, ${types.size} types)"

    private companion object {
        const val ERROR = "error"

        fun JsonObject.stringMember(key: String): String? =
            (this[key] as? JsonPrimitive)?.takeIf { it.isString }?.content
    }
}

/**
 * Decodes each server-sent event of this flow with [decoder], skipping keep-alives. Failures are raised as
 * [TypedEventDecoder.decode] raises them.
 */
public fun <E : Any> Flow<ServerSentEvent>.decodeEvents(decoder: TypedEventDecoder<E>): Flow<E> =
    mapNotNull { decoder.decode(it) }

