package dev.openai4k

import kotlin.time.Duration

/**
 * Per-call overrides: extra headers and query parameters, a timeout and a retry budget.
 * Build with [requestOptions] in Kotlin or [RequestOptions.builder] in Java.
 */
public class RequestOptions private constructor(
    /** Headers added to (or replacing) the client's for this call. */
    public val headers: Map<String, String>,
    /** Query parameters added to this call. */
    public val query: Map<String, String>,
    /** Overrides the client's timeout (non-streaming) or idle timeout (streaming) for this call. */
    public val timeout: Duration?,
    /** Overrides the client's retry budget for this call. */
    public val maxRetries: Int?,
) {
    /** Builds [RequestOptions]. */
    public class Builder {
        private val headers = linkedMapOf<String, String>()
        private val query = linkedMapOf<String, String>()

        /** See [RequestOptions.timeout]. */
        public var timeout: Duration? = null

        /** See [RequestOptions.maxRetries]. */
        public var maxRetries: Int? = null

        /** Adds a header. */
        public fun header(name: String, value: String): Builder = apply { headers[name] = value }

        /** Adds a query parameter. */
        public fun query(name: String, value: String): Builder = apply { query[name] = value }

        /** Sets the timeout from a `java.time.Duration`. */
        public fun timeout(timeout: java.time.Duration): Builder = apply {
            this.timeout = kotlin.time.Duration.parseIsoString(timeout.toString())
        }

        /** Sets the retry budget. */
        public fun maxRetries(maxRetries: Int): Builder = apply {
            require(maxRetries >= 0) { "maxRetries must be >= 0, was $maxRetries" }
            this.maxRetries = maxRetries
        }

        /** The options. */
        public fun build(): RequestOptions = RequestOptions(headers.toMap(), query.toMap(), timeout, maxRetries)
    }

    override fun toString(): String =
        "RequestOptions(headers=${headers.keys}, query=${query.keys}, timeout=$timeout, maxRetries=$maxRetries)"

    public companion object {
        /** No overrides. */
        @JvmField
        public val NONE: RequestOptions = RequestOptions(emptyMap(), emptyMap(), null, null)

        /** A Java-style builder. */
        @JvmStatic
        public fun builder(): Builder = Builder()
    }
}

/** Builds [RequestOptions] with a Kotlin DSL: `requestOptions { header("X-Trace", id); timeout = 5.seconds }`. */
public fun requestOptions(block: RequestOptions.Builder.() -> Unit): RequestOptions =
    RequestOptions.Builder().apply(block).build()
