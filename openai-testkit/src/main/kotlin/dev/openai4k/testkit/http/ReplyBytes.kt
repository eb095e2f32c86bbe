package dev.openai4k.testkit.http

import java.io.ByteArrayOutputStream

// The bytes of a reply that both transports write: the head, the whole body, chunk framing.

/** The status line and headers of [reply] (with [common] headers, and `connection: close` when [closeAfter]). */
internal fun responseHead(reply: Reply, common: List<Pair<String, String>>, closeAfter: Boolean): ByteArray {
    val headers = mutableListOf<Pair<String, String>>()
    val status: Int
    val extra: List<Pair<String, String>>
    when (reply) {
        is Reply.Body -> {
            status = reply.status
            extra = reply.headers
            reply.contentType?.let { headers += "content-type" to it }
            headers += "content-length" to reply.body.size.toString()
        }
        is Reply.Events -> {
            status = reply.status
            extra = reply.headers
            headers += "content-type" to "text/event-stream; charset=utf-8"
            headers += "cache-control" to "no-cache"
            headers += "transfer-encoding" to "chunked"
        }
        is Reply.Delayed -> return responseHead(reply.inner, common, closeAfter)
        is Reply.Faulted -> return responseHead(reply.base, common, closeAfter)
    }
    val names = extra.map { it.first.lowercase() }.toSet()
    val all = common.filter { it.first.lowercase() !in names } +
        headers.filter { it.first !in names || it.first == "content-length" || it.first == "transfer-encoding" } +
        extra.filter { it.first.lowercase() != "content-length" && it.first.lowercase() != "transfer-encoding" } +
        (if (closeAfter) listOf("connection" to "close") else emptyList())
    val sb = StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reasonPhrase(status)).append("\r\n")
    for ((name, value) in all) sb.append(name).append(": ").append(value).append("\r\n")
    sb.append("\r\n")
    return sb.toString().toByteArray(Charsets.UTF_8)
}

/** The whole payload of [reply]: the body, or every event rendered (without chunk framing). */
internal fun replyBody(reply: Reply): ByteArray = when (reply) {
    is Reply.Body -> reply.body
    is Reply.Events -> ByteArrayOutputStream().also { buffer ->
        reply.events.forEach { buffer.write(renderEvent(it, reply.options)) }
    }.toByteArray()
    is Reply.Delayed -> replyBody(reply.inner)
    is Reply.Faulted -> replyBody(reply.base)
}

/** [bytes] framed as one chunk of a chunked body (nothing for no bytes: an empty chunk would end the body). */
internal fun chunkOf(bytes: ByteArray, from: Int = 0, to: Int = bytes.size): ByteArray {
    val n = to - from
    if (n <= 0) return ByteArray(0)
    val size = (Integer.toHexString(n) + "\r\n").toByteArray(Charsets.ISO_8859_1)
    val out = ByteArray(size.size + n + 2)
    System.arraycopy(size, 0, out, 0, size.size)
    System.arraycopy(bytes, from, out, size.size, n)
    out[out.size - 2] = '\r'.code.toByte()
    out[out.size - 1] = '\n'.code.toByte()
    return out
}

/** The chunk that ends a chunked body. */
internal val LAST_CHUNK: ByteArray = "0\r\n\r\n".toByteArray(Charsets.ISO_8859_1)

/** The 400 (or 431, 413) answer to a request that cannot be parsed; the connection closes after it. */
internal fun badRequestBytes(e: BadRequestException): ByteArray {
    val body = """{"error":{"message":${jsonString(e.message ?: "Bad request")},"type":"invalid_request_error","param":null,"code":null}}"""
        .toByteArray(Charsets.UTF_8)
    val head = "HTTP/1.1 ${e.status} ${reasonPhrase(e.status)}\r\ncontent-type: application/json\r\n" +
        "content-length: ${body.size}\r\nconnection: close\r\n\r\n"
    return head.toByteArray(Charsets.ISO_8859_1) + body
}
