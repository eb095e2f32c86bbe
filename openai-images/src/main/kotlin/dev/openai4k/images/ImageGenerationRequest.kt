package dev.openai4k.images

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.Transient
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonPrimitive

/**
 * A request to `POST /images/generations`. Only [prompt] is required; unset fields are not sent, so the server's
 * defaults apply. Build it with [imageGenerationRequest] in Kotlin or [ImageGenerationRequest.builder] in Java.
 */
@Serializable
public data class ImageGenerationRequest(
    /** What to draw. */
    val prompt: String,
    /** The model ([ImageModel]); the server's default when null. */
    val model: String? = null,
    /** How many images, 1 to 10 (DALL·E 3: 1). */
    val n: Int? = null,
    /** The size ([ImageSize]). */
    val size: String? = null,
    /** The quality ([ImageQuality]). */
    val quality: String? = null,
    /** The style ([ImageStyle], DALL·E 3). */
    val style: String? = null,
    /** `url` or `b64_json` ([ImageResponseFormat], DALL·E only). */
    @SerialName("response_format") val responseFormat: String? = null,
    /** The background ([ImageBackground], GPT image models). */
    val background: String? = null,
    /** The file format of the result ([ImageOutputFormat], GPT image models). */
    @SerialName("output_format") val outputFormat: String? = null,
    /** Compression 0–100 for `jpeg` and `webp` output. */
    @SerialName("output_compression") val outputCompression: Int? = null,
    /** The moderation level ([ImageModeration], GPT image models). */
    val moderation: String? = null,
    /** How many partial images (0–3) a stream sends before the final one; used by [Images.generateStream]. */
    @SerialName("partial_images") val partialImages: Int? = null,
    /** An id of the end user, for abuse monitoring. */
    val user: String? = null,
    /** Provider-specific fields merged into the body (they replace modelled fields of the same name). */
    @Transient val extraBody: Map<String, JsonElement> = emptyMap(),
) {
    /** A builder holding every value of this request ([extraBody] included): change what differs and build again. */
    public fun toBuilder(): Builder = Builder(prompt).also { b ->
        b.model = model
        b.n = n
        b.size = size
        b.quality = quality
        b.style = style
        b.responseFormat = responseFormat
        b.background = background
        b.outputFormat = outputFormat
        b.outputCompression = outputCompression
        b.moderation = moderation
        b.partialImages = partialImages
        b.user = user
        b.extraBody.putAll(extraBody)
    }

    /** Builds an [ImageGenerationRequest]: properties for the Kotlin DSL, fluent setters for Java. */
    public class Builder(
        /** See [ImageGenerationRequest.prompt]. */
        public var prompt: String,
    ) {
        /** See [ImageGenerationRequest.model]. */
        public var model: String? = null

        /** See [ImageGenerationRequest.n]. */
        public var n: Int? = null

        /** See [ImageGenerationRequest.size]. */
        public var size: String? = null

        /** See [ImageGenerationRequest.quality]. */
        public var quality: String? = null

        /** See [ImageGenerationRequest.style]. */
        public var style: String? = null

        /** See [ImageGenerationRequest.responseFormat]. */
        public var responseFormat: String? = null

        /** See [ImageGenerationRequest.background]. */
        public var background: String? = null

        /** See [ImageGenerationRequest.outputFormat]. */
        public var outputFormat: String? = null

        /** See [ImageGenerationRequest.outputCompression]. */
        public var outputCompression: Int? = null

        /** See [ImageGenerationRequest.moderation]. */
        public var moderation: String? = null

        /** See [ImageGenerationRequest.partialImages]. */
        public var partialImages: Int? = null

        /** See [ImageGenerationRequest.user]. */
        public var user: String? = null

        /** See [ImageGenerationRequest.extraBody]. */
        public val extraBody: MutableMap<String, JsonElement> = linkedMapOf()

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

        /** Sets [style]. */
        public fun style(value: String): Builder = apply { style = value }

        /** Sets [responseFormat]. */
        public fun responseFormat(value: String): Builder = apply { responseFormat = value }

        /** Sets [background]. */
        public fun background(value: String): Builder = apply { background = value }

        /** Sets [outputFormat]. */
        public fun outputFormat(value: String): Builder = apply { outputFormat = value }

        /** Sets [outputCompression]. */
        public fun outputCompression(value: Int): Builder = apply { outputCompression = value }

        /** Sets [moderation]. */
        public fun moderation(value: String): Builder = apply { moderation = value }

        /** Sets [partialImages]. */
        public fun partialImages(value: Int): Builder = apply { partialImages = value }

        /** Sets the end-user id sent as `user`. */
        public fun endUser(value: String): Builder = apply { user = value }

        /** Adds a provider-specific field to the body. */
        public fun extraBody(name: String, value: JsonElement): Builder = apply { extraBody[name] = value }

        /** Adds a provider-specific text field to the body. */
        public fun extraBody(name: String, value: String): Builder = extraBody(name, JsonPrimitive(value))

        /** Adds a provider-specific number field to the body. */
        public fun extraBody(name: String, value: Number): Builder = extraBody(name, JsonPrimitive(value))

        /** Adds a provider-specific boolean field to the body. */
        public fun extraBody(name: String, value: Boolean): Builder = extraBody(name, JsonPrimitive(value))

        /** The request. */
        public fun build(): ImageGenerationRequest = ImageGenerationRequest(
            prompt = prompt, model = model, n = n, size = size, quality = quality, style = style,
            responseFormat = responseFormat, background = background, outputFormat = outputFormat,
            outputCompression = outputCompression, moderation = moderation, partialImages = partialImages,
            user = user, extraBody = extraBody.toMap(),
        )
    }

    /** Factories for Java callers. */
    public companion object {
        /** A Java-style builder. */
        @JvmStatic
        public fun builder(prompt: String): Builder = Builder(prompt)
    }
}

/** Builds an [ImageGenerationRequest] with a Kotlin DSL: `imageGenerationRequest("a cat") { model = "gpt-image-1" }`. */
public fun imageGenerationRequest(
    prompt: String,
    block: ImageGenerationRequest.Builder.() -> Unit = {},
): ImageGenerationRequest = ImageGenerationRequest.Builder(prompt).apply(block).build()
