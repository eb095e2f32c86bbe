package dev.openai4k.facade

import dev.openai4k.OpenAI
import dev.openai4k.RequestOptions
import dev.openai4k.images.ImageEditRequest
import dev.openai4k.images.ImageGenerationRequest
import dev.openai4k.images.ImageStreamEvent
import dev.openai4k.images.ImageVariationRequest
import dev.openai4k.images.Images
import dev.openai4k.images.ImagesResponse
import dev.openai4k.images.images
import java.util.concurrent.CompletableFuture

/** The images API for Java (`openai.images()`). Futures fail with the `OpenAIException`s of [Images]. */
public class AsyncImages internal constructor(client: OpenAI, private val runtime: AsyncRuntime) {
    private val images: Images = client.images

    /** Generates images from a prompt; see [Images.generate]. */
    @JvmOverloads
    public fun generate(request: ImageGenerationRequest, options: RequestOptions = RequestOptions.NONE): CompletableFuture<ImagesResponse> =
        runtime.future { images.generate(request, options) }

    /** Generates an image with partial previews as a stream of events (see [AsyncStream]); see [Images.generateStream]. */
    @JvmOverloads
    public fun generateStream(
        request: ImageGenerationRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): AsyncStream<ImageStreamEvent> = runtime.stream { images.generateStream(request, options) }

    /** Edits or extends images; see [Images.edit]. */
    @JvmOverloads
    public fun edit(request: ImageEditRequest, options: RequestOptions = RequestOptions.NONE): CompletableFuture<ImagesResponse> =
        runtime.future { images.edit(request, options) }

    /** Edits images with partial previews as a stream of events; see [Images.editStream]. */
    @JvmOverloads
    public fun editStream(request: ImageEditRequest, options: RequestOptions = RequestOptions.NONE): AsyncStream<ImageStreamEvent> =
        runtime.stream { images.editStream(request, options) }

    /** Creates variations of an image; see [Images.createVariation]. */
    @JvmOverloads
    public fun createVariation(
        request: ImageVariationRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<ImagesResponse> = runtime.future { images.createVariation(request, options) }

    /** The Kotlin API underneath. */
    public fun kotlin(): Images = images
}
