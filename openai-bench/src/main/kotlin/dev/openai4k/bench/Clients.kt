package dev.openai4k.bench

import com.aallam.openai.api.chat.ChatCompletionRequest
import com.aallam.openai.api.chat.ChatMessage as KChatMessage
import com.aallam.openai.api.chat.ChatRole
import com.aallam.openai.api.embedding.EmbeddingRequest as KEmbeddingRequest
import com.aallam.openai.api.model.ModelId
import com.aallam.openai.client.OpenAIConfig as KOpenAIConfig
import com.aallam.openai.client.OpenAIHost
import com.aallam.openai.client.LoggingConfig
import com.aallam.openai.api.logging.LogLevel
import com.aallam.openai.client.RetryStrategy
import com.openai.client.OpenAIClient
import com.openai.client.okhttp.OpenAIOkHttpClient
import com.openai.models.chat.completions.ChatCompletionCreateParams
import com.openai.models.embeddings.EmbeddingCreateParams
import dev.openai4k.HttpEngine
import dev.openai4k.OpenAI
import dev.openai4k.chat.chat
import dev.openai4k.chat.chatRequest
import dev.openai4k.embeddings.EmbeddingInput
import dev.openai4k.embeddings.EmbeddingRequest
import dev.openai4k.embeddings.EncodingFormat
import dev.openai4k.embeddings.embeddings
import io.ktor.client.engine.HttpClientEngine
import io.ktor.client.engine.cio.CIO
import io.ktor.client.engine.okhttp.OkHttp
import okhttp3.ConnectionPool
import okhttp3.Dispatcher
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds
import com.aallam.openai.client.OpenAI as KOpenAI

/** Which canned stream to ask for. */
enum class StreamKind(val prefix: String, val chunks: Int, val text: () -> String) {
    LONG("/stream", Payloads.STREAM_CHUNKS, { Payloads.streamText }),
    PACED("/paced", Payloads.PACED_CHUNKS, { Payloads.pacedText }),
}

/** What one stream delivered: chunks decoded and the text they carried. */
class StreamResult(val chunks: Int, val text: String) {
    fun matches(kind: StreamKind): Boolean = chunks == kind.chunks && text == kind.text()
}

/** One client under test. Blocking clients are driven from threads, suspending ones from coroutines. */
interface Sut : AutoCloseable {
    val name: String
    val blocking: Boolean

    suspend fun chat(): String?
    suspend fun stream(kind: StreamKind): StreamResult

    /** Null when the client cannot ask for [base64]. */
    suspend fun embed(base64: Boolean): FloatArray?
    fun supportsBase64(): Boolean
}

/** The client names the harness knows, in table order. */
val SUT_NAMES = listOf("ours-cio", "ours-java", "ours-okhttp", "openai-java", "openai-kotlin")

fun createSut(name: String, server: String): Sut = when (name) {
    "ours-cio" -> OursSut(name, server) { httpEngine = HttpEngine.CIO; null }
    "ours-java" -> OursSut(name, server) { httpEngine = HttpEngine.JAVA; null }
    "ours-okhttp" -> OursSut(name, server) { okHttpEngine() }
    "openai-java" -> OpenAIJavaSut(server)
    "openai-kotlin" -> OpenAIKotlinSut(server)
    else -> error("unknown client $name; known: $SUT_NAMES")
}

/**
 * Ktor's OkHttp engine with OkHttp's per-host limit of 5 concurrent async calls lifted (the engine enqueues calls, so
 * that limit would queue 995 of 1,000 streams) and a pool large enough to keep 64 connections alive.
 */
private fun okHttpEngine(): HttpClientEngine = OkHttp.create {
    config {
        dispatcher(Dispatcher().apply { maxRequests = 4096; maxRequestsPerHost = 4096 })
        connectionPool(ConnectionPool(256, 5, TimeUnit.MINUTES))
    }
}

/** Our SDK, one client per canned path prefix (each with its own connection pool, as a user with one base URL has). */
private class OursSut(
    override val name: String,
    private val server: String,
    private val configure: dev.openai4k.OpenAIConfig.() -> HttpClientEngine?,
) : Sut {
    override val blocking = false
    private val engines = mutableListOf<HttpClientEngine>()
    private fun client(prefix: String) = OpenAI {
        baseUrl = "$server$prefix/v1"
        apiKey = "sk-bench"
        maxRetries = 0
        timeout = 2.minutes
        connectTimeout = 30.seconds
        configure()?.let { engine = it; engines += it }
    }
    private val plain = client("")
    private val long = client(StreamKind.LONG.prefix)
    private val paced = client(StreamKind.PACED.prefix)
    private val b64 = client("/b64")
    private val request = chatRequest(Payloads.MODEL) { user(Payloads.PROMPT) }

    override suspend fun chat(): String? = plain.chat.create(request).text

    override suspend fun stream(kind: StreamKind): StreamResult {
        val sb = StringBuilder()
        var n = 0
        (if (kind == StreamKind.LONG) long else paced).chat.stream(request).collect { n++; sb.append(it.text) }
        return StreamResult(n, sb.toString())
    }

    override suspend fun embed(base64: Boolean): FloatArray? {
        val req = EmbeddingRequest(
            Payloads.EMBEDDING_MODEL, EmbeddingInput.of("hello"),
            encodingFormat = if (base64) EncodingFormat.BASE64 else EncodingFormat.FLOAT,
        )
        return (if (base64) b64 else plain).embeddings.create(req).data.single().embedding
    }

    override fun supportsBase64() = true

    override fun close() {
        listOf(plain, long, paced, b64).forEach { it.close() }
        engines.forEach { it.close() }
    }
}

/** com.openai:openai-java with its defaults (OkHttp), retries off. */
private class OpenAIJavaSut(private val server: String) : Sut {
    override val name = "openai-java"
    override val blocking = true
    private fun client(prefix: String): OpenAIClient = OpenAIOkHttpClient.builder()
        .baseUrl("$server$prefix/v1").apiKey("sk-bench").maxRetries(0).timeout(java.time.Duration.ofMinutes(2)).build()
    private val plain = client("")
    private val long = client(StreamKind.LONG.prefix)
    private val paced = client(StreamKind.PACED.prefix)
    private val b64 = client("/b64")
    private val params = ChatCompletionCreateParams.builder().model(Payloads.MODEL).addUserMessage(Payloads.PROMPT).build()

    override suspend fun chat(): String? = plain.chat().completions().create(params).choices()[0].message().content().orElse(null)

    override suspend fun stream(kind: StreamKind): StreamResult {
        val sb = StringBuilder()
        var n = 0
        (if (kind == StreamKind.LONG) long else paced).chat().completions().createStreaming(params).use { s ->
            s.stream().forEach { c ->
                n++
                if (c.choices().isNotEmpty()) c.choices()[0].delta().content().ifPresent { sb.append(it) }
            }
        }
        return StreamResult(n, sb.toString())
    }

    override suspend fun embed(base64: Boolean): FloatArray? {
        val p = EmbeddingCreateParams.builder().model(Payloads.EMBEDDING_MODEL).input("hello")
            .encodingFormat(if (base64) EmbeddingCreateParams.EncodingFormat.BASE64 else EmbeddingCreateParams.EncodingFormat.FLOAT)
            .build()
        val list = (if (base64) b64 else plain).embeddings().create(p).data()[0].embedding()
        return FloatArray(list.size) { list[it] }
    }

    override fun supportsBase64() = true

    override fun close() = listOf(plain, long, paced, b64).forEach { it.close() }
}

/** com.aallam.openai:openai-client-jvm on Ktor CIO (its documented engine choice), retries off. */
private class OpenAIKotlinSut(private val server: String) : Sut {
    override val name = "openai-kotlin"
    override val blocking = false
    private fun client(prefix: String) = KOpenAI(
        KOpenAIConfig(
            token = "sk-bench",
            host = OpenAIHost(baseUrl = "$server$prefix/v1/"),
            retry = RetryStrategy(maxRetries = 0),
            engine = CIO.create(),
            // Its default logs every request and response to stdout; a benchmark of the client, not of the console.
            logging = LoggingConfig(LogLevel.None),
        ),
    )
    private val plain = client("")
    private val long = client(StreamKind.LONG.prefix)
    private val paced = client(StreamKind.PACED.prefix)
    private val request = ChatCompletionRequest(
        model = ModelId(Payloads.MODEL),
        messages = listOf(KChatMessage(role = ChatRole.User, content = Payloads.PROMPT)),
    )

    override suspend fun chat(): String? = plain.chatCompletion(request).choices[0].message.content

    override suspend fun stream(kind: StreamKind): StreamResult {
        val sb = StringBuilder()
        var n = 0
        (if (kind == StreamKind.LONG) long else paced).chatCompletions(request).collect { c ->
            n++
            c.choices.firstOrNull()?.delta?.content?.let { sb.append(it) }
        }
        return StreamResult(n, sb.toString())
    }

    override suspend fun embed(base64: Boolean): FloatArray? {
        if (base64) return null // the client has no encoding_format
        val list = plain.embeddings(KEmbeddingRequest(ModelId(Payloads.EMBEDDING_MODEL), listOf("hello"))).embeddings[0].embedding
        return FloatArray(list.size) { list[it].toFloat() }
    }

    override fun supportsBase64() = false

    override fun close() = listOf(plain, long, paced).forEach { it.close() }
}
