package dev.openai4k.facade

import dev.openai4k.OpenAI
import dev.openai4k.RequestOptions
import dev.openai4k.vision.ImageInput
import dev.openai4k.vision.Vision
import dev.openai4k.vision.vision
import java.nio.file.Path
import java.util.concurrent.CompletableFuture

/**
 * Image input over chat for Java (`openai.vision()`): ask a vision model about one or several images and get the
 * answer's text. Futures fail with what the Kotlin [Vision] documents (`EmptyAnswerException`,
 * `ChatRefusalException`, `IllegalArgumentException` for an unusable image, an `OpenAIException` otherwise).
 *
 * ```java
 * String caption = openai.vision().describe("gpt-4o-mini", "What is in this picture?", Path.of("cat.jpg")).join();
 * ```
 *
 * `maxTokens` is sent as `max_tokens` (null sends no limit; see [Vision] for why), `detail` is `low`, `high`,
 * `auto` or null. To put images in your own request or a chat session, use `Vision.userMessage(text, images)`.
 */
public class AsyncVision internal constructor(client: OpenAI, private val runtime: AsyncRuntime) {
    private val vision: Vision = client.vision

    /** Asks [model] about the image at the http(s) or `data:` URL [image]; see [Vision.describe]. */
    @JvmOverloads
    public fun describe(
        model: String,
        text: String,
        image: String,
        maxTokens: Int? = Vision.DEFAULT_MAX_TOKENS,
        detail: String? = null,
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<String> = runtime.future { vision.describe(model, text, image, maxTokens, detail, options) }

    /** Asks [model] about the image file at [image] (sent inline); see [Vision.describe]. */
    @JvmOverloads
    public fun describe(
        model: String,
        text: String,
        image: Path,
        maxTokens: Int? = Vision.DEFAULT_MAX_TOKENS,
        detail: String? = null,
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<String> = runtime.future { vision.describe(model, text, image, maxTokens, detail, options) }

    /** Asks [model] about the image in [image] (PNG, JPEG, GIF or WebP bytes, sent inline); see [Vision.describe]. */
    @JvmOverloads
    public fun describe(
        model: String,
        text: String,
        image: ByteArray,
        maxTokens: Int? = Vision.DEFAULT_MAX_TOKENS,
        detail: String? = null,
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<String> = runtime.future { vision.describe(model, text, image, maxTokens, detail, options) }

    /** Asks [model] about [image]; see [Vision.describe]. */
    @JvmOverloads
    public fun describe(
        model: String,
        text: String,
        image: ImageInput,
        maxTokens: Int? = Vision.DEFAULT_MAX_TOKENS,
        detail: String? = null,
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<String> = runtime.future { vision.describe(model, text, image, maxTokens, detail, options) }

    /** Asks [model] about [images] in one message, text first; see [Vision.describe]. */
    @JvmOverloads
    public fun describe(
        model: String,
        text: String,
        images: List<ImageInput>,
        maxTokens: Int? = Vision.DEFAULT_MAX_TOKENS,
        detail: String? = null,
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<String> = runtime.future { vision.describe(model, text, images, maxTokens, detail, options) }

    /** The Kotlin API underneath. */
    public fun kotlin(): Vision = vision
}
