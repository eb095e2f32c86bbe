package dev.openai4k.models

import dev.openai4k.OpenAI
import dev.openai4k.RequestOptions
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath

/**
 * The models API: `GET /models`, `GET /models/{id}`, `DELETE /models/{id}`.
 *
 * An id is sent as one percent-encoded path segment, so `org/model:tag` reaches the server as
 * `models/org%2Fmodel%3Atag`.
 */
public class Models internal constructor(private val client: OpenAI) {

    /**
     * Every model the server offers, in the order it lists them (the endpoint is not paged).
     *
     * @throws dev.openai4k.OpenAIException for every failure: a status subclass (`AuthenticationException`, ...)
     * for error answers, `OpenAIConnectionException` for the network, `OpenAIDecodeException` for an answer that
     * does not decode.
     */
    public suspend fun list(options: RequestOptions = RequestOptions.NONE): List<Model> =
        client.execute(ApiCall(ApiMethod.GET, ApiPath.fixed("models"), options = options), ModelList.serializer()).data

    /**
     * One model by [id].
     *
     * @throws IllegalArgumentException if [id] is blank.
     * @throws dev.openai4k.NotFoundException if the server knows no such model.
     * @throws dev.openai4k.OpenAIException for every other failure, as [list] does.
     */
    public suspend fun retrieve(id: String, options: RequestOptions = RequestOptions.NONE): Model =
        client.execute(ApiCall(ApiMethod.GET, pathOf(id), options = options), Model.serializer())

    /**
     * Deletes the model [id] (on OpenAI, a fine-tuned model of your organization).
     *
     * @throws IllegalArgumentException if [id] is blank.
     * @throws dev.openai4k.NotFoundException if the server knows no such model.
     * @throws dev.openai4k.PermissionDeniedException if the key may not delete it.
     * @throws dev.openai4k.OpenAIException for every other failure, as [list] does.
     */
    public suspend fun delete(id: String, options: RequestOptions = RequestOptions.NONE): ModelDeleted =
        client.execute(ApiCall(ApiMethod.DELETE, pathOf(id), options = options), ModelDeleted.serializer())

    private fun pathOf(id: String): ApiPath {
        require(id.isNotBlank()) { "A model id must not be blank" }
        return ApiPath.of("models") / id
    }
}

/** The models API of this client. */
public val OpenAI.models: Models get() = Models(this)
