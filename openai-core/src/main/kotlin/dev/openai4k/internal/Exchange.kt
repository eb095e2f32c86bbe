package dev.openai4k.internal

import dev.openai4k.OpenAIConfig
import dev.openai4k.OpenAIConnectionException
import dev.openai4k.OpenAIDecodeException
import dev.openai4k.OpenAIException
import dev.openai4k.OpenAIJson
import dev.openai4k.OpenAIStatusException
import dev.openai4k.ErrorKind
import dev.openai4k.OpenAITimeoutException
import dev.openai4k.http.ApiBody
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.MultipartForm
import dev.openai4k.http.ServerSentEvent
import dev.openai4k.http.SseParser
import io.ktor.client.network.sockets.ConnectTimeoutException
import io.ktor.client.plugins.HttpRequestTimeoutException
import io.ktor.client.plugins.onUpload
import io.ktor.client.plugins.timeout
import io.ktor.client.request.HttpRequestBuilder
import io.ktor.client.request.forms.ChannelProvider
import io.ktor.client.request.forms.MultiPartFormDataContent
import io.ktor.client.request.forms.formData
import io.ktor.client.request.header
import io.ktor.client.request.prepareRequest
import io.ktor.client.request.setBody
import io.ktor.client.request.url
import io.ktor.client.statement.HttpResponse
import io.ktor.http.ContentType
import io.ktor.http.Headers
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpMethod
import io.ktor.http.URLBuilder
import io.ktor.http.Url
import io.ktor.http.content.TextContent
import io.ktor.http.encodeURLParameter
import io.ktor.http.takeFrom
import io.ktor.utils.io.ByteChannel
import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.availableForRead
import io.ktor.utils.io.writeFully
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import io.ktor.utils.io.jvm.javaio.toByteReadChannel
import io.ktor.utils.io.jvm.javaio.toInputStream
import java.util.zip.GZIPInputStream
import java.util.zip.InflaterInputStream
import io.ktor.utils.io.readAvailable
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Job
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.job
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.isActive
import kotlinx.coroutines.withTimeoutOrNull
import kotlinx.serialization.DeserializationStrategy
import org.slf4j.LoggerFactory
import java.io.ByteArrayOutputStream
import java.io.IOException
import java.net.InetAddress
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicBoolean

private val log = LoggerFactory.getLogger("dev.openai4k.OpenAI")
private const val USER_AGENT = "openai4k/0.1.0 (JVM)"
private const val MAX_ERROR_BODY_BYTES = 64L * 1024
private const val MAX_REDIRECTS = 5
private const val MAX_LOGGED_BODY_CHARS = 8 * 1024

/** Bytes read from a stream at a time: a few dozen chunks per read when the server is ahead of the reader. */
private const val STREAM_READ_BYTES = 32 * 1024
private val DEPLOYMENT_PATHS = listOf("chat/completions", "completions", "embeddings", "audio/", "images/")
private val insecureWarned = AtomicBoolean(false)

/** Marks an exception thrown by the flow's collector, which must pass through untouched and never be retried. */
private class DownstreamException(override val cause: Throwable) : RuntimeException(cause)

/** What one try got to: a try that committed is never sent again, and every failure after the headers names them. */
internal class Progress {
    /**
     * Set once a stream's 2xx headers arrived (the server has begun to generate, and bill, the answer) or a body
     * reached the caller: from then on a failure is raised, never retried.
     */
    var committed = false

    /** The `x-request-id` of the response, once its headers arrived. */
    var requestId: String? = null

    @Volatile
    var headersTimedOut = false
}

/** One client's way of turning an [ApiCall] into an HTTP exchange: URL, headers, retries, timeouts, errors. */
internal class Exchange(private val settings: OpenAIConfig, private val transport: Transport) {
    private val closedSignal = CompletableDeferred<Unit>()
    private val inFlight: MutableSet<Job> = ConcurrentHashMap.newKeySet()
    private val secret = settings.apiKey
    private val secrets = Secrets.of(settings)

    init {
        warnIfKeyInClear()
    }

    fun close() {
        if (closedSignal.complete(Unit)) inFlight.forEach { it.cancel(CancellationException("The OpenAI client was closed")) }
    }

    private val closed get() = closedSignal.isCompleted

    suspend fun <T> json(call: ApiCall, deserializer: DeserializationStrategy<T>): T =
        run(call, streaming = false, accept = "application/json") { response, _ ->
            val bytes = readBounded(bodyOf(response), settings.maxResponseBytes, response)
            if (settings.logBodies && log.isDebugEnabled) log.debug("<-- body {}", loggable(bytes.decodeToString()))
            errorInstead(bytes, deserializer, response)?.let { throw it }
            decode(bytes, deserializer, response)
        }

    suspend fun bytes(call: ApiCall): ByteArray =
        run(call, streaming = false, accept = "*/*") { response, _ ->
            readBounded(bodyOf(response), settings.maxResponseBytes, response)
        }

    suspend fun <T> streaming(call: ApiCall, consume: suspend (ByteReadChannel) -> T): T =
        run(call, streaming = true, accept = "*/*") { response, progress ->
            progress.committed = true
            val declared = declaredLength(response)
            if (declared == null) consume(bodyOf(response)) else consumeChecked(bodyOf(response), declared, consume)
        }

    /**
     * Hands [source] to [consume] through a pipe, then fails if the body ended before its declared length or broke:
     * engines report a body cut short by the peer as a normal end of input, which would silently truncate a download.
     * The consumer first receives every byte that did arrive; the failure is raised once it has read to the end.
     */
    private suspend fun <T> consumeChecked(source: ByteReadChannel, declared: Long, consume: suspend (ByteReadChannel) -> T): T =
        coroutineScope {
            val pipe = ByteChannel()
            var failure: Throwable? = null
            val pump = launch {
                val buffer = ByteArray(8192)
                var total = 0L
                try {
                    while (true) {
                        val n = source.readChunk(buffer)
                        if (n < 0) break
                        total += n
                        pipe.writeFully(buffer, 0, n)
                        pipe.flush()
                    }
                    if (total < declared) {
                        failure = cutShort(total, declared)
                    }
                } catch (e: CancellationException) {
                    throw e
                } catch (e: Throwable) {
                    failure = if (e is java.io.IOException && total < declared) {
                        cutShort(total, declared, e)
                    } else {
                        e
                    }
                } finally {
                    pipe.flushAndClose()
                }
            }
            try {
                val result = consume(pipe)
                if (pipe.isClosedForRead) {
                    pump.join()
                    failure?.let { throw it }
                }
                result
            } finally {
                pump.cancel()
            }
        }

    fun events(call: ApiCall): Flow<ServerSentEvent> = flow {
        val collector = this
        run(call, streaming = true, accept = "text/event-stream") { response, progress ->
            // The server has begun to generate (and bill) the answer: whatever happens next, it is not sent again.
            progress.committed = true
            val requestId = response.headers["x-request-id"]
            val channel = bodyOf(response)
            val pending = ArrayDeque<ServerSentEvent>()
            val parser = SseParser(settings.maxEventBytes) { pending.addLast(it) }
            val buffer = ByteArray(STREAM_READ_BYTES)
            val idle = (call.options.timeout ?: settings.streamIdleTimeout).inWholeMilliseconds
            var first = isJson(response)
            while (true) {
                // The idle timer is armed only when the read has to wait: bytes already received are taken at once.
                val n = if (channel.availableForRead > 0) {
                    channel.readChunk(buffer)
                } else {
                    withTimeoutOrNull(idle) { channel.readChunk(buffer) }
                        ?: throw OpenAITimeoutException("The stream was idle for more than $idle ms")
                }
                if (n < 0) break
                if (first) {
                    first = false
                    // A server that cannot stream this request answers with one JSON body (an error, or the whole result).
                    if (startsWithObject(buffer, n)) throw notAStream(buffer, n, channel, response)
                }
                parser.feed(buffer, 0, n)
                while (pending.isNotEmpty()) {
                    val event = pending.removeFirst()
                    if (isDone(event.data)) return@run
                    val error = errorEnvelope(event.data)
                    if (event.event == "error" || error != null) {
                        // Content sent beside the error (OpenRouter's last chunk) reaches the caller first, so it
                        // travels in the exception's partial result.
                        if (error != null && carriesContent(error)) emitDownstream(collector, event)
                        throw streamException(event.data, error, requestId, secrets)
                    }
                    emitDownstream(collector, event)
                }
            }
        }
    }

    private suspend fun emitDownstream(collector: kotlinx.coroutines.flow.FlowCollector<ServerSentEvent>, event: ServerSentEvent) {
        try {
            collector.emit(event)
        } catch (t: Throwable) {
            throw DownstreamException(t)
        }
    }

    /** Runs [handle] on a successful response, retrying failures that happen before anything was committed. */
    private suspend fun <T> run(
        call: ApiCall,
        streaming: Boolean,
        accept: String,
        handle: suspend (HttpResponse, Progress) -> T,
    ): T {
        val maxRetries = call.options.maxRetries ?: settings.maxRetries
        val replayable = (call.body as? ApiBody.Form)?.form?.replayable ?: true
        val url = urlOf(call)
        var attempt = 0
        while (true) {
            if (closed) throw OpenAIConnectionException("The OpenAI client is closed")
            attempt++
            val progress = Progress()
            val started = System.nanoTime()
            try {
                // Each try runs in its own scope so that closing the client can cancel it whatever the engine.
                return coroutineScope {
                    val job = coroutineContext.job
                    inFlight += job
                    // A stream has no total deadline, and not every engine applies a read timeout while waiting for
                    // the headers: the idle timeout covers that wait here.
                    val watchdog = if (streaming) {
                        launch {
                            delay((call.options.timeout ?: settings.streamIdleTimeout).inWholeMilliseconds)
                            progress.headersTimedOut = true
                            job.cancel()
                        }
                    } else {
                        null
                    }
                    try {
                        if (closed) throw CancellationException("The OpenAI client was closed")
                        attemptOnce(call, url, streaming, accept) { response ->
                            watchdog?.cancel()
                            progress.requestId = response.headers["x-request-id"]
                            handle(response, progress)
                        }
                    } finally {
                        watchdog?.cancel()
                        inFlight -= job
                    }
                }
            } catch (t: Throwable) {
                if (t is DownstreamException) {
                    // A section's decoder failing on an event quotes the event: redact it like core's own errors.
                    (t.cause as? OpenAIException)?.let { e ->
                        secrets.scrub(e)
                        if (e.requestId == null) e.requestId = progress.requestId
                    }
                    throw t.cause
                }
                val error = if (progress.headersTimedOut) {
                    OpenAITimeoutException(
                        "No response within ${(call.options.timeout ?: settings.streamIdleTimeout).inWholeMilliseconds} ms (${call.method} /${call.path})",
                        t,
                    )
                } else {
                    translate(t, call)
                }
                secrets.scrub(error)
                if (error.requestId == null) error.requestId = progress.requestId
                val elapsed = (System.nanoTime() - started) / 1_000_000
                // A closed client is not a failure to retry (nor to log as one).
                val retry = !closed && !progress.committed && replayable && attempt <= maxRetries && isRetryable(error)
                if (!retry) {
                    error.attempts = attempt
                    log.debug("<-- {} /{} failed after {} ms on try {}: {}", call.method, call.path, elapsed, attempt, error.message)
                    throw error
                }
                val wait = retryDelayMillis(attempt, error.retryAfterMillis)
                log.info(
                    "Retrying {} /{} in {} ms (retry {} of {}) after: {}",
                    call.method, call.path, wait, attempt, maxRetries, error.message,
                )
                if (withTimeoutOrNull(wait) { closedSignal.await() } != null) {
                    throw OpenAIConnectionException("The OpenAI client is closed")
                }
            }
        }
    }

    private suspend fun <T> attemptOnce(
        call: ApiCall,
        url: String,
        streaming: Boolean,
        accept: String,
        handle: suspend (HttpResponse) -> T,
    ): T {
        if (streaming) return send(call, url, streaming = true, accept, handle)
        val deadline = (call.options.timeout ?: settings.timeout).inWholeMilliseconds
        val boxed = withTimeoutOrNull(deadline) { Box(send(call, url, streaming = false, accept, handle)) }
            ?: throw OpenAITimeoutException("The request timed out after $deadline ms")
        return boxed.value
    }

    private class Box<T>(val value: T)

    /** One try: sends the request, follows redirects (dropping credentials on a change of host), hands over the response. */
    private suspend fun <T> send(
        call: ApiCall,
        url: String,
        streaming: Boolean,
        accept: String,
        handle: suspend (HttpResponse) -> T,
    ): T {
        var target = url
        var method = call.method
        var withBody = true
        var credentials = true
        val originHost = Url(url).let { it.host to it.port }
        repeat(MAX_REDIRECTS + 1) { hop ->
            val started = System.nanoTime()
            val statement = transport.http.prepareRequest {
                url(target)
                this.method = HttpMethod.parse(method.name)
                setup(call, streaming, accept, credentials, withBody)
            }
            val outcome: Any? = statement.execute { response ->
                run {
                    val status = response.status.value
                    log.debug(
                        "<-- {} {} {} ({} ms)", method, redactUrl(target), status, (System.nanoTime() - started) / 1_000_000,
                    )
                    val location = response.headers[HttpHeaders.Location]
                    if (status in REDIRECTS && location != null) {
                        if (hop == MAX_REDIRECTS) {
                            throw OpenAIStatusException(
                                ErrorKind.HTTP,
                                "Too many redirects (more than $MAX_REDIRECTS); the last was $status to ${redactUrl(location)}",
                                status,
                                requestId = response.headers["x-request-id"],
                            )
                        }
                        return@execute Redirect(URLBuilder(target).takeFrom(location).buildString(), status)
                    }
                    if (status !in 200..299) throw errorOf(response)
                    Done(handle(response))
                }
            }
            when (outcome) {
                is Redirect -> {
                    target = outcome.url
                    val next = Url(target)
                    if ((next.host to next.port) != originHost) credentials = false
                    if (outcome.status == 303 || (outcome.status in 301..302 && method == ApiMethod.POST)) {
                        method = ApiMethod.GET
                        withBody = false
                    }
                }
                is Done<*> -> {
                    @Suppress("UNCHECKED_CAST")
                    return outcome.value as T
                }
            }
        }
        error("unreachable: the last hop either answers or raises")
    }

    private class Redirect(val url: String, val status: Int)
    private class Done<T>(val value: T)

    private fun HttpRequestBuilder.setup(
        call: ApiCall,
        streaming: Boolean,
        accept: String,
        credentials: Boolean,
        withBody: Boolean,
    ) {
        timeout {
            connectTimeoutMillis = settings.connectTimeout.inWholeMilliseconds
            if (streaming) {
                requestTimeoutMillis = io.ktor.client.plugins.HttpTimeoutConfig.INFINITE_TIMEOUT_MS
                socketTimeoutMillis = (call.options.timeout ?: settings.streamIdleTimeout).inWholeMilliseconds
            } else {
                requestTimeoutMillis = io.ktor.client.plugins.HttpTimeoutConfig.INFINITE_TIMEOUT_MS
                socketTimeoutMillis = (call.options.timeout ?: settings.timeout).inWholeMilliseconds
            }
        }
        header(HttpHeaders.UserAgent, USER_AGENT)
        header(HttpHeaders.Accept, accept)
        if (credentials) {
            if (secret.isNotEmpty()) {
                if (settings.azure != null) header("api-key", secret) else header(HttpHeaders.Authorization, "Bearer $secret")
            }
            settings.organization?.let { header("OpenAI-Organization", it) }
            settings.project?.let { header("OpenAI-Project", it) }
        }
        settings.headers.forEach { (k, v) -> header(k, v) }
        call.headers.forEach { (k, v) -> headers[k] = v }
        call.options.headers.forEach { (k, v) -> headers[k] = v }
        if (!withBody) return
        when (val body = call.body) {
            null -> {}
            is ApiBody.Json -> {
                val text = body.element.toString()
                if (settings.logBodies && log.isDebugEnabled) log.debug("--> body {}", loggable(text))
                setBody(TextContent(text, ContentType.Application.Json))
            }
            is ApiBody.Form -> setBody(multipartOf(body.form))
        }
        call.uploadProgress?.let { listener -> onUpload { sent, total -> listener.onProgress(sent, total ?: -1) } }
    }

    private fun multipartOf(form: MultipartForm) = MultiPartFormDataContent(
        formData {
            for (part in form.parts) {
                when (part) {
                    is MultipartForm.Field -> append(part.name, part.value)
                    is MultipartForm.File -> {
                        val source = part.source
                        val headers = Headers.build {
                            append(HttpHeaders.ContentType, source.contentType)
                            append(HttpHeaders.ContentDisposition, "filename=\"${source.filename.replace("\"", "\\\"")}\"")
                        }
                        val size = source.length.takeIf { it >= 0 }
                        append(part.name, ChannelProvider(size) { source.open().toByteReadChannel() }, headers)
                    }
                }
            }
        },
    )

    private fun urlOf(call: ApiCall): String {
        val azure = settings.azure
        val base = if (azure != null) {
            val root = azure.endpoint.trimEnd('/') + "/openai"
            val scoped = DEPLOYMENT_PATHS.any { call.path.encoded == it.trimEnd('/') || call.path.encoded.startsWith(it) }
            if (scoped) root + "/deployments/" + dev.openai4k.http.percentEncode(azure.deployment) else root
        } else {
            settings.baseUrl.trimEnd('/')
        }
        val sb = StringBuilder(base).append('/').append(call.path.encoded)
        var first = !base.contains('?')
        fun add(name: String, value: String) {
            sb.append(if (first) '?' else '&').append(name.encodeURLParameter()).append('=').append(value.encodeURLParameter())
            first = false
        }
        settings.queryParams.forEach { (k, v) -> add(k, v) }
        azure?.let { add("api-version", it.apiVersion) }
        call.query.forEach { (k, v) -> if (v != null) add(k, v) }
        call.options.query.forEach { (k, v) -> add(k, v) }
        return sb.toString()
    }

    private suspend fun errorOf(response: HttpResponse): OpenAIException {
        val status = response.status.value
        val body = try {
            readBounded(bodyOf(response), MAX_ERROR_BODY_BYTES, response, truncate = true).decodeToString()
        } catch (e: IOException) {
            ""
        } catch (e: OpenAIException) {
            ""
        }
        val error = statusException(status, body, response.headers["x-request-id"], secrets)
        error.retryAfterMillis = parseRetryAfter(response.headers["retry-after-ms"], response.headers["retry-after"])
        error.shouldRetryHeader = when (response.headers["x-should-retry"]?.trim()?.lowercase()) {
            "true" -> true
            "false" -> false
            else -> null
        }
        return error
    }

    private fun isRetryable(error: OpenAIException): Boolean {
        error.shouldRetryHeader?.let { return it }
        if (error is OpenAIStatusException) {
            val s = error.status ?: return false
            return s == 408 || s == 409 || s == 429 || s >= 500
        }
        return error is OpenAIConnectionException
    }

    /** An OpenAIException wrapped by the engine's channel machinery (a failure raised by our own pump). */
    private fun causeOf(t: Throwable): OpenAIException? =
        generateSequence(t.cause) { it.cause.takeIf { c -> c !== it } }.take(8).firstOrNull { it is OpenAIException } as OpenAIException?

    private fun isTimeout(t: Throwable): Boolean =
        generateSequence(t) { it.cause.takeIf { c -> c !== it } }.take(8).any {
            it is HttpRequestTimeoutException || it is ConnectTimeoutException || it is java.net.SocketTimeoutException ||
                it is io.ktor.client.network.sockets.SocketTimeoutException || it is java.net.http.HttpTimeoutException
        }

    private suspend fun translate(t: Throwable, call: ApiCall): OpenAIException = when {
        t is OpenAIException -> t
        t !is CancellationException && causeOf(t) != null -> causeOf(t)!!
        t !is CancellationException && isTimeout(t) ->
            OpenAITimeoutException("Timed out: ${describe(t)} (${call.method} /${call.path})", t)
        t is CancellationException -> {
            // Our own coroutine being cancelled is not a failure: let it through. Anything else cancelled under
            // us (the client closed, the connection's job torn down) is.
            if (closed) {
                OpenAIConnectionException("The OpenAI client was closed during ${call.method} /${call.path}", t)
            } else if (!currentCoroutineContext().isActive) {
                throw t
            } else {
                OpenAIConnectionException("The connection was cancelled: ${describe(t)}", t)
            }
        }
        t is kotlinx.serialization.SerializationException ->
            OpenAIDecodeException("Could not decode the response: ${describe(t)}", cause = t)
        else -> OpenAIConnectionException(
            "Connection failed (${call.method} /${call.path}): ${describe(t)}",
            t,
        )
    }

    private fun describe(t: Throwable): String = secrets.redact("${t::class.simpleName}: ${t.message ?: ""}".trimEnd(' ', ':'))

    private fun <T> decode(bytes: ByteArray, deserializer: DeserializationStrategy<T>, response: HttpResponse): T = try {
        OpenAIJson.decodeFromString(deserializer, bytes.decodeToString())
    } catch (e: Exception) {
        val text = bytes.decodeToString()
        throw OpenAIDecodeException(
            "Could not decode the ${response.status.value} response as ${deserializer.descriptor.serialName}: " +
                secrets.redact(e.message?.lineSequence()?.firstOrNull() ?: e.toString()),
            status = response.status.value,
            requestId = response.headers["x-request-id"],
            bodySnippet = secrets.redact(snippetOf(text)),
            // The parser's own message quotes the body, which may echo the key: keep its stack, not its words.
            cause = RedactedCause(e, secrets),
        )
    }

    private suspend fun readBounded(
        channel: ByteReadChannel,
        max: Long,
        response: HttpResponse,
        truncate: Boolean = false,
    ): ByteArray {
        val declared = declaredLength(response)
        if (!truncate && declared != null && declared > max) {
            throw OpenAIDecodeException(
                "The response body ($declared bytes) exceeds the limit of $max bytes",
                status = response.status.value, requestId = response.headers["x-request-id"],
            )
        }
        val out = ByteArrayOutputStream(declared?.toInt()?.coerceIn(0, 1 shl 20) ?: 8192)
        val buffer = ByteArray(8192)
        var total = 0L
        while (true) {
            val n = try {
                channel.readChunk(buffer)
            } catch (e: IOException) {
                // java.net.http reports a body cut short itself; say it the same way whatever the engine.
                if (!truncate && declared != null && total < declared) {
                    throw cutShort(total, declared, e)
                }
                throw e
            }
            if (n < 0) break
            total += n
            if (total > max) {
                if (truncate) {
                    out.write(buffer, 0, (n - (total - max)).toInt())
                    break
                }
                throw OpenAIDecodeException(
                    "The response body exceeds the limit of $max bytes",
                    status = response.status.value, requestId = response.headers["x-request-id"],
                )
            }
            out.write(buffer, 0, n)
        }
        if (!truncate && declared != null && total < declared) {
            // CIO reports a body cut short by the peer as a normal end of input; it is a broken connection.
            throw cutShort(total, declared)
        }
        return out.toByteArray()
    }

    /** The body length the server declared, or null when unknown or when it counts encoded (compressed) bytes. */
    private fun declaredLength(response: HttpResponse): Long? =
        if (contentEncoding(response) != null) null else response.headers[HttpHeaders.ContentLength]?.toLongOrNull()

    private fun contentEncoding(response: HttpResponse): String? =
        response.headers[HttpHeaders.ContentEncoding]?.trim()?.lowercase()?.takeIf { it.isNotEmpty() && it != "identity" }

    /**
     * The response body, decompressed when the server sent it gzip- or deflate-encoded without being asked (proxies do).
     * Decompression runs on the IO dispatcher; a corrupt encoding raises [OpenAIDecodeException].
     */
    @OptIn(io.ktor.utils.io.InternalAPI::class)
    private suspend fun bodyOf(response: HttpResponse): ByteReadChannel {
        // The engine's own channel: `bodyAsChannel()` pumps it into a copy that is cancelled, unread bytes and all,
        // the moment the connection breaks, which would lose the events that arrived before the break.
        val raw = response.rawContent
        val encoding = contentEncoding(response) ?: return raw
        if (encoding !in setOf("gzip", "x-gzip", "deflate")) {
            throw OpenAIDecodeException("Unsupported Content-Encoding: $encoding", status = response.status.value)
        }
        val out = ByteChannel()
        response.launch(Dispatchers.IO) {
            try {
                val input = raw.toInputStream()
                val stream = if (encoding == "deflate") InflaterInputStream(input) else GZIPInputStream(input)
                stream.use {
                    val buffer = ByteArray(8192)
                    while (true) {
                        val n = it.read(buffer)
                        if (n < 0) break
                        out.writeFully(buffer, 0, n)
                        out.flush()
                    }
                }
                out.flushAndClose()
            } catch (e: CancellationException) {
                out.cancel(e)
            } catch (e: Throwable) {
                out.cancel(OpenAIDecodeException("Could not decode the $encoding-encoded body: ${e.message}", status = response.status.value, cause = e))
            }
        }
        return out
    }

    private fun warnIfKeyInClear() {
        if (secret.isEmpty() || settings.azure != null) return
        val url = try { Url(settings.baseUrl) } catch (_: Exception) { return }
        if (url.protocol.name != "http") return
        val loopback = url.host == "localhost" || try {
            InetAddress.getByName(url.host).isLoopbackAddress
        } catch (_: Exception) {
            false
        }
        if (!loopback && insecureWarned.compareAndSet(false, true)) {
            log.warn("An API key is being sent over plain http:// to {}; use https:// for anything but loopback", url.host)
        }
    }

    private fun redactUrl(url: String): String = secrets.redact(url)

    /** A body for the debug log: secrets redacted, at most [MAX_LOGGED_BODY_CHARS] characters. */
    private fun loggable(text: String): String {
        val shown = if (text.length <= MAX_LOGGED_BODY_CHARS) text else text.take(MAX_LOGGED_BODY_CHARS) + "... (${text.length - MAX_LOGGED_BODY_CHARS} more characters)"
        return secrets.redact(shown)
    }

    private fun isJson(response: HttpResponse): Boolean =
        response.headers[HttpHeaders.ContentType]?.contains("json", ignoreCase = true) == true

    /**
     * The failure for a stream request answered with one JSON body instead of events: the API error it carries, or,
     * for a whole result, a decode error that says so. [head] holds the first [n] bytes already read.
     */
    private suspend fun notAStream(head: ByteArray, n: Int, rest: ByteReadChannel, response: HttpResponse): OpenAIException {
        val out = ByteArrayOutputStream(n).apply { write(head, 0, n) }
        out.write(readBounded(rest, settings.maxResponseBytes - n, response, truncate = true))
        val text = out.toByteArray().decodeToString()
        val requestId = response.headers["x-request-id"]
        val root = try {
            OpenAIJson.parseToJsonElement(text) as? kotlinx.serialization.json.JsonObject
        } catch (_: Exception) {
            null
        }
        // An error object: `{"error": ...}` (non-null), or a dialect without the wrapper (`detail`, `"object": "error"`).
        val reportsError = root != null && (
            root["error"].let { it != null && it !is kotlinx.serialization.json.JsonNull } ||
                root.containsKey("detail") || (root["object"] as? kotlinx.serialization.json.JsonPrimitive)?.content == "error"
            )
        val fields = if (reportsError) errorFieldsOf(root!!) else null
        if (fields != null) {
            return dev.openai4k.OpenAIStreamException(
                secrets.redact("stream error: the server answered with a JSON error instead of a stream: ${fields.message}"),
                fields.type, fields.code, fields.param, requestId, secrets.redact(snippetOf(text)),
            )
        }
        return OpenAIDecodeException(
            "The server answered the streaming request with one JSON body (${response.headers[HttpHeaders.ContentType]}) " +
                "instead of an event stream; it may not support streaming this request",
            status = response.status.value,
            requestId = requestId,
            bodySnippet = secrets.redact(snippetOf(text)),
        )
    }

    /**
     * The error a 2xx JSON body reports instead of the result (`{"error": {...}}`), or null. A result type that has an
     * `error` field of its own (a failed Response, a fine-tuning job) is an error body only without `id` and `object`.
     */
    private fun errorInstead(bytes: ByteArray, deserializer: DeserializationStrategy<*>, response: HttpResponse): OpenAIException? {
        val text = bytes.decodeToString()
        val root = errorEnvelope(text) ?: return null
        if (root["error"] == null) return null // `"type": "error"` alone is a stream dialect, not a body's
        val descriptor = deserializer.descriptor
        val ownField = descriptor.kind == kotlinx.serialization.descriptors.StructureKind.CLASS &&
            descriptor.getElementIndex("error") != kotlinx.serialization.encoding.CompositeDecoder.UNKNOWN_NAME
        if (ownField && (root.containsKey("id") || root.containsKey("object"))) return null
        return errorIn2xx(response.status.value, text, root, response.headers["x-request-id"], secrets)
    }

    private companion object {
        val REDIRECTS = setOf(301, 302, 303, 307, 308)
    }
}

/**
 * Reads what is available into [buffer]; -1 at the end. A channel that was closed with a cause (a failed decompression,
 * say) also reads as -1, so the cause is rethrown here instead of passing for a normal end.
 */
internal suspend fun ByteReadChannel.readChunk(buffer: ByteArray): Int {
    val n = readAvailable(buffer, 0, buffer.size)
    if (n < 0) closedCause?.let { throw it }
    return n
}

/** A body that ended (or broke) before its declared length: said the same way on every engine. */
private fun cutShort(received: Long, declared: Long, cause: Throwable? = null) =
    OpenAIConnectionException("The connection closed after $received of $declared body bytes", cause)

/** Whether an SSE data payload is the `[DONE]` sentinel; some servers pad it with spaces. */
internal fun isDone(data: String): Boolean = data == "[DONE]" || (data.length <= 16 && data.trim() == "[DONE]")

/** Whether the first non-blank byte of the first [n] bytes of [buffer] opens a JSON object. */
private fun startsWithObject(buffer: ByteArray, n: Int): Boolean {
    for (i in 0 until n) {
        val b = buffer[i].toInt().toChar()
        if (!b.isWhitespace()) return b == '{'
    }
    return false
}
