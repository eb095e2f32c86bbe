package dev.openai4k.stream

import kotlinx.serialization.json.JsonObject

/**
 * Makes a section's `Unknown` event: the fallback a [TypedEventDecoder] returns for an event type its table does not
 * know, so that a newer server's additions pass through instead of failing. Every section names that event `Unknown`
 * and keeps in it the type and the event's JSON object as received.
 *
 * ```kotlin
 * UnknownEventFactory { type, json -> ImageStreamEvent.Unknown(type, json) }
 * ```
 */
public fun interface UnknownEventFactory<out E : Any> {
    /**
     * The `Unknown` event for [json], whose type is [type]: the data's `type` member, else the SSE `event:` name,
     * else null.
     */
    public fun create(type: String?, json: JsonObject): E
}
