package dev.openai4k.images

import dev.openai4k.http.FileSource
import dev.openai4k.http.MultipartForm
import java.nio.file.Path

/**
 * A request to `POST /images/edits` (multipart). One image is sent as the part `image`; several (GPT image models
 * take up to 16) as repeated `image[]` parts, as OpenAI expects. Build it with [imageEditRequest] in Kotlin or
 * [ImageEditRequest.builder] in Java.
 *
 * A [FileSource] backed by a stream can be read once: such a request is sent once and never retried.
 */
public data class ImageEditRequest(
    /** What the result should show. */
    val prompt: String,
    /** The image(s) to edit, at least one. */
    val images: List<FileSource>,
    /** A PNG whose transparent areas mark where to edit (applied to the first image). */
    val mask: FileSource? = null,
    /** The model ([ImageModel]). */
    val model: String? = null,
    /** How many images, 1 to 10. */
    val n: Int? = null,
    /** The size ([ImageSize]). */
    val size: String? = null,
    /** The quality ([ImageQuality]). */
    val quality: String? = null,
    /** `url` or `b64_json` ([ImageResponseFormat], DALL·E 2 only). */
    val responseFormat: String? = null,
    /** The background ([ImageBackground]). */
    val background: String? = null,
    /** How closely to keep the inputs' features ([InputFidelity]). */
    val inputFidelity: String? = null,
    /** The file format of the result ([ImageOutputFormat]). */
    val outputFormat: String? = null,
    /** Compression 0–100 for `jpeg` and `webp` output. */
    val outputCompression: Int? = null,
    /** How many partial images (0–3) a stream sends; used by [Images.editStream]. */
    val partialImages: Int? = null,
    /** An id of the end user, for abuse monitoring. */
    val user: String? = null,
    /** Provider-specific form fields, sent after the modelled ones (replacing a modelled field of the same name). */
    val extraFields: Map<String, String> = emptyMap(),
) {
    init {
        require(images.isNotEmpty()) { "An image edit needs at least one image" }
    }

    internal fun toForm(stream: Boolean): MultipartForm = imageForm(
        files = images.map { (if (images.size == 1) "image" else "image[]") to it } +
            listOfNotNull(mask?.let { "mask" to it }),
        fields = listOf(
            "prompt" to prompt,
            "model" to model,
            "n" to n,
            "size" to size,
            "quality" to quality,
            "response_format" to responseFormat,
            "background" to background,
            "input_fidelity" to inputFidelity,
            "output_format" to outputFormat,
            "output_compression" to outputCompression,
            "partial_images" to partialImages,
            "user" to user,
            "stream" to (if (stream) "true" else null),
        ),
        extra = extraFields,
    )

    /**
     * A builder holding every value of this request (the same [images] and [mask] sources, and [extraFields]
     * included): change what differs and build again.
     */
    public fun toBuilder(): Builder = Builder(prompt).also { b ->
        b.images += images
        b.mask = mask
        b.model = model
        b.n = n
        b.size = size
        b.quality = quality
        b.responseFormat = responseFormat
        b.background = background
        b.inputFidelity = inputFidelity
        b.outputFormat = outputFormat
        b.outputCompression = outputCompression
        b.partialImages = partialImages
        b.user = user
        b.extraFields.putAll(extraFields)
    }

    /** Builds an [ImageEditRequest]: properties for the Kotlin DSL, fluent setters for Java. */
    public class Builder(
        /** See [ImageEditRequest.prompt]. */
        public var prompt: String,
    ) {
        /** See [ImageEditRequest.images]. */
        public val images: MutableList<FileSource> = mutableListOf()

        /** See [ImageEditRequest.mask]. */
        public var mask: FileSource? = null

        /** See [ImageEditRequest.model]. */
        public var model: String? = null

        /** See [ImageEditRequest.n]. */
        public var n: Int? = null

        /** See [ImageEditRequest.size]. */
        public var size: String? = null

        /** See [ImageEditRequest.quality]. */
        public var quality: String? = null

        /** See [ImageEditRequest.responseFormat]. */
        public var responseFormat: String? = null

        /** See [ImageEditRequest.background]. */
        public var background: String? = null

        /** See [ImageEditRequest.inputFidelity]. */
        public var inputFidelity: String? = null

        /** See [ImageEditRequest.outputFormat]. */
        public var outputFormat: String? = null

        /** See [ImageEditRequest.outputCompression]. */
        public var outputCompression: Int? = null

        /** See [ImageEditRequest.partialImages]. */
        public var partialImages: Int? = null

        /** See [ImageEditRequest.user]. */
        public var user: String? = null

        /** See [ImageEditRequest.extraFields]. */
        public val extraFields: MutableMap<String, String> = linkedMapOf()

        /** Adds an image to edit. */
        public fun image(source: FileSource): Builder = apply { images += source }

        /** Adds an image file to edit; its content type follows the extension. */
        public fun image(path: Path): Builder = image(FileSource.of(path))

        /** Sets [mask]. */
        public fun mask(source: FileSource): Builder = apply { mask = source }

        /** Sets [mask] from a PNG file. */
        public fun mask(path: Path): Builder = mask(FileSource.of(path))

        /** Sets [prompt]. */
        public fun prompt(value: String): Builder = apply { prompt = value }

        /** Sets [model]. */
        public fun model(value: String): Builder = apply { model = value }

        /** Sets [n]. */
        public fun n(value: Int): Builder = apply { n = value }

        /** Sets [size]. */
        public fun size(value: String): Builder = apply { size = value }

        /** Sets [quality]. */
        public fun quality(value: String): Builder = apply { quality = value }

        /** Sets [responseFormat]. */
        public fun responseFormat(value: String): Builder = apply { responseFormat = value }

        /** Sets [background]. */
        public fun background(value: String): Builder = apply { background = value }

        /** Sets [inputFidelity]. */
        public fun inputFidelity(value: String): Builder = apply { inputFidelity = value }

        /** Sets [outputFormat]. */
        public fun outputFormat(value: String): Builder = apply { outputFormat = value }

        /** Sets [outputCompression]. */
        public fun outputCompression(value: Int): Builder = apply { outputCompression = value }

        /** Sets [partialImages]. */
        public fun partialImages(value: Int): Builder = apply { partialImages = value }

        /** Sets the end-user id sent as `user`. */
        public fun endUser(value: String): Builder = apply { user = value }

        /** Adds a provider-specific form field. */
        public fun extraField(name: String, value: String): Builder = apply { extraFields[name] = value }

        /**
         * The request.
         *
         * @throws IllegalArgumentException if no image was added.
         */
        public fun build(): ImageEditRequest = ImageEditRequest(
            prompt = prompt, images = images.toList(), mask = mask, model = model, n = n, size = size,
            quality = quality, responseFormat = responseFormat, background = background, inputFidelity = inputFidelity,
            outputFormat = outputFormat, outputCompression = outputCompression, partialImages = partialImages,
            user = user, extraFields = extraFields.toMap(),
        )
    }

    /** Factories for Java callers. */
    public companion object {
        /** A Java-style builder; add images with [Builder.image]. */
        @JvmStatic
        public fun builder(prompt: String): Builder = Builder(prompt)
    }
}

/**
 * Builds an [ImageEditRequest] with a Kotlin DSL:
 * `imageEditRequest("add a hat") { image(FileSource.of(path)); model = ImageModel.GPT_IMAGE_1 }`.
 *
 * @throws IllegalArgumentException if no image was added.
 */
public fun imageEditRequest(prompt: String, block: ImageEditRequest.Builder.() -> Unit): ImageEditRequest =
    ImageEditRequest.Builder(prompt).apply(block).build()
