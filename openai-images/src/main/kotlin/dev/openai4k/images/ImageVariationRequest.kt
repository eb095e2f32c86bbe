package dev.openai4k.images

import dev.openai4k.http.FileSource
import dev.openai4k.http.MultipartForm
import java.nio.file.Path

/**
 * A request to `POST /images/variations` (multipart; DALL·E 2). Build it with [imageVariationRequest] in Kotlin or
 * [ImageVariationRequest.builder] in Java.
 */
public data class ImageVariationRequest(
    /** The image to vary: a square PNG. */
    val image: FileSource,
    /** The model ([ImageModel.DALL_E_2]). */
    val model: String? = null,
    /** How many variations, 1 to 10. */
    val n: Int? = null,
    /** The size ([ImageSize]: 256, 512 or 1024 square). */
    val size: String? = null,
    /** `url` or `b64_json` ([ImageResponseFormat]). */
    val responseFormat: String? = null,
    /** An id of the end user, for abuse monitoring. */
    val user: String? = null,
    /** Provider-specific form fields, sent after the modelled ones (replacing a modelled field of the same name). */
    val extraFields: Map<String, String> = emptyMap(),
) {
    internal fun toForm(): MultipartForm = imageForm(
        files = listOf("image" to image),
        fields = listOf(
            "model" to model,
            "n" to n,
            "size" to size,
            "response_format" to responseFormat,
            "user" to user,
        ),
        extra = extraFields,
    )

    /**
     * A builder holding every value of this request (the same [image] source, and [extraFields] included): change
     * what differs and build again.
     */
    public fun toBuilder(): Builder = Builder(image).also { b ->
        b.model = model
        b.n = n
        b.size = size
        b.responseFormat = responseFormat
        b.user = user
        b.extraFields.putAll(extraFields)
    }

    /** Builds an [ImageVariationRequest]: properties for the Kotlin DSL, fluent setters for Java. */
    public class Builder(
        /** See [ImageVariationRequest.image]. */
        public var image: FileSource,
    ) {
        /** See [ImageVariationRequest.model]. */
        public var model: String? = null

        /** See [ImageVariationRequest.n]. */
        public var n: Int? = null

        /** See [ImageVariationRequest.size]. */
        public var size: String? = null

        /** See [ImageVariationRequest.responseFormat]. */
        public var responseFormat: String? = null

        /** See [ImageVariationRequest.user]. */
        public var user: String? = null

        /** See [ImageVariationRequest.extraFields]. */
        public val extraFields: MutableMap<String, String> = linkedMapOf()

        /** Sets [image]. */
        public fun image(source: FileSource): Builder = apply { image = source }

        /** Sets [model]. */
        public fun model(value: String): Builder = apply { model = value }

        /** Sets [n]. */
        public fun n(value: Int): Builder = apply { n = value }

        /** Sets [size]. */
        public fun size(value: String): Builder = apply { size = value }

        /** Sets [responseFormat]. */
        public fun responseFormat(value: String): Builder = apply { responseFormat = value }

        /** Sets the end-user id sent as `user`. */
        public fun endUser(value: String): Builder = apply { user = value }

        /** Adds a provider-specific form field. */
        public fun extraField(name: String, value: String): Builder = apply { extraFields[name] = value }

        /** The request. */
        public fun build(): ImageVariationRequest = ImageVariationRequest(
            image = image, model = model, n = n, size = size, responseFormat = responseFormat, user = user,
            extraFields = extraFields.toMap(),
        )
    }

    /** Factories for Java callers. */
    public companion object {
        /** A Java-style builder. */
        @JvmStatic
        public fun builder(image: FileSource): Builder = Builder(image)

        /** A Java-style builder for an image file; its content type follows the extension. */
        @JvmStatic
        public fun builder(image: Path): Builder = Builder(FileSource.of(image))
    }
}

/** Builds an [ImageVariationRequest] with a Kotlin DSL: `imageVariationRequest(FileSource.of(path)) { n = 2 }`. */
public fun imageVariationRequest(
    image: FileSource,
    block: ImageVariationRequest.Builder.() -> Unit = {},
): ImageVariationRequest = ImageVariationRequest.Builder(image).apply(block).build()
