package dev.openai4k.facade

import dev.openai4k.HttpEngine
import dev.openai4k.OpenAI
import dev.openai4k.OpenAIConfig
import dev.openai4k.OpenAIException
import dev.openai4k.tools.Tool
import dev.openai4k.tools.ToolRunner
import io.ktor.client.engine.HttpClientEngine
import java.time.Duration
import java.util.concurrent.CompletionException
import java.util.concurrent.ExecutionException
import java.util.concurrent.Executor
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors
import java.util.concurrent.ThreadFactory
import java.util.concurrent.atomic.AtomicInteger
import java.util.function.Consumer
import kotlin.time.toKotlinDuration

/**
 * The Java entry point: every API section as `CompletableFuture`s, `Flow.Publisher`s, callbacks and blocking
 * iterators over one Kotlin [OpenAI] client.
 *
 * ```java
 * try (OpenAIAsync openai = OpenAIAsync.fromEnv()) {
 *     ChatCompletion reply = openai.chat().create(
 *         ChatRequest.builder("gpt-4o-mini").system("Be brief.").user("Hello").build()).join();
 * }
 * ```
 *
 * **Sections.** [chat], [vision], [embeddings], [models], [completions], [moderations], [images], [audio], [responses],
 * [files] and [assistants] each need their module (`dev.openai4k:openai-chat`, ...) on the class path; the facade
 * declares them optional. Calling a section whose module is missing throws an `IllegalStateException` naming the
 * artifact to add.
 *
 * **Threads.** Every call runs as a coroutine dispatched on the facade's executor: futures complete there (so
 * `thenApply` and friends run there unless you pass your own executor to `...Async`), and stream signals, session
 * listeners and tool handlers run there. No code of yours runs on the HTTP engine's I/O threads. The executor is
 * the one given to [Builder.executor] or [wrap]; by default it is a cached pool of daemon threads named
 * `openai4k-async-N` that the facade owns and shuts down on [close]. A direct executor (`Runnable::run`) puts your
 * code on whatever thread resumes the call, the engine's included: only use one if your callbacks never block.
 *
 * **Errors.** Futures fail with the SDK's own exceptions: `future.get()` throws an `ExecutionException` and
 * `future.join()` a `CompletionException`, whose cause is the `OpenAIException` (a status subclass such as
 * `AuthenticationException`, a connection or timeout error, a decode error). [unwrap] digs it out.
 *
 * **Cancellation.** `future.cancel(true)` cancels the call behind it and closes its connection; so do cancelling a
 * subscription or a callback handle and closing a blocking iterator. [close] cancels everything in flight.
 *
 * Thread-safe; create one per process (or per account) and share it.
 */
public class OpenAIAsync private constructor(
    private val client: OpenAI,
    private val ownsClient: Boolean,
    internal val runtime: AsyncRuntime,
) : AutoCloseable {

    /** The Chat Completions API, chat sessions included. @throws IllegalStateException without `openai-chat`. */
    public fun chat(): AsyncChat {
        SectionModule.CHAT.require()
        return AsyncChat(client, runtime)
    }

    /**
     * Image input over chat (`describe` an image or several). @throws IllegalStateException without `openai-vision`
     * (which brings `openai-chat` with it).
     */
    public fun vision(): AsyncVision {
        SectionModule.VISION.require()
        return AsyncVision(client, runtime)
    }

    /** The embeddings API. @throws IllegalStateException without `openai-embeddings`. */
    public fun embeddings(): AsyncEmbeddings {
        SectionModule.EMBEDDINGS.require()
        return AsyncEmbeddings(client, runtime)
    }

    /** The models API. @throws IllegalStateException without `openai-models`. */
    public fun models(): AsyncModels {
        SectionModule.MODELS.require()
        return AsyncModels(client, runtime)
    }

    /** The legacy completions API. @throws IllegalStateException without `openai-completions`. */
    public fun completions(): AsyncCompletions {
        SectionModule.COMPLETIONS.require()
        return AsyncCompletions(client, runtime)
    }

    /** The moderations API. @throws IllegalStateException without `openai-moderations`. */
    public fun moderations(): AsyncModerations {
        SectionModule.MODERATIONS.require()
        return AsyncModerations(client, runtime)
    }

    /** The images API. @throws IllegalStateException without `openai-images`. */
    public fun images(): AsyncImages {
        SectionModule.IMAGES.require()
        return AsyncImages(client, runtime)
    }

    /** The audio API (speech, transcriptions, translations). @throws IllegalStateException without `openai-audio`. */
    public fun audio(): AsyncAudio {
        SectionModule.AUDIO.require()
        return AsyncAudio(client, runtime)
    }

    /** The Responses API, sessions included. @throws IllegalStateException without `openai-responses`. */
    public fun responses(): AsyncResponses {
        SectionModule.RESPONSES.require()
        return AsyncResponses(client, runtime)
    }

    /** The Files API. @throws IllegalStateException without `openai-files`. */
    public fun files(): AsyncFiles {
        SectionModule.FILES.require()
        return AsyncFiles(client, runtime)
    }

    /** The Assistants API (v2 beta): assistants, threads, messages, runs. @throws IllegalStateException without `openai-assistants`. */
    public fun assistants(): AsyncAssistants {
        SectionModule.ASSISTANTS.require()
        return AsyncAssistants(client, runtime)
    }

    /**
     * A tool whose parameters are the JSON schema [parametersJson] and whose calls the blocking [handler] answers on
     * the facade's executor, for a chat session, a responses session or an [AsyncToolRunner] (the same as
     * `chat().tool(...)` and `responses().tool(...)`).
     *
     * @throws IllegalArgumentException if [parametersJson] is not a JSON object.
     */
    public fun tool(name: String, description: String?, parametersJson: String, handler: BlockingToolHandler): Tool =
        runtime.tool(name, description, parametersJson, handler)

    /** [declaration] (a tool built any other way, e.g. `Tool.typed(...)`) with the blocking [handler] answering its calls. */
    public fun tool(declaration: Tool, handler: BlockingToolHandler): Tool = declaration.withHandler(runtime.toolHandler(handler))

    /** [runner] for Java: runs tool calls of a loop of your own; see [AsyncToolRunner]. */
    public fun toolRunner(runner: ToolRunner): AsyncToolRunner = AsyncToolRunner(runner, runtime)

    /** The Kotlin client underneath, for anything the facade does not cover. */
    public fun kotlin(): OpenAI = client

    /** The executor futures complete on and callbacks run on. */
    public fun executor(): Executor = runtime.executor

    /** Whether [close] has been called. */
    public fun isClosed(): Boolean = runtime.closed

    /**
     * Cancels every call and stream in flight (their futures fail with a `CancellationException`, callback
     * subscriptions receive `onError(CancellationException)`), then closes the Kotlin client if this facade created
     * it (not one given to [wrap]) and shuts down the executor if the facade created it. Calls made afterwards fail
     * with an `IllegalStateException`. Idempotent.
     */
    override fun close() {
        if (runtime.closed) return
        runtime.close()
        if (ownsClient) client.close()
    }

    override fun toString(): String = "OpenAIAsync(${client.config.baseUrl})"

    /**
     * Configures an [OpenAIAsync]: connection, authentication, timeouts (as `java.time.Duration`), retries, default
     * model, HTTP engine and the executor. Start from [OpenAIAsync.builder]. Not thread-safe; one use.
     */
    public class Builder internal constructor() {
        private val config = OpenAIConfig()
        private var executor: Executor? = null

        /** Reads `OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_ORG_ID` and `OPENAI_PROJECT_ID` where they are set. */
        public fun fromEnv(): Builder = apply {
            val env = OpenAIConfig.fromEnv()
            if (env.apiKey.isNotEmpty()) config.apiKey = env.apiKey
            if (env.baseUrl != OpenAIConfig.DEFAULT_BASE_URL) config.baseUrl = env.baseUrl
            env.organization?.let { config.organization = it }
            env.project?.let { config.project = it }
        }

        /** The API root, e.g. `http://localhost:11434/v1` (default `https://api.openai.com/v1`). */
        public fun baseUrl(baseUrl: String): Builder = apply { config.baseUrl = baseUrl }

        /** The API key; empty (the default) sends no `Authorization` header, for local servers. */
        public fun apiKey(apiKey: String): Builder = apply { config.apiKey = apiKey }

        /** Sent as `OpenAI-Organization`. */
        public fun organization(organization: String): Builder = apply { config.organization = organization }

        /** Sent as `OpenAI-Project`. */
        public fun project(project: String): Builder = apply { config.project = project }

        /** A header added to every request. */
        public fun header(name: String, value: String): Builder = apply { config.headers[name] = value }

        /** Headers added to every request. */
        public fun headers(headers: Map<String, String>): Builder = apply { config.headers.putAll(headers) }

        /** A query parameter added to every request. */
        public fun queryParam(name: String, value: String): Builder = apply { config.queryParams[name] = value }

        /** Deadline of a whole non-streaming exchange (each retry gets it afresh); default 10 minutes. */
        public fun timeout(timeout: Duration): Builder = apply { config.timeout = positive(timeout, "timeout") }

        /** How long to wait for a connection; default 10 seconds. */
        public fun connectTimeout(timeout: Duration): Builder =
            apply { config.connectTimeout = positive(timeout, "connectTimeout") }

        /** The longest silence allowed between two reads of a stream; default 10 minutes. */
        public fun streamIdleTimeout(timeout: Duration): Builder =
            apply { config.streamIdleTimeout = positive(timeout, "streamIdleTimeout") }

        /**
         * How many times a failed request is retried (default 2).
         *
         * @throws IllegalArgumentException if negative.
         */
        public fun maxRetries(maxRetries: Int): Builder = apply {
            require(maxRetries >= 0) { "maxRetries must be >= 0, was $maxRetries" }
            config.maxRetries = maxRetries
        }

        /** The model sessions and helpers use when none is named. */
        public fun defaultModel(model: String): Builder = apply { config.defaultModel = model }

        /** Which built-in HTTP engine to use (see [HttpEngine]). */
        public fun httpEngine(engine: HttpEngine): Builder = apply { config.httpEngine = engine }

        /** A Ktor engine to use instead of the built-in ones (OkHttp, `MockEngine`, ...); you keep owning it. */
        public fun engine(engine: HttpClientEngine): Builder = apply { config.engine = engine }

        /** Azure OpenAI mode with the default API version. */
        public fun azure(endpoint: String, deployment: String): Builder = apply { config.azure(endpoint, deployment) }

        /** Azure OpenAI mode. */
        public fun azure(endpoint: String, deployment: String, apiVersion: String): Builder =
            apply { config.azure(endpoint, deployment, apiVersion) }

        /** Logs request and response bodies at debug level (keys are always redacted). */
        public fun logBodies(logBodies: Boolean): Builder = apply { config.logBodies = logBodies }

        /** Any other client setting, on the Kotlin configuration itself. */
        public fun configure(change: Consumer<OpenAIConfig>): Builder = apply { change.accept(config) }

        /**
         * The executor futures complete on, callbacks run on and tool handlers run on (see the class comment). The
         * facade never shuts down an executor it was given. Default: a cached pool of daemon threads the facade owns.
         */
        public fun executor(executor: Executor): Builder = apply { this.executor = executor }

        /** The facade, with a new Kotlin client that it owns and closes. */
        public fun build(): OpenAIAsync = create(OpenAI(config), ownsClient = true, executor)

        private fun positive(duration: Duration, name: String): kotlin.time.Duration {
            require(!duration.isNegative && !duration.isZero) { "$name must be positive, was $duration" }
            return duration.toKotlinDuration()
        }
    }

    public companion object {
        /** A facade over a new client configured from `OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_ORG_ID`, `OPENAI_PROJECT_ID`. */
        @JvmStatic
        public fun fromEnv(): OpenAIAsync = builder().fromEnv().build()

        /** A builder with every default (OpenAI's API root, no key). */
        @JvmStatic
        public fun builder(): Builder = Builder()

        /**
         * A facade over an existing Kotlin [client], sharing its configuration and connection pool. The caller keeps
         * owning [client]: [close] cancels the facade's calls but does not close it. [executor] as in
         * [Builder.executor]; null for the facade's own pool.
         */
        @JvmStatic
        @JvmOverloads
        public fun wrap(client: OpenAI, executor: Executor? = null): OpenAIAsync = create(client, ownsClient = false, executor)

        /**
         * The [OpenAIException] behind a failed future: [error] itself, or the cause inside the
         * `CompletionException`s and `ExecutionException`s wrapping it. Null when the failure is something else
         * (a cancellation, an `IllegalArgumentException`, ...; see [unwrapCause]).
         */
        @JvmStatic
        public fun unwrap(error: Throwable): OpenAIException? = unwrapCause(error) as? OpenAIException

        /**
         * [error] without the `CompletionException` and `ExecutionException` layers that futures add: the exception
         * the call actually failed with.
         */
        @JvmStatic
        public fun unwrapCause(error: Throwable): Throwable {
            var current = error
            var depth = 0
            while ((current is CompletionException || current is ExecutionException) && depth++ < MAX_WRAPPERS) {
                current = current.cause ?: break
            }
            return current
        }

        private const val MAX_WRAPPERS = 16

        private fun create(client: OpenAI, ownsClient: Boolean, executor: Executor?): OpenAIAsync {
            val owned: ExecutorService? = if (executor == null) Executors.newCachedThreadPool(DaemonThreads()) else null
            return OpenAIAsync(client, ownsClient, AsyncRuntime(executor ?: owned!!, owned))
        }
    }

    private class DaemonThreads : ThreadFactory {
        private val count = AtomicInteger()
        override fun newThread(task: Runnable): Thread =
            Thread(task, "openai4k-async-${count.incrementAndGet()}").apply { isDaemon = true }
    }
}
