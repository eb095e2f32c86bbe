package dev.openai4k.internal

import dev.openai4k.OpenAIConfig
import dev.openai4k.http.ApiBody
import dev.openai4k.http.ApiCall
import dev.openai4k.http.MultipartForm
import dev.openai4k.http.percentEncode
import io.ktor.client.plugins.HttpTimeoutConfig
import io.ktor.client.plugins.onUpload
import io.ktor.client.plugins.timeout
import io.ktor.client.request.HttpRequestBuilder
import io.ktor.client.request.forms.ChannelProvider
import io.ktor.client.request.forms.MultiPartFormDataContent
import io.ktor.client.request.forms.formData
import io.ktor.client.request.header
import io.ktor.client.request.setBody
import io.ktor.http.ContentType
import io.ktor.http.Headers
import io.ktor.http.HttpHeaders
import io.ktor.http.Url
import io.ktor.http.content.TextContent
import io.ktor.http.encodeURLParameter
import io.ktor.utils.io.jvm.javaio.toByteReadChannel
import java.net.InetAddress
import java.util.concurrent.atomic.AtomicBoolean

private const val USER_AGENT = "openai4k/0.1.0 (JVM)"
private const val ENGINE_TIMEOUT_SLACK_MS = 500L
private val insecureWarned = AtomicBoolean(false)

/**
 * The third stage: what goes on the wire for a call. The URL (the base URL with the client's and the call's query,
 * or for Azure the endpoint's `/openai` route, under the deployment for calls marked [ApiCall.deploymentScoped]), the
 * timeouts the engine applies, headers (credentials only while the host is the configured one), and the body.
 */
internal class RequestFactory(private val settings: OpenAIConfig, private val secrets: Secrets) {
    private val key = settings.apiKey

    init {
        warnIfKeyInClear()
    }

    fun urlOf(call: ApiCall): String {
        val azure = settings.azure
        val base = if (azure != null) {
            val root = azure.endpoint.trimEnd('/') + "/openai"
            if (call.deploymentScoped) root + "/deployments/" + percentEncode(azure.deployment) else root
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

    fun HttpRequestBuilder.setup(
        call: ApiCall,
        streaming: Boolean,
        accept: String,
        credentials: Boolean,
        withBody: Boolean,
    ) {
        timeout {
            connectTimeoutMillis = settings.connectTimeout.inWholeMilliseconds
            requestTimeoutMillis = HttpTimeoutConfig.INFINITE_TIMEOUT_MS
            socketTimeoutMillis = if (streaming) {
                // A backstop only: the header watchdog and the event reader's idle timer fire first and say which
                // wait ran out (with equal limits, CIO's socket timeout sometimes won the race).
                (call.options.timeout ?: settings.streamIdleTimeout).inWholeMilliseconds + ENGINE_TIMEOUT_SLACK_MS
            } else {
                (call.options.timeout ?: settings.timeout).inWholeMilliseconds
            }
        }
        header(HttpHeaders.UserAgent, USER_AGENT)
        header(HttpHeaders.Accept, accept)
        if (credentials) {
            if (key.isNotEmpty()) {
                if (settings.azure != null) header("api-key", key) else header(HttpHeaders.Authorization, "Bearer $key")
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
                if (settings.logBodies && log.isDebugEnabled) log.debug("--> body {}", secrets.loggable(text))
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

    private fun warnIfKeyInClear() {
        if (key.isEmpty() || settings.azure != null) return
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
}
