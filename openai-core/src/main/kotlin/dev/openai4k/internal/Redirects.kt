package dev.openai4k.internal

import dev.openai4k.ErrorKind
import dev.openai4k.OpenAIStatusException
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import io.ktor.client.request.prepareRequest
import io.ktor.client.request.url
import io.ktor.client.statement.HttpResponse
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpMethod
import io.ktor.http.URLBuilder
import io.ktor.http.Url
import io.ktor.http.takeFrom

/**
 * The second stage: one try of a call. Sends the request, follows up to [MAX_REDIRECTS] redirects (credentials are
 * dropped when one leads to another host; 303, and 301/302 after a POST, continue as a GET without a body), turns an
 * error status into its exception and hands a 2xx response to the caller's handler while it is open.
 */
internal class Redirects(
    private val transport: Transport,
    private val requests: RequestFactory,
    private val errors: ErrorMapping,
    private val secrets: Secrets,
) {
    /** The URL of [call]'s first hop, computed once per call (every try starts there). */
    fun urlOf(call: ApiCall): String = requests.urlOf(call)

    suspend fun <T> send(call: ApiCall, url: String, streaming: Boolean, accept: String, handle: suspend (HttpResponse) -> T): T {
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
                with(requests) { setup(call, streaming, accept, credentials, withBody) }
            }
            val outcome: Any? = statement.execute { response ->
                val status = response.status.value
                log.debug("<-- {} {} {} ({} ms)", method, secrets.redact(target), status, (System.nanoTime() - started) / 1_000_000)
                val location = response.headers[HttpHeaders.Location]
                if (status in REDIRECTS && location != null) {
                    if (hop == MAX_REDIRECTS) {
                        throw OpenAIStatusException(
                            ErrorKind.HTTP,
                            "Too many redirects (more than $MAX_REDIRECTS); the last was $status to ${secrets.redact(location)}",
                            status,
                            requestId = response.headers["x-request-id"],
                        )
                    }
                    return@execute Redirect(URLBuilder(target).takeFrom(location).buildString(), status)
                }
                if (status !in 200..299) throw errors.errorOf(response)
                Done(handle(response))
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

    private companion object {
        const val MAX_REDIRECTS = 5
        val REDIRECTS = setOf(301, 302, 303, 307, 308)
    }
}
