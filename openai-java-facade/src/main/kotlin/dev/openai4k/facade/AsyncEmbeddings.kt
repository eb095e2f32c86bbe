package dev.openai4k.facade

import dev.openai4k.OpenAI
import dev.openai4k.RequestOptions
import dev.openai4k.embeddings.EmbeddingRequest
import dev.openai4k.embeddings.EmbeddingResponse
import dev.openai4k.embeddings.Embeddings
import dev.openai4k.embeddings.embeddings
import java.util.concurrent.CompletableFuture

/**
 * The embeddings API for Java (`openai.embeddings()`); vectors come back as `float[]`. Futures fail with the
 * `OpenAIException`s the Kotlin [Embeddings] documents.
 */
public class AsyncEmbeddings internal constructor(client: OpenAI, private val runtime: AsyncRuntime) {
    private val embeddings: Embeddings = client.embeddings

    /** Creates embeddings for [request]; see [Embeddings.create]. */
    @JvmOverloads
    public fun create(request: EmbeddingRequest, options: RequestOptions = RequestOptions.NONE): CompletableFuture<EmbeddingResponse> =
        runtime.future { embeddings.create(request, options) }

    /** The vector of one [text]; see [Embeddings.embed]. */
    @JvmOverloads
    public fun embed(model: String, text: String, options: RequestOptions = RequestOptions.NONE): CompletableFuture<FloatArray> =
        runtime.future { embeddings.embed(model, text, options) }

    /** The vectors of [texts] in order, sent in batches with the default batch size and concurrency; see [Embeddings.embedAll]. */
    public fun embedAll(model: String, texts: List<String>): CompletableFuture<List<FloatArray>> =
        runtime.future { embeddings.embedAll(model, texts) }

    /** Like [embedAll] with per-call [options]. */
    public fun embedAll(model: String, texts: List<String>, options: RequestOptions): CompletableFuture<List<FloatArray>> =
        runtime.future { embeddings.embedAll(model, texts, options = options) }

    /**
     * The vectors of [texts] in order, in batches of at most [batchSize] inputs with at most [concurrency] requests
     * in flight; the future fails with `IllegalArgumentException` if either is not positive.
     */
    @JvmOverloads
    public fun embedAll(
        model: String,
        texts: List<String>,
        batchSize: Int,
        concurrency: Int,
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<List<FloatArray>> = runtime.future { embeddings.embedAll(model, texts, batchSize, concurrency, options) }

    /** The vectors of every input of [request], batched with the default batch size and concurrency. */
    public fun embedAll(request: EmbeddingRequest): CompletableFuture<List<FloatArray>> =
        runtime.future { embeddings.embedAll(request) }

    /** Like [embedAll] with a request and per-call [options]. */
    public fun embedAll(request: EmbeddingRequest, options: RequestOptions): CompletableFuture<List<FloatArray>> =
        runtime.future { embeddings.embedAll(request, options = options) }

    /** The vectors of every input of [request] in batches of [batchSize] with [concurrency] requests in flight. */
    @JvmOverloads
    public fun embedAll(
        request: EmbeddingRequest,
        batchSize: Int,
        concurrency: Int,
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<List<FloatArray>> = runtime.future { embeddings.embedAll(request, batchSize, concurrency, options) }

    /** The Kotlin API underneath. */
    public fun kotlin(): Embeddings = embeddings
}
