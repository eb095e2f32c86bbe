package dev.openai4k.facade

import dev.openai4k.OpenAI
import dev.openai4k.RequestOptions
import dev.openai4k.chat.Chat
import dev.openai4k.chat.ChatCompletion
import dev.openai4k.chat.ChatCompletionChunk
import dev.openai4k.chat.ChatRequest
import dev.openai4k.chat.ChatSessionConfig
import dev.openai4k.chat.ParsedChatCompletion
import dev.openai4k.tools.Tool
import dev.openai4k.chat.chat
import kotlinx.serialization.KSerializer
import java.util.concurrent.CompletableFuture
import java.util.function.Consumer

/**
 * The Chat Completions API for Java (`openai.chat()`): whole completions as futures, streams as [AsyncStream]s,
 * and [AsyncChatSession]s whose tools are Java lambdas.
 *
 * ```java
 * ChatCompletion reply = openai.chat().create(ChatRequest.builder("gpt-4o-mini").user("Hello").build()).join();
 * Cancellable c = openai.chat().stream(request, chunk -> System.out.print(chunk.getText()), Throwable::printStackTrace, () -> {});
 * ```
 *
 * Futures fail with the exceptions the Kotlin [Chat] documents (an `OpenAIException` subclass), as the cause of
 * the `ExecutionException`/`CompletionException`.
 */
public class AsyncChat internal constructor(client: OpenAI, private val runtime: AsyncRuntime) {
    private val chat: Chat = client.chat

    /** Creates a completion; see [Chat.create]. */
    @JvmOverloads
    public fun create(request: ChatRequest, options: RequestOptions = RequestOptions.NONE): CompletableFuture<ChatCompletion> =
        runtime.future { chat.create(request, options) }

    /**
     * Streams a completion as chunks; see [Chat.stream]. Consume it as a `Flow.Publisher`, with callbacks, or
     * blocking (see [AsyncStream]). To rebuild the whole completion, feed the chunks to a
     * `ChatCompletionAccumulator`. A failure after the first chunk carries the partial completion in `partial`.
     */
    @JvmOverloads
    public fun stream(request: ChatRequest, options: RequestOptions = RequestOptions.NONE): AsyncStream<ChatCompletionChunk> =
        runtime.stream { chat.stream(request, options) }

    /** Streams a completion to callbacks and returns the handle that cancels it; see [AsyncStream.subscribe]. */
    public fun stream(
        request: ChatRequest,
        onNext: Consumer<in ChatCompletionChunk>,
        onError: Consumer<in Throwable>,
        onComplete: Runnable,
    ): Cancellable = stream(request).subscribe(onNext, onError, onComplete)

    /** Streams a completion with per-call [options] to callbacks; see [AsyncStream.subscribe]. */
    public fun stream(
        request: ChatRequest,
        options: RequestOptions,
        onNext: Consumer<in ChatCompletionChunk>,
        onError: Consumer<in Throwable>,
        onComplete: Runnable,
    ): Cancellable = stream(request, options).subscribe(onNext, onError, onComplete)

    /**
     * Asks [model] one question and completes with the answer's text; see [Chat.text] (fails with
     * `ChatRefusalException` on a refusal, `OpenAIDecodeException` when the answer has no text).
     */
    @JvmOverloads
    public fun text(model: String, prompt: String, options: RequestOptions = RequestOptions.NONE): CompletableFuture<String> =
        runtime.future { chat.text(model, prompt, options) }

    /**
     * Asks for an answer following the JSON schema of [serializer]'s class and decodes it; see [Chat.parse]. The
     * serializer comes from a Kotlin `@Serializable` class (`Weather.Companion.serializer()`).
     */
    @JvmOverloads
    public fun <T> parse(
        request: ChatRequest,
        serializer: KSerializer<T>,
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<T> = runtime.future { chat.parse(request, serializer, options) }

    /** Like [parse], with the completion as well; see [Chat.parseCompletion]. */
    @JvmOverloads
    public fun <T> parseCompletion(
        request: ChatRequest,
        serializer: KSerializer<T>,
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<ParsedChatCompletion<T>> = runtime.future { chat.parseCompletion(request, serializer, options) }

    /**
     * Asks one question through a fresh session configured by [config] (its tools with handlers run) and completes
     * with the answer's text; see [Chat.prompt].
     */
    @JvmOverloads
    public fun prompt(text: String, config: ChatSessionConfig = ChatSessionConfig.DEFAULT): CompletableFuture<String> =
        runtime.future { chat.prompt(text, config) }

    /**
     * A new conversation with memory and tools; see [AsyncChatSession]. Build [config] with
     * `ChatSessionConfig.builder()`, adding tools made with [tool] so that their Java handlers run automatically.
     */
    @JvmOverloads
    public fun session(config: ChatSessionConfig = ChatSessionConfig.DEFAULT): AsyncChatSession =
        AsyncChatSession(chat.session(config), runtime)

    /**
     * A tool whose parameters are the JSON schema [parametersJson] and whose calls [handler] answers, for
     * `ChatSessionConfig.builder().tool(...)`. The handler runs on the facade's executor and may block; see
     * [BlockingToolHandler]. The same as `OpenAIAsync.tool(...)`.
     *
     * @throws IllegalArgumentException if [parametersJson] is not a JSON object.
     */
    public fun tool(name: String, description: String?, parametersJson: String, handler: BlockingToolHandler): Tool =
        runtime.tool(name, description, parametersJson, handler)

    /** [declaration] (a tool built any other way, e.g. with `Tool.fromJsonSchema`) with [handler] answering its calls. */
    public fun tool(declaration: Tool, handler: BlockingToolHandler): Tool = declaration.withHandler(runtime.toolHandler(handler))

    /** The Kotlin API underneath. */
    public fun kotlin(): Chat = chat

    override fun toString(): String = "AsyncChat($chat)"
}
