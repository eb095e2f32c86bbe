package dev.openai4k.internal

import dev.openai4k.OpenAIConfig
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ServerSentEvent
import io.ktor.utils.io.ByteReadChannel
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.serialization.DeserializationStrategy
import org.slf4j.Logger
import org.slf4j.LoggerFactory

/** The logger every stage writes to: one name for the whole SDK. */
internal val log: Logger = LoggerFactory.getLogger("dev.openai4k.OpenAI")

/**
 * One client's way of turning an [ApiCall] into an HTTP exchange. The stages, each in a file of its own, in the
 * order a call meets them:
 *
 * 1. [Attempts]: the tries, with backoff between them; a call's deadline and a stream's wait for its headers;
 *    `close()`; what is retried and what is raised (with the request id, and without secrets).
 * 2. [Redirects]: one try, following redirects; credentials never follow one to another host.
 * 3. [RequestFactory]: the URL (the base URL, or an Azure deployment's route), headers, credentials and body.
 * 4. [ErrorMapping]: error statuses, error bodies in a 2xx, and transport failures as [dev.openai4k.OpenAIException]s.
 * 5. [BodyReader]: bodies read within their bounds, decompressed, checked against their declared length, decoded.
 * 6. [EventReader]: a body read as server-sent events.
 *
 * [Secrets] keeps the key out of every text these stages produce.
 */
internal class Exchange(settings: OpenAIConfig, transport: Transport) {
    private val secrets = Secrets.of(settings)
    private val bodies = BodyReader(settings, secrets)
    private val errors = ErrorMapping(settings, secrets, bodies)
    private val attempts = Attempts(settings, secrets, errors, Redirects(transport, RequestFactory(settings, secrets), errors, secrets))
    private val eventReader = EventReader(settings, secrets, errors)

    /** Cancels the calls in flight; later calls fail at once. */
    fun close() = attempts.close()

    suspend fun <T> json(call: ApiCall, deserializer: DeserializationStrategy<T>): T =
        attempts.run(call, streaming = false, accept = "application/json") { response, _ ->
            val text = bodies.text(response)
            errors.errorInstead(text, deserializer, response)?.let { throw it }
            bodies.decode(text, deserializer, response)
        }

    suspend fun bytes(call: ApiCall): ByteArray =
        attempts.run(call, streaming = false, accept = "*/*") { response, _ -> bodies.bytes(response) }

    suspend fun <T> streaming(call: ApiCall, consume: suspend (ByteReadChannel) -> T): T =
        attempts.run(call, streaming = true, accept = "*/*") { response, progress ->
            progress.committed = true
            bodies.consume(response, consume)
        }

    fun events(call: ApiCall): Flow<ServerSentEvent> = flow {
        val collector = this
        attempts.run(call, streaming = true, accept = "text/event-stream") { response, progress ->
            // The server has begun to generate (and bill) the answer: whatever happens next, it is not sent again.
            progress.committed = true
            eventReader.read(call, bodies.bodyOf(response), response, collector)
        }
    }
}
