package dev.openai4k

/** Where a failure came from. */
public enum class ErrorKind {
    /** The network: refused, reset, timed out, closed early. */
    TRANSPORT,

    /** A non-2xx status whose body is not an API error (a proxy's HTML page, an empty body). */
    HTTP,

    /** The server answered with an API error body (`{"error": ...}` and its cousins). */
    API,

    /** The server answered, but the body could not be read as expected. */
    DECODE,
}

/**
 * The root of every failure this SDK raises.
 *
 * Fields the server told us are kept ([status], [type], [code], [param], [requestId]) together with a bounded
 * [bodySnippet]. The API key never appears in the message or the snippet.
 */
public open class OpenAIException(
    /** Where the failure came from. */
    public val kind: ErrorKind,
    message: String,
    /** The HTTP status, when a response arrived. */
    public val status: Int? = null,
    /** The provider's error `type` (`invalid_request_error`, ...). */
    public val type: String? = null,
    /** The provider's error `code`, as text even when the server sent a number. */
    public val code: String? = null,
    /** The request parameter the server blamed. */
    public val param: String? = null,
    requestId: String? = null,
    bodySnippet: String? = null,
    cause: Throwable? = null,
) : RuntimeException(message, cause) {
    /**
     * The text [message] is built from. Core rewrites it (with [bodySnippet] and the cause) when the text quotes a
     * secret, whichever layer raised the exception, before it reaches the caller.
     */
    internal var baseMessage: String = message

    /**
     * The `x-request-id` response header, for support tickets: set on every failure that happened after the
     * response headers arrived (a broken or undecodable stream included).
     */
    public var requestId: String? = requestId
        internal set

    /** The first few KiB of the response body (or of the stream event that failed), with secrets redacted. */
    public var bodySnippet: String? = bodySnippet
        internal set

    /** Replaces the constructor's cause when its text quoted a secret: its type and stack, without the words. */
    internal var redactedCause: Throwable? = null

    override val cause: Throwable?
        get() = redactedCause ?: super.cause

    /** How many tries were made before this error was raised (1 when there was no retry). */
    public var attempts: Int = 1
        internal set

    /**
     * The raw slot for what a stream had delivered before it failed, filled in once by the section that read it
     * (through [dev.openai4k.stream.attachPartial]); null for non-streaming calls and when nothing had arrived.
     *
     * Prefer the typed readers: [partial] with a class (`e.partial(ChatCompletion.class)` in Java, `e.partial<T>()`
     * in Kotlin) or a section's named one (`e.partialCompletion` for chat, `e.partialResponse` for responses, ...).
     * Settable so that a subclass or a hand-fed accumulator can fill it; a set value is never overwritten by the SDK.
     */
    public var partial: Any? = null

    /** The text a stream had delivered before it failed, when the section knows it. */
    public var partialText: String? = null

    /**
     * [partial] when it is a [type], else null (also when nothing had arrived): the typed read of what a broken
     * stream had delivered, without a cast. `ChatCompletion c = e.partial(ChatCompletion.class);`
     */
    public fun <T : Any> partial(type: Class<T>): T? {
        val value = partial ?: return null
        return if (type.isInstance(value)) type.cast(value) else null
    }

    internal var retryAfterMillis: Long? = null
    internal var shouldRetryHeader: Boolean? = null

    override val message: String
        get() = if (attempts > 1) "$baseMessage (gave up after $attempts tries)" else baseMessage
}

/**
 * [OpenAIException.partial] when it is a [T], else null: `e.partial<ChatCompletion>()`. From Java use
 * `e.partial(ChatCompletion.class)`.
 */
public inline fun <reified T : Any> OpenAIException.partial(): T? = partial(T::class.javaObjectType)

/** A response with an error status. Subclasses name the common statuses. */
public open class OpenAIStatusException(
    kind: ErrorKind, message: String, status: Int, type: String? = null, code: String? = null, param: String? = null,
    requestId: String? = null, bodySnippet: String? = null,
) : OpenAIException(kind, message, status, type, code, param, requestId, bodySnippet)

/** 400: the request was malformed or had an invalid value. */
public class BadRequestException(
    kind: ErrorKind, message: String, type: String?, code: String?, param: String?, requestId: String?, bodySnippet: String?,
) : OpenAIStatusException(kind, message, 400, type, code, param, requestId, bodySnippet)

/** 401: the key is missing, wrong or revoked. Never retried. */
public class AuthenticationException(
    kind: ErrorKind, message: String, type: String?, code: String?, param: String?, requestId: String?, bodySnippet: String?,
) : OpenAIStatusException(kind, message, 401, type, code, param, requestId, bodySnippet)

/** 403: the key may not do this. */
public class PermissionDeniedException(
    kind: ErrorKind, message: String, type: String?, code: String?, param: String?, requestId: String?, bodySnippet: String?,
) : OpenAIStatusException(kind, message, 403, type, code, param, requestId, bodySnippet)

/** 404: no such model, file, response, ... */
public class NotFoundException(
    kind: ErrorKind, message: String, type: String?, code: String?, param: String?, requestId: String?, bodySnippet: String?,
) : OpenAIStatusException(kind, message, 404, type, code, param, requestId, bodySnippet)

/** 409: a conflicting state. Retried. */
public class ConflictException(
    kind: ErrorKind, message: String, type: String?, code: String?, param: String?, requestId: String?, bodySnippet: String?,
) : OpenAIStatusException(kind, message, 409, type, code, param, requestId, bodySnippet)

/** 422: the request was well formed but could not be processed. */
public class UnprocessableEntityException(
    kind: ErrorKind, message: String, type: String?, code: String?, param: String?, requestId: String?, bodySnippet: String?,
) : OpenAIStatusException(kind, message, 422, type, code, param, requestId, bodySnippet)

/** 429: rate limited or out of quota. Retried, honouring `retry-after`. */
public class RateLimitException(
    kind: ErrorKind, message: String, type: String?, code: String?, param: String?, requestId: String?, bodySnippet: String?,
) : OpenAIStatusException(kind, message, 429, type, code, param, requestId, bodySnippet)

/** 5xx: the server failed. Retried. */
public class InternalServerException(
    kind: ErrorKind, message: String, status: Int, type: String?, code: String?, param: String?, requestId: String?,
    bodySnippet: String?,
) : OpenAIStatusException(kind, message, status, type, code, param, requestId, bodySnippet)

/** The connection could not be made or broke before the exchange finished. */
public open class OpenAIConnectionException(message: String, cause: Throwable? = null) :
    OpenAIException(ErrorKind.TRANSPORT, message, cause = cause)

/** A connect timeout, the deadline of a non-streaming call, or the idle timeout of a stream fired. */
public class OpenAITimeoutException(message: String, cause: Throwable? = null) :
    OpenAIConnectionException(message, cause)

/** The server sent an error inside a stream (`{"error": ...}` data or an `event: error`). */
public class OpenAIStreamException(
    message: String, type: String? = null, code: String? = null, param: String? = null, requestId: String? = null,
    bodySnippet: String? = null,
) : OpenAIException(ErrorKind.API, message, null, type, code, param, requestId, bodySnippet)

/** The server answered, but its body could not be decoded as expected (malformed JSON, too large, ...). */
public open class OpenAIDecodeException(
    message: String, status: Int? = null, requestId: String? = null, bodySnippet: String? = null, cause: Throwable? = null,
) : OpenAIException(ErrorKind.DECODE, message, status, null, null, null, requestId, bodySnippet, cause)
