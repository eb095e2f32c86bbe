package dev.openai4k.completions

import dev.openai4k.OpenAI
import dev.openai4k.OpenAIDecodeException
import dev.openai4k.OpenAIJson
import dev.openai4k.RequestOptions
import dev.openai4k.encodeRequestBody
import dev.openai4k.http.ApiBody
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import dev.openai4k.http.ServerSentEvent
import dev.openai4k.stream.attachPartial
import dev.openai4k.stream.streamDecodeFailure
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.emitAll
import kotlinx.coroutines.flow.flow
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
     * stream, `OpenAIDecodeException` for a chunk that does not decode, and `OpenAIConnectionException` for a stream
     * that ends without a `finish_reason`. Once a chunk has arrived, the exception carries the completion so far
     * (read it with [partialTextCompletion]; `CompletionStreams.partialTextCompletion(e)` in Java) and its text in
     * `partialText`.
     */
    public fun stream(request: CompletionRequest, options: RequestOptions = RequestOptions.NONE): Flow<Completion> {
        val body = encodeRequestBody(
            CompletionRequest.serializer(), request, request.extraBody + ("stream" to JsonPrimitive(true)),
        )
        return flow {
            val received = CompletionPartial(CompletionAccumulator(), requireFinish = true)
            emitAll(client.events(call(body, options)).mapNotNull(::decodeChunk).attachPartial("completion", received))
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

    private fun decodeChunk(event: ServerSentEvent): Completion? {
        if (event.data.isBlank()) return null
        return try {
            OpenAIJson.decodeFromString(Completion.serializer(), event.data)
        } catch (e: Exception) {
            throw streamDecodeFailure("completion", "text_completion", event.data, e)
        }
    }
}

/** The legacy completions API of this client. */
public val OpenAI.completions: Completions get() = Completions(this)
