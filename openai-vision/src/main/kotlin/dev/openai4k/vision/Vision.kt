package dev.openai4k.vision

import dev.openai4k.OpenAI
import dev.openai4k.OpenAIException
import dev.openai4k.RequestOptions
import dev.openai4k.chat.ChatCompletion
import dev.openai4k.chat.ChatRefusalException
import dev.openai4k.chat.ChatRequest
import dev.openai4k.chat.ContentPart
import dev.openai4k.common.FinishReason
import dev.openai4k.chat.UserMessage
import dev.openai4k.chat.MessageContent
import dev.openai4k.chat.chat
import java.nio.file.Path

/**
 * Image input over the Chat Completions API: ask a vision model about one or several images in one call.
 * Obtain it as `openai.vision`.
 *
 * ```kotlin
 * val caption = openai.vision.describe("gpt-4o-mini", "What is in this picture?", Path.of("cat.jpg"))
 * ```
 *
 * Local images travel inline as `data:` URLs whose MIME type is read from the content. To put images into a
 * request or a chat session of your own, use [userMessage] (or the `user(text, images)` builder extension and
 * `ChatSession.send(text, images)`).
 *
 * **Token limit.** [describe] sends its `maxTokens` as `max_tokens`, not `max_completion_tokens`: `max_tokens` is
 * the field the local servers that run vision models read (Ollama, llama.cpp, vLLM, LM Studio, ...) and OpenAI's
 * own vision chat models (gpt-4o, gpt-4.1 families) honour it, while a server that does not know
 * `max_completion_tokens` silently ignores it and leaves the answer unbounded. It also caps only the visible answer,
 * which is what a 300-token description limit means. OpenAI's reasoning models (o-series, gpt-5) reject
 * `max_tokens`; for them pass
 * `maxTokens = null` (no limit is sent), or build a request with [userMessage] and set `maxCompletionTokens` on
 * it yourself, remembering that such a limit also counts hidden reasoning tokens.
 */
public class Vision internal constructor(
    /** The client this API calls through. */
    public val client: OpenAI,
) {
    /**
     * Asks [model] about the image at [image], an `http(s)` URL or a `data:image/...;base64,` URL, and returns
     * the answer's text. See [describe] with a list for the parameters and failures.
     *
     * @throws IllegalArgumentException when [image] is neither an http(s) nor a data: URL.
     */
    @JvmOverloads
    public suspend fun describe(
        model: String,
        text: String,
        image: String,
        maxTokens: Int? = DEFAULT_MAX_TOKENS,
        detail: String? = null,
        options: RequestOptions = RequestOptions.NONE,
    ): String = describe(model, text, listOf(ImageInput.url(image)), maxTokens, detail, options)

    /**
     * Asks [model] about the image in the file at [image] (read now, sent inline, its type read from its
     * content) and returns the answer's text. See [describe] with a list for the parameters and failures.
     *
     * @throws IllegalArgumentException when the file is missing or is not a PNG, JPEG, GIF or WebP image.
     */
    @JvmOverloads
    public suspend fun describe(
        model: String,
        text: String,
        image: Path,
        maxTokens: Int? = DEFAULT_MAX_TOKENS,
        detail: String? = null,
        options: RequestOptions = RequestOptions.NONE,
    ): String = describe(model, text, listOf(ImageInput.file(image)), maxTokens, detail, options)

    /**
     * Asks [model] about the image in [image] (sent inline, its type read from its first bytes) and returns the
     * answer's text. See [describe] with a list for the parameters and failures.
     *
     * @throws IllegalArgumentException when the bytes are not a PNG, JPEG, GIF or WebP image.
     */
    @JvmOverloads
    public suspend fun describe(
        model: String,
        text: String,
        image: ByteArray,
        maxTokens: Int? = DEFAULT_MAX_TOKENS,
        detail: String? = null,
        options: RequestOptions = RequestOptions.NONE,
    ): String = describe(model, text, listOf(ImageInput.bytes(image)), maxTokens, detail, options)

    /** Asks [model] about [image] and returns the answer's text. See [describe] with a list. */
    @JvmOverloads
    public suspend fun describe(
        model: String,
        text: String,
        image: ImageInput,
        maxTokens: Int? = DEFAULT_MAX_TOKENS,
        detail: String? = null,
        options: RequestOptions = RequestOptions.NONE,
    ): String = describe(model, text, listOf(image), maxTokens, detail, options)

    /**
     * Asks [model] about [images] with one user message (the [text] part first, then the images in order) and
     * returns the answer's text, never an empty string.
     *
     * @param maxTokens sent as `max_tokens` (see the class documentation for why); null sends no limit.
     * @param detail applied to every image: `low`, `high` or `auto` (see `ImageDetail`); null lets the server
     * choose. For a different detail per image build the message with [ImageInput.toContentPart].
     * @throws IllegalArgumentException when [images] is empty, [model] is blank or [maxTokens] is not positive.
     * @throws EmptyAnswerException when the answer has no text (no choices, null or blank content).
     * @throws ChatRefusalException when the model refuses.
     * @throws OpenAIException for every other failure: a status subclass (`BadRequestException` for an image the
     * server cannot read, `RateLimitException`, ...), a connection or timeout error, or an unreadable body.
     */
    @JvmOverloads
    public suspend fun describe(
        model: String,
        text: String,
        images: List<ImageInput>,
        maxTokens: Int? = DEFAULT_MAX_TOKENS,
        detail: String? = null,
        options: RequestOptions = RequestOptions.NONE,
    ): String {
        val completion = client.chat.create(request(model, text, images, maxTokens, detail), options)
        return answerText(completion, maxTokens)
    }

    override fun toString(): String = "Vision($client)"

    public companion object {
        /** The token limit [describe] sends when none is given. */
        public const val DEFAULT_MAX_TOKENS: Int = 300

        /**
         * A user message of [text] followed by [images] in order, each with [detail] (`low`, `high`, `auto`, or
         * null). An empty [text] adds no text part. Use it in your own requests (`ChatRequest.Builder.message`)
         * or sessions (`ChatSession.send`); a session keeps it, inline images included, in its history.
         *
         * @throws IllegalArgumentException when [images] is empty or [detail] is blank.
         */
        @JvmStatic
        @JvmOverloads
        public fun userMessage(text: String, images: List<ImageInput>, detail: String? = null): UserMessage {
            require(images.isNotEmpty()) { "At least one image is needed" }
            val parts = ArrayList<ContentPart>(images.size + 1)
            if (text.isNotEmpty()) parts += ContentPart.text(text)
            images.mapTo(parts) { it.toContentPart(detail) }
            return UserMessage(MessageContent.Parts(parts))
        }

        /** A user message of [text] followed by one [image]; see [userMessage] with a list. */
        @JvmStatic
        @JvmOverloads
        public fun userMessage(text: String, image: ImageInput, detail: String? = null): UserMessage =
            userMessage(text, listOf(image), detail)

        /**
         * The request [describe] sends: [model], one [userMessage], and [maxTokens] as `max_tokens` when not null.
         * Start from it to add fields: `Vision.request(...).toBuilder().temperature(0.2).build()`.
         *
         * @throws IllegalArgumentException when [images] is empty, [model] is blank or [maxTokens] is not positive.
         */
        @JvmStatic
        @JvmOverloads
        public fun request(
            model: String,
            text: String,
            images: List<ImageInput>,
            maxTokens: Int? = DEFAULT_MAX_TOKENS,
            detail: String? = null,
        ): ChatRequest {
            require(model.isNotBlank()) { "The model must not be blank" }
            require(maxTokens == null || maxTokens > 0) { "maxTokens must be positive (or null for no limit), was $maxTokens" }
            return ChatRequest(model, listOf(userMessage(text, images, detail)), maxTokens = maxTokens)
        }
    }
}

/** The text of [completion]'s first choice, or the reason there is none as an exception. */
internal fun answerText(completion: ChatCompletion, maxTokens: Int?): String {
    val choice = completion.choices.firstOrNull()
        ?: throw EmptyAnswerException("The model returned no choices, so there is no answer", completion)
    choice.message.refusal?.takeIf { it.isNotBlank() }?.let { throw ChatRefusalException(it, completion) }
    val content = choice.message.content
    if (!content.isNullOrBlank()) return content
    val why = when (choice.finishReason) {
        FinishReason.LENGTH -> "the token limit${maxTokens?.let { " (max_tokens=$it)" } ?: ""} ran out before any text; raise maxTokens"
        FinishReason.CONTENT_FILTER -> "the answer was withheld by the content filter"
        FinishReason.TOOL_CALLS -> "the model called tools instead of answering"
        null -> "no finish_reason was given"
        else -> "finish_reason=${choice.finishReason}"
    }
    val shape = if (content == null) "no text" else "blank text"
    throw EmptyAnswerException("The model returned $shape: $why", completion)
}

/** Image input over chat completions. */
public val OpenAI.vision: Vision get() = Vision(this)
