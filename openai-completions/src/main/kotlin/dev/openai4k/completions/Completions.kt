package dev.openai4k.completions

import kotlinx.coroutines.flow.flow

import dev.openai4k.OpenAIConnectionException

import dev.openai4k.OpenAI
import dev.openai4k.OpenAIDecodeException
import dev.openai4k.OpenAIJson
import dev.openai4k.RequestOptions
import dev.openai4k.encodeRequestBody
import dev.openai4k.http.ApiBody
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.mapNotNull
import kotlinx.serialization.json.JsonPrimitive

/** The legacy text completions API: `POST /completions`, whole or streamed. */
public class Completions internal constructor(private val client: OpenAI) {

    /**
     * Creates a completion. [CompletionRequest.streamOptions] is left out: it is only valid on a stream, and
     * OpenAI rejects it otherwise.
     *
     * @throws dev.openai4k.OpenAIException for every failure: a status subclass (`BadRequestException`,
     * `NotFoundException`, `RateLimitException`, ...) for error answers, `OpenAIConnectionException` for the
     * network, `OpenAIDecodeException` for an answer that does not decode.
     */
    public suspend fun create(request: CompletionRequest, options: RequestOptions = RequestOptions.NONE): Completion {
        val body = encodeRequestBody(CompletionRequest.serializer(), request.copy(streamOptions = null), request.extraBody)
        return client.execute(call(body, options), Completion.serializer())
    }

    /**
     * Streams a completion as a cold flow of chunks: nothing is sent until it is collected, and cancelling the
     * collector closes the connection. Collect it with [accumulate] to get the whole completion.
     *
     * The flow throws `OpenAIException`s as [create] does, `OpenAIStreamException` for an error sent inside the
     * stream, and `OpenAIDecodeException` for a chunk that does not decode.
     */
    public fun stream(request: CompletionRequest, options: RequestOptions = RequestOptions.NONE): Flow<Completion> {
        val body = encodeRequestBody(
            CompletionRequest.serializer(), request, request.extraBody + ("stream" to JsonPrimitive(true)),
        )
        return flow {
            var chunks = 0
            var finished = false
            client.events(call(body, options)).collect { event ->
                if (event.data.isBlank()) return@collect
                val chunk = try {
                    OpenAIJson.decodeFromString(Completion.serializer(), event.data)
                } catch (e: IllegalArgumentException) {
                    // kotlinx.serialization's SerializationException is an IllegalArgumentException.
                    throw OpenAIDecodeException(
                        "Could not decode a completion chunk: ${e.message?.lineSequence()?.firstOrNull()}",
                        bodySnippet = event.data.take(SNIPPET_CHARS),
                        cause = e,
                    )
                }
                chunks++
                if (chunk.choices.any { it.finishReason != null }) finished = true
                emit(chunk)
            }
            // A connection closed cleanly mid-answer looks like a normal end of the body; only the missing
            // finish_reason tells it apart.
            if (!finished) {
                throw OpenAIConnectionException(
                    if (chunks == 0) "The stream ended without any chunk" else "The stream ended before the completion finished (no finish_reason)",
                )
            }
        }
    }

    /**
     * The text of one completion of [prompt] by [model].
     *
     * @throws dev.openai4k.OpenAIException as [create] does; `OpenAIDecodeException` if the answer has no choice.
     */
    public suspend fun complete(model: String, prompt: String, options: RequestOptions = RequestOptions.NONE): String {
        val completion = create(CompletionRequest(model, CompletionPrompt.of(prompt)), options)
        val choice = completion.choices.minByOrNull { it.index }
            ?: throw OpenAIDecodeException("The completion has no choices")
        return choice.text
    }

    private fun call(body: kotlinx.serialization.json.JsonObject, options: RequestOptions) =
        ApiCall(ApiMethod.POST, ApiPath.fixed("completions"), ApiBody.Json(body), options = options, deploymentScoped = true)

    private companion object {
        const val SNIPPET_CHARS = 2048
    }
}

/** The legacy completions API of this client. */
public val OpenAI.completions: Completions get() = Completions(this)
