package dev.openai4k.embeddings

import dev.openai4k.OpenAI
import dev.openai4k.OpenAIDecodeException
import dev.openai4k.RequestOptions
import dev.openai4k.encodeRequestBody
import dev.openai4k.http.ApiBody
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.sync.Semaphore
import kotlinx.coroutines.sync.withPermit

/**
 * The embeddings API: `POST /embeddings`, plus helpers that return bare vectors.
 *
 * Every call asks for base64 vectors unless the request names an `encoding_format`, and decodes either format
 * into `FloatArray`.
 */
public class Embeddings internal constructor(private val client: OpenAI) {

    /**
     * Creates embeddings for [request].
     *
     * @throws dev.openai4k.OpenAIException for every failure: a status subclass (`BadRequestException`,
     * `NotFoundException`, `RateLimitException`, ...) for error answers, `OpenAIConnectionException` for the
     * network, `OpenAIDecodeException` for an answer that does not decode.
     */
    public suspend fun create(request: EmbeddingRequest, options: RequestOptions = RequestOptions.NONE): EmbeddingResponse {
        val wire = if (request.encodingFormat == null) request.copy(encodingFormat = EncodingFormat.BASE64) else request
        val body = encodeRequestBody(EmbeddingRequest.serializer(), wire, request.extraBody)
        return client.execute(
            ApiCall(ApiMethod.POST, ApiPath.fixed("embeddings"), ApiBody.Json(body), options = options, deploymentScoped = true),
            EmbeddingResponse.serializer(),
        )
    }

    /**
     * The vector of one [text].
     *
     * @throws dev.openai4k.OpenAIException as [create] does; `OpenAIDecodeException` if the answer holds no vector.
     */
    public suspend fun embed(model: String, text: String, options: RequestOptions = RequestOptions.NONE): FloatArray {
        val response = create(EmbeddingRequest(model, EmbeddingInput.of(text)), options)
        return vectorsInOrder(response, 1).single()
    }

    /**
     * The vectors of [texts], in the order of [texts], however many there are: the texts are sent in batches of at
     * most [batchSize] (OpenAI accepts 2048 inputs per request), with at most [concurrency] requests in flight.
     * If any batch fails, the others are cancelled and its exception is thrown.
     *
     * @throws IllegalArgumentException if [batchSize] or [concurrency] is not positive.
     * @throws dev.openai4k.OpenAIException as [create] does; `OpenAIDecodeException` if a batch's answer does not
     * hold exactly one vector per input.
     */
    public suspend fun embedAll(
        model: String,
        texts: List<String>,
        batchSize: Int = DEFAULT_BATCH_SIZE,
        concurrency: Int = DEFAULT_CONCURRENCY,
        options: RequestOptions = RequestOptions.NONE,
    ): List<FloatArray> = embedAll(EmbeddingRequest(model, EmbeddingInput.ofTexts(texts)), batchSize, concurrency, options)

    /**
     * The vectors of every input of [request], in input order, sent as batches of at most [batchSize] inputs with at
     * most [concurrency] requests in flight. Every other field of [request] (dimensions, user, encoding format,
     * extra body) is sent with each batch. A single text or token array is sent as it is.
     *
     * @throws IllegalArgumentException if [batchSize] or [concurrency] is not positive.
     * @throws dev.openai4k.OpenAIException as [create] does; `OpenAIDecodeException` if a batch's answer does not
     * hold exactly one vector per input.
     */
    public suspend fun embedAll(
        request: EmbeddingRequest,
        batchSize: Int = DEFAULT_BATCH_SIZE,
        concurrency: Int = DEFAULT_CONCURRENCY,
        options: RequestOptions = RequestOptions.NONE,
    ): List<FloatArray> {
        require(batchSize > 0) { "batchSize must be positive, was $batchSize" }
        require(concurrency > 0) { "concurrency must be positive, was $concurrency" }
        val batches: List<EmbeddingInput> = when (val input = request.input) {
            is EmbeddingInput.Texts -> input.texts.chunked(batchSize).map { EmbeddingInput.Texts(it) }
            is EmbeddingInput.TokenBatches -> input.batches.chunked(batchSize).map { EmbeddingInput.TokenBatches(it) }
            is EmbeddingInput.Text, is EmbeddingInput.Tokens -> listOf(input)
        }
        if (batches.isEmpty()) return emptyList()
        val permits = Semaphore(concurrency)
        return coroutineScope {
            batches.map { batch ->
                async {
                    permits.withPermit {
                        vectorsInOrder(create(request.copy(input = batch), options), batch.count)
                    }
                }
            }.awaitAll().flatten()
        }
    }

    private companion object {
        const val DEFAULT_BATCH_SIZE = 2048
        const val DEFAULT_CONCURRENCY = 4
    }
}

/**
 * The vectors of one answer in input order. Indices that are a permutation of `0 until expected` place each
 * vector; a server that omits indices (all 0) is taken in the order it sent.
 */
internal fun vectorsInOrder(response: EmbeddingResponse, expected: Int): List<FloatArray> {
    val data = response.data
    if (data.size != expected) {
        throw OpenAIDecodeException("Expected $expected embeddings in the answer, got ${data.size}")
    }
    val placed = arrayOfNulls<FloatArray>(expected)
    var permutation = true
    for (e in data) {
        if (e.index !in 0 until expected || placed[e.index] != null) {
            permutation = false
            break
        }
        placed[e.index] = e.embedding
    }
    if (permutation) return placed.map { it!! }
    if (data.all { it.index == 0 }) return data.map { it.embedding }
    throw OpenAIDecodeException("The embedding indices ${data.map { it.index }} do not match $expected inputs")
}

/** The embeddings API of this client. */
public val OpenAI.embeddings: Embeddings get() = Embeddings(this)
