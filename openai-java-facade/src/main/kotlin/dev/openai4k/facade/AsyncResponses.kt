package dev.openai4k.facade

import dev.openai4k.OpenAI
import dev.openai4k.RequestOptions
import dev.openai4k.responses.Response
import dev.openai4k.responses.ResponseDeleted
import dev.openai4k.responses.ResponseRequest
import dev.openai4k.responses.ResponseSessionConfig
import dev.openai4k.responses.ResponseStreamEvent
import dev.openai4k.responses.Responses
import dev.openai4k.responses.responses
import dev.openai4k.tools.Tool
import java.util.concurrent.CompletableFuture
import java.util.function.Consumer

/**
 * The Responses API for Java (`openai.responses()`): responses as futures, streams of events as [AsyncStream]s, and
 * multi-turn [AsyncResponseSession]s whose tools are Java lambdas. Futures fail with the `OpenAIException`s the
 * Kotlin [Responses] documents.
 *
 * ```java
 * Response reply = openai.responses().create(ResponseRequest.builder("gpt-4.1-mini").input("Hello").build()).join();
 * AsyncResponseSession session = openai.responses().session(ResponseSessionConfig.builder().instructions("Be brief.").build());
 * ```
 */
public class AsyncResponses internal constructor(client: OpenAI, private val runtime: AsyncRuntime) {
    private val responses: Responses = client.responses
    private val inputItems = AsyncResponseInputItems(responses.inputItems, runtime)

    /** Creates a response; see [Responses.create]. */
    @JvmOverloads
    public fun create(request: ResponseRequest, options: RequestOptions = RequestOptions.NONE): CompletableFuture<Response> =
        runtime.future { responses.create(request, options) }

    /**
     * Streams a response as events (see [AsyncStream]); see [Responses.stream]. To rebuild the whole response, feed
     * the events to a `ResponseAccumulator`.
     */
    @JvmOverloads
    public fun stream(request: ResponseRequest, options: RequestOptions = RequestOptions.NONE): AsyncStream<ResponseStreamEvent> =
        runtime.stream { responses.stream(request, options) }

    /** Streams a response to callbacks and returns the handle that cancels it; see [AsyncStream.subscribe]. */
    public fun stream(
        request: ResponseRequest,
        onNext: Consumer<in ResponseStreamEvent>,
        onError: Consumer<in Throwable>,
        onComplete: Runnable,
    ): Cancellable = stream(request).subscribe(onNext, onError, onComplete)

    /** Reads a stored response, with the extra output [include] asks for; see [Responses.retrieve]. */
    @JvmOverloads
    public fun retrieve(
        responseId: String,
        include: List<String> = emptyList(),
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<Response> = runtime.future { responses.retrieve(responseId, include, options) }

    /** Deletes a stored response; see [Responses.delete]. */
    @JvmOverloads
    public fun delete(responseId: String, options: RequestOptions = RequestOptions.NONE): CompletableFuture<ResponseDeleted> =
        runtime.future { responses.delete(responseId, options) }

    /** Cancels a background response; see [Responses.cancel]. */
    @JvmOverloads
    public fun cancel(responseId: String, options: RequestOptions = RequestOptions.NONE): CompletableFuture<Response> =
        runtime.future { responses.cancel(responseId, options) }

    /** The input items of stored responses: `openai.responses().inputItems().list(id)`. */
    public fun inputItems(): AsyncResponseInputItems = inputItems

    /**
     * A new multi-turn session with tools; see [AsyncResponseSession]. Build [config] with
     * `ResponseSessionConfig.builder()`, adding tools made with [tool] so that their Java handlers run automatically.
     */
    @JvmOverloads
    public fun session(config: ResponseSessionConfig = ResponseSessionConfig.DEFAULT): AsyncResponseSession =
        AsyncResponseSession(responses.session(config), runtime)

    /**
     * A tool whose parameters are the JSON schema [parametersJson] and whose calls [handler] answers, for
     * `ResponseSessionConfig.builder().tool(...)`. The handler runs on the facade's executor and may block; see
     * [BlockingToolHandler]. The same as `OpenAIAsync.tool(...)`.
     *
     * @throws IllegalArgumentException if [parametersJson] is not a JSON object.
     */
    public fun tool(name: String, description: String?, parametersJson: String, handler: BlockingToolHandler): Tool =
        runtime.tool(name, description, parametersJson, handler)

    /** [declaration] (a tool built any other way, e.g. with `Tool.typed`) with [handler] answering its calls. */
    public fun tool(declaration: Tool, handler: BlockingToolHandler): Tool = declaration.withHandler(runtime.toolHandler(handler))

    /** The Kotlin API underneath. */
    public fun kotlin(): Responses = responses
}
