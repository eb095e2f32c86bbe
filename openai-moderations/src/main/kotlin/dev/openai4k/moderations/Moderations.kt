package dev.openai4k.moderations

import dev.openai4k.OpenAI
import dev.openai4k.RequestOptions
import dev.openai4k.encodeRequestBody
import dev.openai4k.http.ApiBody
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath

/** The moderations API: `POST /moderations`. */
public class Moderations internal constructor(private val client: OpenAI) {

    /**
     * Classifies [request]'s input.
     *
     * @throws dev.openai4k.OpenAIException for every failure: a status subclass (`BadRequestException`,
     * `RateLimitException`, ...) for error answers, `OpenAIConnectionException` for the network,
     * `OpenAIDecodeException` for an answer that does not decode.
     */
    public suspend fun create(request: ModerationRequest, options: RequestOptions = RequestOptions.NONE): ModerationResponse =
        client.execute(
            ApiCall(
                ApiMethod.POST,
                ApiPath.fixed("moderations"),
                ApiBody.Json(encodeRequestBody(ModerationRequest.serializer(), request, request.extraBody)),
                options = options,
            ),
            ModerationResponse.serializer(),
        )

    /**
     * Classifies one [text] with the server's default model.
     *
     * @throws dev.openai4k.OpenAIException as the other [create] does.
     */
    public suspend fun create(text: String, options: RequestOptions = RequestOptions.NONE): ModerationResponse =
        create(ModerationRequest(ModerationInput.of(text)), options)
}

/** The moderations API of this client. */
public val OpenAI.moderations: Moderations get() = Moderations(this)
