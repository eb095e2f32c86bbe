package dev.openai4k.internal

import dev.openai4k.OpenAIConnectionException
import io.ktor.client.plugins.api.Send
import io.ktor.client.plugins.api.createClientPlugin
import kotlinx.coroutines.cancel

/**
 * Stops an interim (1xx) response from passing for the final one on Ktor's CIO engine (issue 24, item 7).
 *
 * A server or a proxy may send `100 Continue` or `103 Early Hints` ahead of its answer, unasked. CIO (3.5.2, and
 * still so on Ktor's main branch) reads one response head per request: `readResponse` in the engine's `utils.kt`
 * returns the 1xx head as the response, with an empty body, and the final answer stays unread on the socket. Ktor
 * offers no public way to read on from there, so the answer cannot be recovered; and the request cannot be sent
 * again, since the server already has it (a POST may have been processed).
 *
 * So the call fails, clearly and at once: an [OpenAIConnectionException] that names the status and the way out (the
 * default engine, java.net.http, skips interim answers), marked not to be retried. The call is cancelled, which
 * makes CIO close the socket of the connection (each request has a connection of its own: see `CioClient`), so no
 * later request can ever read the answer left behind.
 */
internal val CioInterimGuard = createClientPlugin("openai4k-cio-interim-guard") {
    on(Send) { request ->
        val call = proceed(request)
        val status = call.response.status
        if (status.value !in 100..199) return@on call
        // Ends the call's job: CIO then cancels the connection's input and closes its socket.
        call.response.cancel("Interim ${status.value} response taken for the final one")
        throw OpenAIConnectionException(
            "The server sent an interim ${status.value} ${status.description} response before its final answer " +
                "(${call.request.method.value} ${call.request.url.encodedPath}): Ktor's CIO engine cannot skip " +
                "interim (1xx) responses, so the answer could not be read and the connection was closed. The server " +
                "may have processed the request: it is not retried. The default HttpEngine.JAVA skips interim " +
                "responses.",
        ).apply {
            // The same override as a server's `x-should-retry: false`: a connection failure is otherwise retried.
            shouldRetryHeader = false
        }
    }
}
