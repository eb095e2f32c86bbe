package dev.openai4k.testkit.http

import dev.openai4k.testkit.Fault
import dev.openai4k.testkit.SseEvent
import dev.openai4k.testkit.SseOptions

/** What the server answers to one request, before it is written. */
internal sealed interface Reply {
    /** A complete body with a `Content-Length`. */
    class Body(
        val status: Int,
        val contentType: String?,
        val body: ByteArray,
        val headers: List<Pair<String, String>> = emptyList(),
    ) : Reply

    /** A `text/event-stream`, chunked, one chunk per event. */
    class Events(
        val events: List<SseEvent>,
        val options: SseOptions = SseOptions.DEFAULT,
        val status: Int = 200,
        val headers: List<Pair<String, String>> = emptyList(),
    ) : Reply

    /** [base] broken by a transport [fault] (a close, a stall or a trickle). */
    class Faulted(val fault: Fault, val base: Reply) : Reply

    /** [inner] after [millis] of silence. */
    class Delayed(val millis: Long, val inner: Reply) : Reply
}

/** The wire form of one event under [options]. */
internal fun renderEvent(event: SseEvent, options: SseOptions): ByteArray {
    val eol = if (options.crlf) "\r\n" else "\n"
    val sb = StringBuilder()
    options.keepAliveComment?.let { sb.append(": ").append(it).append(eol) }
    event.event?.let { sb.append("event: ").append(it).append(eol) }
    event.id?.let { sb.append("id: ").append(it).append(eol) }
    for (line in event.data.split("\r\n", "\n", "\r")) sb.append("data: ").append(line).append(eol)
    sb.append(eol)
    return sb.toString().toByteArray(Charsets.UTF_8)
}

internal fun reasonPhrase(status: Int): String = when (status) {
    200 -> "OK"
    201 -> "Created"
    202 -> "Accepted"
    204 -> "No Content"
    400 -> "Bad Request"
    401 -> "Unauthorized"
    403 -> "Forbidden"
    404 -> "Not Found"
    405 -> "Method Not Allowed"
    408 -> "Request Timeout"
    409 -> "Conflict"
    413 -> "Payload Too Large"
    415 -> "Unsupported Media Type"
    422 -> "Unprocessable Entity"
    429 -> "Too Many Requests"
    431 -> "Request Header Fields Too Large"
    500 -> "Internal Server Error"
    502 -> "Bad Gateway"
    503 -> "Service Unavailable"
    504 -> "Gateway Timeout"
    else -> "Status $status"
}
