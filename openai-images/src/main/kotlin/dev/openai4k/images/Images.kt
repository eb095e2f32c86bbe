package dev.openai4k.images

import dev.openai4k.OpenAI
import dev.openai4k.RequestOptions
import dev.openai4k.encodeRequestBody
import dev.openai4k.http.ApiBody
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import kotlinx.coroutines.flow.Flow
import kotlinx.serialization.json.JsonPrimitive

/**
 * The images API: generations, edits and variations, and partial-image streaming for the GPT image models.
 *
 * ```kotlin
 * val result = openai.images.generate(imageGenerationRequest("a lighthouse at dusk") { model = ImageModel.GPT_IMAGE_1 })
 * result.saveAll(Path.of("out"))
 * ```
 *
 * Every call throws [dev.openai4k.OpenAIException] on failure: a status subclass for error answers
 * ([dev.openai4k.BadRequestException], ...), [dev.openai4k.OpenAIConnectionException] for the network,
 * [dev.openai4k.OpenAIDecodeException] for an answer that does not decode.
 */
public class Images internal constructor(private val client: OpenAI) {

    /** Generates images from a prompt (`POST /images/generations`). @throws dev.openai4k.OpenAIException */
    public suspend fun generate(
        request: ImageGenerationRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): ImagesResponse = client.execute(generationCall(request, stream = false, options), ImagesResponse.serializer())

    /**
     * Generates an image with previews (`stream=true`; set [ImageGenerationRequest.partialImages] for up to 3
     * previews): [ImageStreamEvent.PartialImage]s, then [ImageStreamEvent.Completed]. A cold flow: nothing is
     * sent until it is collected; cancelling the collector closes the connection.
     *
     * @throws dev.openai4k.OpenAIException from the flow; an error inside the stream is an
     * [dev.openai4k.OpenAIStreamException]; any failure after a preview carries the last one, read with
     * [partialImage] (`ImageStreams.partialImage(e)` in Java).
     */
    public fun generateStream(
        request: ImageGenerationRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): Flow<ImageStreamEvent> = client.events(generationCall(request, stream = true, options)).toImageEvents()

    /** Edits or extends images from a prompt (`POST /images/edits`, multipart). @throws dev.openai4k.OpenAIException */
    public suspend fun edit(
        request: ImageEditRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): ImagesResponse = client.execute(editCall(request, stream = false, options), ImagesResponse.serializer())

    /**
     * Edits images with previews (`stream=true`): `image_edit.partial_image` events, then `image_edit.completed`.
     * Behaves as [generateStream].
     *
     * @throws dev.openai4k.OpenAIException from the flow.
     */
    public fun editStream(
        request: ImageEditRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): Flow<ImageStreamEvent> = client.events(editCall(request, stream = true, options)).toImageEvents()

    /** Creates variations of an image (`POST /images/variations`, multipart). @throws dev.openai4k.OpenAIException */
    public suspend fun createVariation(
        request: ImageVariationRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): ImagesResponse = client.execute(
        ApiCall(ApiMethod.POST, ApiPath.fixed("images/variations"), ApiBody.Form(request.toForm()), options = options, deploymentScoped = true),
        ImagesResponse.serializer(),
    )

    private fun generationCall(request: ImageGenerationRequest, stream: Boolean, options: RequestOptions): ApiCall {
        val extra = if (stream) request.extraBody + ("stream" to JsonPrimitive(true)) else request.extraBody
        val body = encodeRequestBody(ImageGenerationRequest.serializer(), request, extra)
        return ApiCall(ApiMethod.POST, ApiPath.fixed("images/generations"), ApiBody.Json(body), options = options, deploymentScoped = true)
    }

    private fun editCall(request: ImageEditRequest, stream: Boolean, options: RequestOptions): ApiCall =
        ApiCall(ApiMethod.POST, ApiPath.fixed("images/edits"), ApiBody.Form(request.toForm(stream)), options = options, deploymentScoped = true)
}

/** The images API of this client. */
public val OpenAI.images: Images get() = Images(this)
