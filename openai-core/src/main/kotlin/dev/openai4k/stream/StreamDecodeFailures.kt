@file:JvmName("StreamDecodeFailures")

package dev.openai4k.stream

import dev.openai4k.OpenAIDecodeException
import dev.openai4k.internal.snippetOf

/**
 * The one shape of a stream event that could not be decoded, for every section: the message names the [stream] and
 * the event [type] (and the class it was read as, when given) and quotes the first line of [cause]'s message; the
 * event's [data] is the `bodySnippet` (capped at 2 KiB); [cause] is kept. [TypedEventDecoder] raises it; a section
 * that decodes its chunks another way (chat's `ChatChunkDecoder`) raises it too.
 *
 * Java: `StreamDecodeFailures.streamDecodeFailure("chat", "chat.completion.chunk", data, e)`.
 *
 * @param stream the stream's name as a user knows it (`chat`, `image`, `transcription`, ...).
 * @param type the event's type, or null when it has none.
 * @param target the class the data was read as, or null.
 */
@JvmOverloads
public fun streamDecodeFailure(
    stream: String,
    type: String?,
    data: String,
    cause: Throwable?,
    target: String? = null,
): OpenAIDecodeException = decodeFailure(stream, type, data, firstLine(cause), cause, target)

/** [streamDecodeFailure] with the [reason] given in words (data that is not a JSON object has no cause to quote). */
internal fun decodeFailure(
    stream: String,
    type: String?,
    data: String,
    reason: String,
    cause: Throwable?,
    target: String? = null,
): OpenAIDecodeException {
    val what = buildString {
        append("Could not decode a ").append(stream).append(" stream event")
        if (type != null) append(" of type '").append(type).append('\'')
        if (target != null) append(" as ").append(target)
    }
    return OpenAIDecodeException("$what: $reason", bodySnippet = snippetOf(data), cause = cause)
}

private fun firstLine(cause: Throwable?): String =
    cause?.message?.lineSequence()?.firstOrNull()?.takeIf { it.isNotBlank() } ?: cause?.javaClass?.name ?: "no reason given"
