package dev.openai4k.facade

import dev.openai4k.OpenAI
import dev.openai4k.RequestOptions
import dev.openai4k.completions.Completion
import dev.openai4k.completions.CompletionRequest
import dev.openai4k.completions.Completions
import dev.openai4k.completions.completions
import java.util.concurrent.CompletableFuture
import java.util.function.Consumer

/**
 * The legacy text completions API for Java (`openai.completions()`). Futures fail with the `OpenAIException`s the
 * Kotlin [Completions] documents.
 */
public class AsyncCompletions internal constructor(client: OpenAI, private val runtime: AsyncRuntime) {
    private val completions: Completions = client.completions

    /** Creates a completion; see [Completions.create]. */
    @JvmOverloads
    public fun create(request: CompletionRequest, options: RequestOptions = RequestOptions.NONE): CompletableFuture<Completion> =
        runtime.future { completions.create(request, options) }

    /** Streams a completion as chunks (see [AsyncStream]); see [Completions.stream]. */
    @JvmOverloads
    public fun stream(request: CompletionRequest, options: RequestOptions = RequestOptions.NONE): AsyncStream<Completion> =
        runtime.stream { completions.stream(request, options) }

    /** Streams a completion to callbacks and returns the handle that cancels it; see [AsyncStream.subscribe]. */
    public fun stream(
        request: CompletionRequest,
        onNext: Consumer<in Completion>,
        onError: Consumer<in Throwable>,
        onComplete: Runnable,
    ): Cancellable = stream(request).subscribe(onNext, onError, onComplete)

    /** The text of one completion of [prompt] by [model]; see [Completions.complete]. */
    @JvmOverloads
    public fun complete(model: String, prompt: String, options: RequestOptions = RequestOptions.NONE): CompletableFuture<String> =
        runtime.future { completions.complete(model, prompt, options) }

    /** The Kotlin API underneath. */
    public fun kotlin(): Completions = completions
}
