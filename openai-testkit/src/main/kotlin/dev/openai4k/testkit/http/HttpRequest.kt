package dev.openai4k.testkit.http

/** A request line, its headers and its complete body, as [RequestParser] read them. */
internal class HttpRequest(
    val method: String,
    val target: String,
    val version: String,
    val headers: List<Pair<String, String>>,
    val body: ByteArray,
) {
    fun header(name: String): String? = headers.firstOrNull { it.first.equals(name, ignoreCase = true) }?.second

    /** Whether the client asked for the connection to end after this exchange. */
    val wantsClose: Boolean
        get() {
            val connection = header("connection")?.lowercase()
            return connection?.contains("close") == true ||
                (version == "HTTP/1.0" && connection?.contains("keep-alive") != true)
        }
}

/** A request the server cannot parse; answered with [status] (400, 413 or 431) and a close. */
internal class BadRequestException(message: String, val status: Int = 400) : Exception(message)
