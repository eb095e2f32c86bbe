package dev.openai4k

import io.ktor.client.engine.HttpClientEngine
import kotlin.time.Duration
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

/**
 * Everything a client needs to reach a server: where, as whom, and how patiently.
 *
 * Built with the `OpenAI { ... }` DSL or [OpenAIConfig.fromEnv]; mutable while it is being built,
 * copied when a client is created, so later changes do not affect a live client.
 * [toString] never shows the API key.
 */
public class OpenAIConfig {
    /** The API root; a trailing slash is tolerated and a path is kept (`http://host/openai/v1`). */
    public var baseUrl: String = DEFAULT_BASE_URL

    /** The API key sent as `Authorization: Bearer ...`; empty means no `Authorization` header (local servers). */
    public var apiKey: String = ""

    /** Sent as `OpenAI-Organization` when set. */
    public var organization: String? = null

    /** Sent as `OpenAI-Project` when set. */
    public var project: String? = null

    /** Headers added to every request. */
    public val headers: MutableMap<String, String> = linkedMapOf()

    /** Query parameters added to every request. */
    public val queryParams: MutableMap<String, String> = linkedMapOf()

    /** Deadline for a whole non-streaming exchange, retries excluded (each try gets the full deadline). */
    public var timeout: Duration = 10.minutes

    /** How long to wait for a TCP (and TLS) connection. */
    public var connectTimeout: Duration = 10.seconds

    /** For a stream: the longest silence allowed between two reads. A healthy stream of any length is never cut. */
    public var streamIdleTimeout: Duration = 10.minutes

    /** How many times a failed request is retried (so `maxRetries + 1` tries at most). */
    public var maxRetries: Int = 2

    /** The model used by helpers and sessions when none is named. */
    public var defaultModel: String? = null

    /** Log request and response bodies at debug level (headers that carry keys are always redacted). */
    public var logBodies: Boolean = false

    /** Upper bound on a non-streaming response body, in bytes; larger bodies raise a decode error. */
    public var maxResponseBytes: Long = 256L * 1024 * 1024

    /** Upper bound on one server-sent-event line or event, in bytes; larger ones raise a decode error. */
    public var maxEventBytes: Int = 8 * 1024 * 1024

    /**
     * Most connections open at once (per host as well), on both built-in engines; a call beyond it waits for a free
     * one (the wait counts against its timeout). High enough that a burst of streams never waits.
     */
    public var maxConnections: Int = 4096

    /**
     * Turns off TLS certificate verification (CIO: certificates and host names; JAVA: certificates only, as
     * java.net.http checks host names unless the JVM-wide `jdk.internal.httpclient.disableHostnameVerification`
     * property is set). For a lab server with a self-signed certificate, never in production: anyone on the path
     * can then read the key. Logged as a warning every time a client is created with it.
     */
    public var dangerouslyDisableTlsVerification: Boolean = false

    /** Azure OpenAI settings; when set, paths and authentication follow Azure's scheme. */
    public var azure: AzureConfig? = null

    /**
     * Which built-in HTTP engine carries requests when no [engine] is injected. See [HttpEngine] for the trade-offs.
     */
    public var httpEngine: HttpEngine = HttpEngine.DEFAULT

    /**
     * An HTTP engine to use instead of the built-in ones (say, Ktor's OkHttp engine). The caller owns it: closing the client does not close it.
     * Any Ktor [HttpClientEngine] works, `MockEngine` included.
     */
    public var engine: HttpClientEngine? = null

    /** Configures the Azure OpenAI mode. */
    public fun azure(endpoint: String, deployment: String, apiVersion: String = AzureConfig.DEFAULT_API_VERSION) {
        azure = AzureConfig(endpoint, deployment, apiVersion)
    }

    /** A field-by-field copy. */
    public fun copy(): OpenAIConfig {
        val c = OpenAIConfig()
        c.baseUrl = baseUrl
        c.apiKey = apiKey
        c.organization = organization
        c.project = project
        c.headers.putAll(headers)
        c.queryParams.putAll(queryParams)
        c.timeout = timeout
        c.connectTimeout = connectTimeout
        c.streamIdleTimeout = streamIdleTimeout
        c.maxRetries = maxRetries
        c.defaultModel = defaultModel
        c.logBodies = logBodies
        c.maxResponseBytes = maxResponseBytes
        c.maxEventBytes = maxEventBytes
        c.maxConnections = maxConnections
        c.azure = azure
        c.engine = engine
        c.httpEngine = httpEngine
        c.dangerouslyDisableTlsVerification = dangerouslyDisableTlsVerification
        return c
    }

    override fun toString(): String =
        "OpenAIConfig(baseUrl=$baseUrl, apiKey=${if (apiKey.isEmpty()) "<none>" else "<redacted>"}, " +
            "organization=$organization, project=$project, timeout=$timeout, connectTimeout=$connectTimeout, " +
            "streamIdleTimeout=$streamIdleTimeout, maxRetries=$maxRetries, defaultModel=$defaultModel, azure=$azure" +
            (if (dangerouslyDisableTlsVerification) ", TLS VERIFICATION DISABLED)" else ")")

    public companion object {
        /** OpenAI's own API root. */
        public const val DEFAULT_BASE_URL: String = "https://api.openai.com/v1"

        /**
         * A config from the environment: `OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_ORG_ID`, `OPENAI_PROJECT_ID`.
         * Unset variables leave the defaults.
         */
        @JvmStatic
        public fun fromEnv(env: (String) -> String? = System::getenv): OpenAIConfig = OpenAIConfig().apply {
            env("OPENAI_API_KEY")?.takeIf { it.isNotBlank() }?.let { apiKey = it.trim() }
            env("OPENAI_BASE_URL")?.takeIf { it.isNotBlank() }?.let { baseUrl = it.trim() }
            env("OPENAI_ORG_ID")?.takeIf { it.isNotBlank() }?.let { organization = it.trim() }
            env("OPENAI_PROJECT_ID")?.takeIf { it.isNotBlank() }?.let { project = it.trim() }
        }
    }
}

/**
 * The built-in HTTP engines. Both are supported and tested in CI; switching is one line,
 * `httpEngine = HttpEngine.CIO` (plus the optional `io.ktor:ktor-client-cio-jvm` jar for CIO). The default is [JAVA]:
 * it keeps connections alive for POST (CIO does not) and in `openai-bench` it carried 1,000 concurrent streams without
 * a failure on fewer threads; see BENCHMARKS.md.
 */
public enum class HttpEngine {
    /**
     * Ktor's CIO engine: pure Kotlin, coroutine-native. It opens a new connection for every POST (it reuses them only
     * for pipelined GETs), which costs a TLS handshake per call against a remote server. Needs
     * `io.ktor:ktor-client-cio-jvm` on the classpath (an optional dependency of openai-core); without it the client
     * fails when built, naming it. CIO cannot skip an interim `100 Continue` or `103 Early Hints` a server sends before
     * its answer: such a call fails with an [OpenAIConnectionException] that says so (not retried, since the server
     * has the request) and its connection is closed. [JAVA] skips interim answers.
     */
    CIO,

    /**
     * The JDK's `java.net.http` client, through this SDK's own Ktor engine: HTTP/1.1 over TLS and plain `http://`
     * alike, as the official Python and Node SDKs, with a pool of keep-alive connections for every method (one per
     * call in flight, at most [OpenAIConfig.maxConnections]; java.net.http's HTTP/2 fails calls past a server's limit
     * on concurrent streams instead of opening another connection, and its h2c upgrade breaks servers such as vLLM and
     * LM Studio), a selector thread and 2-4 pool threads per client, and nothing lost when a stream breaks (every byte that arrived is read
     * before the failure is raised). Adds nothing to the classpath beyond the JDK. (Ktor's own Java engine is not
     * used: it discards unread body bytes when the connection breaks; inject it with [OpenAIConfig.engine] if wanted.)
     */
    JAVA,
    ;

    public companion object {
        /** The engine used when none is chosen: [JAVA]. */
        @JvmField
        public val DEFAULT: HttpEngine = JAVA
    }
}

/**
 * Azure OpenAI: requests go to `{endpoint}/openai/deployments/{deployment}/...?api-version=...`
 * (or `{endpoint}/openai/...` for endpoints that are not per deployment), and the key travels as `api-key`.
 */
public data class AzureConfig(
    /** The resource endpoint, e.g. `https://my-resource.openai.azure.com`. */
    val endpoint: String,
    /** The deployment name that stands in for the model. */
    val deployment: String,
    /** The `api-version` query parameter. */
    val apiVersion: String = DEFAULT_API_VERSION,
) {
    public companion object {
        /** The API version used when none is given. */
        public const val DEFAULT_API_VERSION: String = "2024-10-21"
    }
}
