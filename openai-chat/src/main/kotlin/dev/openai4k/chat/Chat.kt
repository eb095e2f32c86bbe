package dev.openai4k.chat

import dev.openai4k.OpenAI
import dev.openai4k.OpenAIConnectionException
import dev.openai4k.OpenAIDecodeException
import dev.openai4k.OpenAIException
import dev.openai4k.RequestOptions
import dev.openai4k.encodeRequestBody
import dev.openai4k.http.ApiBody
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import dev.openai4k.stream.attachPartial
import dev.openai4k.stream.streamDecodeFailure
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.mapNotNull
import kotlinx.serialization.KSerializer
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.serializer

/**
 * The Chat Completions API (`POST /chat/completions`): whole answers, streams, structured outputs and sessions.
 * Obtain it as `openai.chat`.
 */
public class Chat internal constructor(
    /** The client this API calls through. */
    public val client: OpenAI,
) {
    /**
     * Creates a completion.
     *
     * @throws OpenAIException for every failure (a status subclass such as `RateLimitException`, a connection
     * or timeout error, or `OpenAIDecodeException` for an unreadable answer).
     */
    @JvmOverloads
    public suspend fun create(request: ChatRequest, options: RequestOptions = RequestOptions.NONE): ChatCompletion =
        client.execute(call(request, options, stream = false), ChatCompletion.serializer())

    /**
     * Streams a completion as chunks: a cold flow (nothing is sent until it is collected) whose cancellation closes
     * the connection. Collect it into a whole completion with [accumulate].
     *
     * @throws OpenAIException from the flow; an error after the first chunk (an `OpenAIStreamException`, a broken
     * connection) carries the completion received so far, read with [partialCompletion]
     * (`ChatStreams.partialCompletion(e)` in Java), and its text in `partialText`. A stream that ends without a
     * `finish_reason` raises [OpenAIConnectionException].
     */
    @JvmOverloads
    public fun stream(request: ChatRequest, options: RequestOptions = RequestOptions.NONE): Flow<ChatCompletionChunk> =
        ChatChunkFlow { received -> chunks(request, options, received) }

    /** The stream's chunks, each fed to [received] first (the partial completion of a failure). */
    private fun chunks(request: ChatRequest, options: RequestOptions, received: ChatCompletionAccumulator): Flow<ChatCompletionChunk> {
        val decoder = ChatChunkDecoder()
        return client.events(call(request, options, stream = true))
            .mapNotNull { event -> if (event.data.isBlank()) null else decodeChunk(decoder, event.data) }
            .attachPartial("chat", ChatPartial(received, requireFinish = true))
    }

    /**
     * Asks [model] one question and returns the answer's text.
     *
     * @throws ChatRefusalException when the model refuses.
     * @throws OpenAIDecodeException when the answer has no text (no choices, or tool calls only).
     * @throws OpenAIException for every other failure.
     */
    @JvmOverloads
    public suspend fun text(model: String, prompt: String, options: RequestOptions = RequestOptions.NONE): String {
        val completion = create(ChatRequest(model, listOf(ChatMessage.user(prompt))), options)
        val choice = completion.choices.firstOrNull() ?: throw OpenAIDecodeException("The completion has no choices")
        choice.message.refusal?.let { throw ChatRefusalException(it, completion) }
        return choice.message.content
            ?: throw OpenAIDecodeException("The answer has no text (finish_reason=${choice.finishReason})")
    }

    /**
     * Asks for an answer that follows the JSON schema of [serializer]'s class (a strict `json_schema` response
     * format replacing any in [request]) and decodes it.
     *
     * @throws ChatRefusalException when the model refuses.
     * @throws StructuredOutputException when the answer is missing or does not decode (its raw text is kept).
     * @throws OpenAIException for every other failure.
     */
    @JvmOverloads
    public suspend fun <T> parse(request: ChatRequest, serializer: KSerializer<T>, options: RequestOptions = RequestOptions.NONE): T =
        parseCompletion(request, serializer, options).parsed

    /** Like [parse], returning the completion as well (usage, id, finish reason). */
    @JvmOverloads
    public suspend fun <T> parseCompletion(
        request: ChatRequest,
        serializer: KSerializer<T>,
        options: RequestOptions = RequestOptions.NONE,
    ): ParsedChatCompletion<T> {
        val completion = create(withSchemaOf(request, serializer), options)
        return ParsedChatCompletion(completion, decodeStructured(completion, serializer))
    }

    /** A new [ChatSession] with [config] (model, system prompt, tools, ...). */
    @JvmOverloads
    public fun session(config: ChatSessionConfig = ChatSessionConfig.DEFAULT): ChatSession = ChatSession(this, config)

    /** A new [ChatSession] configured with a DSL: `openai.chat.session { model = "gpt-4o"; system = "Be brief." }`. */
    @JvmSynthetic
    public fun session(block: ChatSessionConfig.Builder.() -> Unit): ChatSession = session(chatSessionConfig(block))

    /**
     * Asks one question through a fresh session configured by [config] (so tools with handlers run) and returns
     * the answer's text.
     *
     * @throws ChatRefusalException when the model refuses.
     * @throws OpenAIDecodeException when the answer has no text.
     * @throws IllegalStateException when the model called a tool that has no handler.
     * @throws OpenAIException for every other failure, [ChatToolRoundLimitException] included.
     */
    @JvmOverloads
    public suspend fun prompt(text: String, config: ChatSessionConfig = ChatSessionConfig.DEFAULT): String {
        val turn = session(config).send(text)
        check(!turn.requiresAction) { "The model called tools without handlers: ${turn.toolCalls.map { it.name }}; use a session" }
        turn.text?.let { return it }
        turn.refusal?.let { throw ChatRefusalException(it, turn.completions.lastOrNull()) }
        throw OpenAIDecodeException("The answer has no text (finish_reason=${turn.finishReason})")
    }

    /** [prompt] with a config DSL: `openai.chat.prompt("Hi") { model = "gpt-4o"; tool(clock) }`. */
    @JvmSynthetic
    public suspend fun prompt(text: String, block: ChatSessionConfig.Builder.() -> Unit): String =
        prompt(text, chatSessionConfig(block))

    private fun call(request: ChatRequest, options: RequestOptions, stream: Boolean): ApiCall {
        val extra = if (stream) request.extraBody + ("stream" to JsonPrimitive(true)) else request.extraBody
        return ApiCall(
            ApiMethod.POST,
            PATH,
            ApiBody.Json(encodeRequestBody(ChatRequest.serializer(), request, extra)),
            options = options,
            deploymentScoped = true,
        )
    }

    private fun decodeChunk(decoder: ChatChunkDecoder, data: String): ChatCompletionChunk = try {
        decoder.decode(data)
    } catch (e: Exception) {
        throw streamDecodeFailure("chat", "chat.completion.chunk", data, e)
    }

    override fun toString(): String = "Chat($client)"

    private companion object {
        val PATH: ApiPath = ApiPath.fixed("chat/completions")
    }
}

/** The Chat Completions API of this client. */
public val OpenAI.chat: Chat get() = Chat(this)

/** [Chat.parse] with the schema of [T]: `val weather = openai.chat.parse<Weather>(request)`. */
public suspend inline fun <reified T> Chat.parse(request: ChatRequest, options: RequestOptions = RequestOptions.NONE): T =
    parse(request, serializer<T>(), options)

/** [Chat.parseCompletion] with the schema of [T]. */
public suspend inline fun <reified T> Chat.parseCompletion(
    request: ChatRequest,
    options: RequestOptions = RequestOptions.NONE,
): ParsedChatCompletion<T> = parseCompletion(request, serializer<T>(), options)
