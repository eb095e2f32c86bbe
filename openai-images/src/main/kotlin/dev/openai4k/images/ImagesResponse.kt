package dev.openai4k.images

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import java.nio.file.Files
import java.nio.file.Path

/**
 * The answer of generations, edits and variations. Every field is optional on the wire: a local server that
 * returns only `{"data":[{"url": ...}]}` decodes too.
 */
@Serializable
public data class ImagesResponse(
    /** Unix time (seconds) of creation, 0 when the server did not say. */
    val created: Long = 0,
    /** The images, in order. */
    val data: List<GeneratedImage> = emptyList(),
    /** Token usage (GPT image models). */
    val usage: ImageUsage? = null,
    /** The background used (`transparent` or `opaque`). */
    val background: String? = null,
    /** The output format used (`png`, `jpeg`, `webp`). */
    @SerialName("output_format") val outputFormat: String? = null,
    /** The quality used. */
    val quality: String? = null,
    /** The size used. */
    val size: String? = null,
) {
    /**
     * Decodes every image and writes it to [dir] (created if missing) as `prefix-0.png`, `prefix-1.png`, ...,
     * the extension following [outputFormat] (`png` when absent, `jpg` for `jpeg`). Blocks on file IO. Nothing is written unless
     * every image carries base64 data.
     *
     * @return the files written, in the order of [data].
     * @throws IllegalStateException if an image has no `b64_json` (it was returned as a URL).
     * @throws IllegalArgumentException if the base64 data is malformed.
     * @throws java.io.IOException if a file cannot be written.
     */
    @JvmOverloads
    public fun saveAll(dir: Path, prefix: String = "image"): List<Path> {
        val decoded = data.mapIndexed { i, image ->
            check(image.b64Json != null) {
                "Image $i has no b64_json data" + (image.url?.let { " (it was returned as a URL)" } ?: "") +
                    "; request response_format=b64_json to save it"
            }
            image.bytes()
        }
        Files.createDirectories(dir)
        val extension = extensionOf(outputFormat)
        return decoded.mapIndexed { i, bytes -> Files.write(dir.resolve("$prefix-$i.$extension"), bytes) }
    }
}

/** One image: base64 content or a URL, and the prompt DALL·E 3 actually used. */
@Serializable
public data class GeneratedImage(
    /** A temporary URL of the image (DALL·E with `response_format=url`). */
    val url: String? = null,
    /** The image, base64-encoded (GPT image models, or `response_format=b64_json`). */
    @SerialName("b64_json") val b64Json: String? = null,
    /** The prompt after DALL·E 3 revised it. */
    @SerialName("revised_prompt") val revisedPrompt: String? = null,
) {
    /**
     * The image bytes decoded from [b64Json].
     *
     * @throws IllegalStateException if there is no base64 data (the image came as a URL).
     * @throws IllegalArgumentException if the base64 data is malformed.
     */
    public fun bytes(): ByteArray {
        val encoded = checkNotNull(b64Json) {
            "This image has no b64_json data" + (url?.let { " (it was returned as a URL)" } ?: "")
        }
        return decodeImageBase64(encoded)
    }

    /**
     * Writes the decoded image to [path] (parent directories created, an existing file replaced). Blocks on file IO.
     *
     * @return [path].
     * @throws IllegalStateException if there is no base64 data.
     * @throws java.io.IOException if the file cannot be written.
     */
    public fun saveTo(path: Path): Path = writeImage(path, bytes())

    override fun toString(): String =
        "GeneratedImage(url=$url, b64Json=${b64Json?.let { "<${it.length} chars>" }}, revisedPrompt=$revisedPrompt)"
}

/** Token usage of an image call (GPT image models). */
@Serializable
public data class ImageUsage(
    /** Tokens (text and images) in the input. */
    @SerialName("input_tokens") val inputTokens: Int = 0,
    /** Image tokens in the output. */
    @SerialName("output_tokens") val outputTokens: Int = 0,
    /** Input plus output. */
    @SerialName("total_tokens") val totalTokens: Int = 0,
    /** Breakdown of the input tokens. */
    @SerialName("input_tokens_details") val inputTokensDetails: ImageTokensDetails? = null,
    /** Breakdown of the output tokens. */
    @SerialName("output_tokens_details") val outputTokensDetails: ImageTokensDetails? = null,
)

/** A breakdown of tokens into text and image tokens. */
@Serializable
public data class ImageTokensDetails(
    /** Text tokens. */
    @SerialName("text_tokens") val textTokens: Int? = null,
    /** Image tokens. */
    @SerialName("image_tokens") val imageTokens: Int? = null,
)
