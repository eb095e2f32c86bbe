package dev.openai4k.testkit.api

import dev.openai4k.testkit.Fault
import dev.openai4k.testkit.PathPattern
import dev.openai4k.testkit.RecordedRequest
import dev.openai4k.testkit.ScriptQueues
import dev.openai4k.testkit.Scripted
import dev.openai4k.testkit.SseEvent
import dev.openai4k.testkit.http.Reply

/** One endpoint: a method, a path pattern with `{name}` parameters, and its default behaviour. */
internal class Route(
    val method: String,
    path: String,
    /** Whether [Scripted.text] and [Scripted.toolCalls] can be shaped for this endpoint. */
    val scriptable: Boolean = false,
    val handler: (Call) -> Reply,
) {
    val segments: List<String> = path.split('/')

    fun params(requestSegments: List<String>): Map<String, String>? {
        if (requestSegments.size != segments.size) return null
        val params = mutableMapOf<String, String>()
        for (i in segments.indices) {
            val s = segments[i]
            if (s.startsWith("{")) params[s.substring(1, s.length - 1)] = requestSegments[i]
            else if (s != requestSegments[i]) return null
        }
        return params
    }
}

/** Turns each recorded request into a [Reply]: the next script queued for its path, or the endpoint's default. */
internal class Dispatcher(private val state: ApiState, private val scripts: ScriptQueues) {
    private val routes: List<Route> = chatRoutes() + completionRoutes() + embeddingRoutes() + modelRoutes() +
        moderationRoutes() + imageRoutes() + audioRoutes() + responseRoutes() + fileRoutes() + assistantRoutes() +
        threadRoutes()

    fun answer(request: RecordedRequest): Reply = synchronized(state) {
        val rawPath = request.path
        if (!(rawPath == "/v1" || rawPath.startsWith("/v1/"))) return@synchronized outsideApi(request)
        val segments = PathPattern.segmentsOf(rawPath)
        val script = scripts.poll(request.method, segments)
        try {
            resolve(script, request, segments)
        } catch (e: ApiError) {
            e.toReply()
        }
    }

    private fun resolve(script: Scripted?, request: RecordedRequest, segments: List<String>): Reply = when (script) {
        null -> defaultAnswer(request, segments, null)
        is Scripted.Json -> Reply.Body(script.status, "application/json", script.body.toByteArray(), script.headers.toList())
        is Scripted.Error -> Reply.Body(
            script.status,
            "application/json",
            (script.body ?: defaultErrorBody(script.status).toString()).toByteArray(),
            script.headers.toList(),
        )
        is Scripted.Sse -> Reply.Events(script.events, script.options, 200, script.headers.toList())
        is Scripted.Text, is Scripted.ToolCalls -> defaultAnswer(request, segments, script)
        is Scripted.Delayed -> Reply.Delayed(script.millis, resolve(script.then, request, segments))
        is Scripted.Faulty -> {
            val base = resolve(script.base, request, segments)
            when (script.fault) {
                Fault.MalformedJson -> malformed(base)
                Fault.Html502 -> Reply.Body(502, "text/html", HTML_502.toByteArray())
                else -> Reply.Faulted(script.fault, base)
            }
        }
    }

    private fun defaultAnswer(request: RecordedRequest, segments: List<String>, script: Scripted?): Reply {
        val matches = routes.mapNotNull { route -> route.params(segments)?.let { route to it } }
        val (route, params) = matches.firstOrNull { it.first.method == request.method }
            ?: throw if (matches.isEmpty()) {
                ApiError(404, "Invalid URL (${request.method} ${request.path})")
            } else {
                ApiError(405, "Method ${request.method} is not allowed on ${request.path}.")
            }
        if (script != null && !route.scriptable) {
            throw ApiError(
                500,
                "openai-testkit: Scripted.text and Scripted.toolCalls have no shape on ${request.method} " +
                    "${request.path}; script it with Scripted.json instead.",
                type = "server_error",
            )
        }
        return route.handler(Call(request, params, script, state))
    }

    private fun outsideApi(request: RecordedRequest): Reply {
        val segments = request.path.trim('/').split('/')
        if (request.method == "GET" && segments.size == 3 && segments[0] == "testkit" && segments[1] == "images") {
            val png = state.images[segments[2]] ?: return ApiError(404, "No image ${segments[2]}").toReply()
            return Reply.Body(200, "image/png", png)
        }
        if (request.method == "GET" && (request.path == "/" || request.path == "/health")) {
            return textReply("openai-testkit is running; the API is under /v1\n")
        }
        return ApiError(404, "Invalid URL (${request.method} ${request.path})").toReply()
    }

    private fun malformed(base: Reply): Reply = when (base) {
        is Reply.Body -> Reply.Body(200, "application/json", base.body.copyOf(maxOf(1, base.body.size / 2)), base.headers)
        is Reply.Events -> {
            val index = if (base.events.size > 2) 1 else 0
            val events = base.events.mapIndexed { i, e ->
                if (i == index) SseEvent(e.data.substring(0, maxOf(1, e.data.length / 2)), e.event, e.id) else e
            }
            Reply.Events(events, base.options, base.status, base.headers)
        }
        is Reply.Delayed -> Reply.Delayed(base.millis, malformed(base.inner))
        is Reply.Faulted -> Reply.Faulted(base.fault, malformed(base.base))
    }

    private companion object {
        const val HTML_502 = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n" +
            "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    }
}
