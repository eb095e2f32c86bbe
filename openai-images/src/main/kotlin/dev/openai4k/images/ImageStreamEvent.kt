package dev.openai4k.images

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonObject
import java.nio.file.Path

/**
 * One event of a partial-image stream ([Images.generateStream], [Images.editStream]): a [PartialImage] for each
 * preview, a [Completed] with the final image, and [Unknown] for any event type this SDK does not know, so a newer
 * server's additions pass through instead of failing.
 */
public sealed interface ImageStreamEvent {
    /** The event type: `image_generation.partial_image`, `image_edit.completed`, ... (null if the server gave none). */
    public val type: String?

    /** A preview (`image_generation.partial_image` or `image_edit.partial_image`). */
    @Serializable
    public data class PartialImage(
        override val type: String? = null,
        /** The preview, base64-encoded. */
        @SerialName("b64_json") val b64Json: String = "",
        /** 0-based index of this preview. */
        @SerialName("partial_image_index") val partialImageIndex: Int = 0,
        /** Unix time (seconds) of the event. */
        @SerialName("created_at") val createdAt: Long? = null,
        /** The requested size. */
        val size: String? = null,
        /** The requested quality. */
        val quality: String? = null,
        /** The requested background. */
        val background: String? = null,
        /** The requested output format. */
        @SerialName("output_format") val outputFormat: String? = null,
    ) : ImageStreamEvent {
        /**
         * The preview's bytes.
         *
         * @throws IllegalArgumentException if the base64 data is empty or malformed.
         */
        public fun bytes(): ByteArray = decodeImageBase64(b64Json)

        /** Writes the preview to [path] (parents created, an existing file replaced) and returns [path]. Blocks. */
        public fun saveTo(path: Path): Path = writeImage(path, bytes())

        override fun toString(): String =
            "PartialImage(type=$type, index=$partialImageIndex, b64Json=<${b64Json.length} chars>, size=$size)"
    }

    /** The final image (`image_generation.completed` or `image_edit.completed`). */
    @Serializable
    public data class Completed(
        override val type: String? = null,
        /** The final image, base64-encoded. */
        @SerialName("b64_json") val b64Json: String = "",
        /** Token usage of the call. */
        val usage: ImageUsage? = null,
        /** Unix time (seconds) of the event. */
        @SerialName("created_at") val createdAt: Long? = null,
        /** The size of the image. */
        val size: String? = null,
        /** The quality of the image. */
        val quality: String? = null,
        /** The background of the image. */
        val background: String? = null,
        /** The output format of the image. */
        @SerialName("output_format") val outputFormat: String? = null,
    ) : ImageStreamEvent {
        /**
         * The image's bytes.
         *
         * @throws IllegalArgumentException if the base64 data is empty or malformed.
         */
        public fun bytes(): ByteArray = decodeImageBase64(b64Json)

        /** Writes the image to [path] (parents created, an existing file replaced) and returns [path]. Blocks. */
        public fun saveTo(path: Path): Path = writeImage(path, bytes())

        override fun toString(): String =
            "Completed(type=$type, b64Json=<${b64Json.length} chars>, usage=$usage, size=$size)"
    }

    /**
     * An event of a type this SDK does not model, passed through as received: its [type] (the data's `type`, else
     * the SSE `event:` name) and its [json].
     */
    public data class Unknown(
        override val type: String?,
        /** The event's data as received. */
        val json: JsonObject,
    ) : ImageStreamEvent
}
