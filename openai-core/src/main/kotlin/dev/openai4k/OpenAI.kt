package dev.openai4k

import dev.openai4k.http.ApiCall
import dev.openai4k.http.ServerSentEvent
import dev.openai4k.internal.Exchange
import dev.openai4k.internal.Transport
import io.ktor.utils.io.ByteReadChannel
import kotlinx.coroutines.flow.Flow
import kotlinx.serialization.DeserializationStrategy

/**
 * The client: one per process (or per account), thread-safe, shared by every section module.
 *
 * Each section adds an extension property (`openai.chat`, `openai.embeddings`, ...), so depending on a module
 * is what makes its API appear. Closing the client cancels calls in flight and releases its connections.
 *
 * ```kotlin
 * val openai = OpenAI.fromEnv()
 * val local = OpenAI { baseUrl = "http://localhost:11434/v1" }
 * ```
 */
public class OpenAI private constructor(
    config: OpenAIConfig,
    private val transport: Transport,
    private val ownsTransport: Boolean,
) : AutoCloseable {

    /** Creates a client from a config (copied: later changes to [config] do not affect this client). */
    public constructor(config: OpenAIConfig) : this(config.copy(), Transport(config), true)

    private val settings: OpenAIConfig = config.copy()
    private val exchange = Exchange(settings, transport)

    /** A copy of this client's configuration. */
    public val config: OpenAIConfig get() = settings.copy()

    /** The model used by helpers and sessions when none is named, or null. */
    public val defaultModel: String? get() = settings.defaultModel

    /**
     * A client with some settings changed that shares this one's connection pool, so one process can serve
     * several accounts. Engine-level settings (engine, connect timeout, connection limits) are the parent's.
     * Closing it cancels its own calls only; closing the parent closes the pool.
     */
    public fun withOptions(block: OpenAIConfig.() -> Unit): OpenAI {
        val derived = settings.copy().apply(block)
        return OpenAI(derived, transport, false)
    }

    /**
     * Sends [call] and decodes the JSON answer with [response], retrying as configured.
     *
     * @throws OpenAIException for every failure: a status subclass for error answers, [OpenAIConnectionException]
     * or [OpenAITimeoutException] for the network, [OpenAIDecodeException] for a body that does not decode.
     */
    public suspend fun <T> execute(call: ApiCall, response: DeserializationStrategy<T>): T =
        exchange.json(call, response)

    /** Sends [call] and returns the raw answer body (audio, file content), retrying as configured. */
    public suspend fun executeBytes(call: ApiCall): ByteArray = exchange.bytes(call)

    /**
     * Sends [call] and hands the answer body to [consume] as it arrives, for bodies too large to hold (speech to a
     * file). The stream's idle timeout applies instead of a total deadline. Not retried once [consume] has begun.
     */
    public suspend fun <T> executeStreaming(call: ApiCall, consume: suspend (ByteReadChannel) -> T): T =
        exchange.streaming(call, consume)

    /**
     * Sends [call] and returns its server-sent events as a cold flow: nothing is sent until it is collected, a
     * `[DONE]` event ends it, an error event raises [OpenAIStreamException], and cancelling the collector closes
     * the connection. Retried only before the first event is delivered.
     */
    public fun events(call: ApiCall): Flow<ServerSentEvent> = exchange.events(call)

    /** Cancels this client's calls in flight and, unless it was derived with [withOptions], closes its connections. */
    override fun close() {
        exchange.close()
        if (ownsTransport) transport.close()
    }

    override fun toString(): String = "OpenAI(${settings.baseUrl})"

    public companion object {
        /** A client configured with a DSL: `OpenAI { baseUrl = ...; apiKey = ... }`. */
        public operator fun invoke(block: OpenAIConfig.() -> Unit): OpenAI = OpenAI(OpenAIConfig().apply(block))

        /**
         * A client from `OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_ORG_ID` and `OPENAI_PROJECT_ID`, then [block].
         */
        @JvmStatic
        public fun fromEnv(block: OpenAIConfig.() -> Unit = {}): OpenAI = OpenAI(OpenAIConfig.fromEnv().apply(block))
    }
}
