package dev.openai4k.responses

import dev.openai4k.OpenAI
import dev.openai4k.OpenAIConnectionException
import dev.openai4k.OpenAIDecodeException
import dev.openai4k.OpenAIException
import dev.openai4k.OpenAIJson
import dev.openai4k.RequestOptions
import dev.openai4k.encodeRequestBody
import dev.openai4k.http.ApiBody
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import dev.openai4k.stream.attachPartial
import dev.openai4k.stream.decodeEvents
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.emitAll
import kotlinx.coroutines.flow.flow
import kotlinx.serialization.json.JsonPrimitive

/**
 * The Responses API: create, stream, retrieve, delete and cancel model responses, list a response's input items
 * ([inputItems]),
 * and hold multi-turn [ResponseSession]s with automatic tool calls.
 *
 * ```kotlin
 * val reply = openai.responses.create(responseRequest("gpt-4.1-mini") { input("Hello") })
 * println(reply.outputText)
 * ```
 */
public class Responses internal constructor(private val client: OpenAI) {
    /** The input items of stored responses: `responses.inputItems.list(id)`. */
    public val inputItems: ResponseInputItems = ResponseInputItems(client)

    /**
     * Creates a response.
     *
     * @throws OpenAIException for every failure: a status subclass for error answers, a connection or timeout
     * exception for the network, [OpenAIDecodeException] for a body that does not decode.
     */
    public suspend fun create(request: ResponseRequest, options: RequestOptions = RequestOptions.NONE): Response =
        client.execute(
            ApiCall(ApiMethod.POST, PATH, ApiBody.Json(encodeRequestBody(ResponseRequest.serializer(), request, request.extraBody)), options = options),
            Response.serializer(),
        )

    /**
     * Streams a response as a cold flow of [ResponseStreamEvent]s: nothing is sent until it is collected, and
     * cancelling the collector closes the connection. Collect it whole with [accumulate].
     *
     * When the stream fails part-way, the [OpenAIException] raised carries what had arrived: [partialResponse]
     * reads the partial [Response] (`ResponseStreams.partialResponse(e)` in Java) and
     * [OpenAIException.partialText] is its text. A stream that ends without a terminal event (completed, failed,
     * incomplete) raises [OpenAIConnectionException].
     * An `error` event raises [dev.openai4k.OpenAIStreamException]; an event type this SDK does not know arrives as
     * [ResponseStreamEvent.Unknown].
     */
    public fun stream(request: ResponseRequest, options: RequestOptions = RequestOptions.NONE): Flow<ResponseStreamEvent> {
        val body = encodeRequestBody(ResponseRequest.serializer(), request, request.extraBody + ("stream" to JsonPrimitive(true)))
        val call = ApiCall(ApiMethod.POST, PATH, ApiBody.Json(body), options = options)
        return flow {
            val received = ResponsePartial(ResponseAccumulator(), requireEnd = true)
            emitAll(client.events(call).decodeEvents(responseEvents).attachPartial("Responses", received))
        }
    }

    /**
     * Reads a stored response; [include] asks for extra output as in the request (see [ResponseInclude]).
     *
     * @throws dev.openai4k.NotFoundException when there is no such response; see [create] for the rest.
     */
    public suspend fun retrieve(
        responseId: String,
        include: List<String> = emptyList(),
        options: RequestOptions = RequestOptions.NONE,
    ): Response = client.execute(
        ApiCall(ApiMethod.GET, PATH / responseId, query = include.map { "include[]" to it }, options = options),
        Response.serializer(),
    )

    /**
     * Deletes a stored response. An empty answer body (some servers send one) counts as deleted.
     *
     * @throws dev.openai4k.NotFoundException when there is no such response; see [create] for the rest.
     */
    public suspend fun delete(responseId: String, options: RequestOptions = RequestOptions.NONE): ResponseDeleted {
        val bytes = client.executeBytes(ApiCall(ApiMethod.DELETE, PATH / responseId, options = options))
        val text = bytes.decodeToString()
        if (text.isBlank()) return ResponseDeleted(id = responseId, deleted = true)
        return try {
            OpenAIJson.decodeFromString(ResponseDeleted.serializer(), text)
        } catch (e: Exception) {
            throw OpenAIDecodeException("Could not decode the delete answer: ${e.message}", bodySnippet = text.take(2048), cause = e)
        }
    }

    /**
     * Cancels a background response and returns it (with status `cancelled`).
     *
     * @throws OpenAIException as [create]; OpenAI answers 400 for a response that was not created in the background.
     */
    public suspend fun cancel(responseId: String, options: RequestOptions = RequestOptions.NONE): Response =
        client.execute(ApiCall(ApiMethod.POST, PATH / responseId / "cancel", options = options), Response.serializer())

    /** A new [ResponseSession] with [config] (model, instructions, tools, ...); the model defaults as described there. */
    @JvmOverloads
    public fun session(config: ResponseSessionConfig = ResponseSessionConfig.DEFAULT): ResponseSession =
        ResponseSession(this, config, client.defaultModel)

    /**
     * A new [ResponseSession] configured with a DSL:
     * ```kotlin
     * val chat = openai.responses.session { model = "gpt-4.1-mini"; instructions = "Be brief."; tool(weather) }
     * ```
     */
    @JvmSynthetic
    public fun session(block: ResponseSessionConfig.Builder.() -> Unit): ResponseSession = session(responseSessionConfig(block))

    private companion object {
        val PATH: ApiPath = ApiPath.fixed("responses")
    }
}

/** The Responses API of this client. */
public val OpenAI.responses: Responses get() = Responses(this)
