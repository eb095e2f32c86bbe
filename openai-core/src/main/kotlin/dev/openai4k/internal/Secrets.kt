package dev.openai4k.internal

import dev.openai4k.OpenAIConfig
import dev.openai4k.OpenAIException

/**
 * The secrets one client sends (its API key, which is also Azure's `api-key`, and the values of credential headers
 * and query parameters the user added) and the one way to keep them out of every text the SDK produces: servers and
 * proxies sometimes echo what they were sent, into error bodies, stream events and parser messages.
 */
internal class Secrets private constructor(private val values: List<String>) {
    /** [text] with every secret replaced by `<redacted>`. */
    fun redact(text: String): String {
        var out = text
        for (secret in values) if (out.contains(secret)) out = out.replace(secret, REDACTED)
        return out
    }

    /** A body for the debug log: redacted, and cut to [MAX_LOGGED_BODY_CHARS] characters. */
    fun loggable(text: String): String {
        val shown = if (text.length <= MAX_LOGGED_BODY_CHARS) {
            text
        } else {
            text.take(MAX_LOGGED_BODY_CHARS) + "... (${text.length - MAX_LOGGED_BODY_CHARS} more characters)"
        }
        return redact(shown)
    }

    fun contains(text: String?): Boolean = text != null && values.any { text.contains(it) }

    /**
     * Rewrites [e] in place so that no secret shows in its message, snippet, cause chain or suppressed exceptions,
     * whichever layer raised it (a section's stream decoder quotes the raw event it could not read). A cause whose
     * text quotes a secret is replaced by a [RedactedCause] that keeps its type and stack.
     */
    fun scrub(e: OpenAIException): OpenAIException {
        if (values.isEmpty()) return e
        scrubOnce(e, HashSet())
        return e
    }

    private fun scrubOnce(e: OpenAIException, seen: MutableSet<Throwable>) {
        if (!seen.add(e)) return
        if (contains(e.baseMessage)) e.baseMessage = redact(e.baseMessage)
        e.bodySnippet?.let { if (contains(it)) e.bodySnippet = redact(it) }
        val cause = e.cause
        if (cause != null && cause !== e) {
            if (cause is OpenAIException) scrubOnce(cause, seen) else if (chainQuotes(cause)) e.redactedCause = RedactedCause(cause, this)
        }
        for (s in e.suppressed) if (s is OpenAIException) scrubOnce(s, seen)
    }

    private fun chainQuotes(t: Throwable): Boolean =
        generateSequence(t) { c -> c.cause.takeIf { it !== c } }.take(MAX_CHAIN).any { contains(it.message) || contains(it.toString()) }

    companion object {
        const val REDACTED = "<redacted>"
        const val MAX_LOGGED_BODY_CHARS = 8 * 1024
        private const val MAX_CHAIN = 16
        private val SECRET_HEADERS = setOf("authorization", "proxy-authorization", "api-key", "x-api-key", "x-goog-api-key", "cookie")
        private val SECRET_PARAMS = setOf("key", "api-key", "api_key", "apikey", "token", "access_token", "sig")

        /** Secrets shorter than this are not redacted: replacing "ab" everywhere would garble every message. */
        private const val MIN_LENGTH = 4

        fun of(config: OpenAIConfig): Secrets {
            val found = LinkedHashSet<String>()
            found += config.apiKey
            config.headers.forEach { (name, value) ->
                if (name.lowercase() in SECRET_HEADERS) {
                    found += value
                    found += value.substringAfter(' ', "") // the credential of "Bearer xyz" alone
                }
            }
            config.queryParams.forEach { (name, value) -> if (name.lowercase() in SECRET_PARAMS) found += value }
            // Longest first, so that a key containing another secret is replaced whole.
            return Secrets(found.map { it.trim() }.filter { it.length >= MIN_LENGTH }.sortedByDescending { it.length })
        }
    }
}

/** A failure's type and stack with its message (and its causes' messages) redacted, for a cause that quotes a body. */
internal class RedactedCause(original: Throwable, secrets: Secrets, depth: Int = 0) :
    RuntimeException("${original::class.qualifiedName}: ${secrets.redact(original.message ?: "")}") {
    private val next: Throwable? =
        original.cause?.takeIf { it !== original && depth < 16 }?.let { RedactedCause(it, secrets, depth + 1) }

    init {
        stackTrace = original.stackTrace
    }

    override val cause: Throwable? get() = next
}
