package dev.openai4k.testkit.api

import dev.openai4k.testkit.RecordedRequest
import dev.openai4k.testkit.Scripted
import dev.openai4k.testkit.SseOptions
import dev.openai4k.testkit.ToolCallSpec
import kotlinx.serialization.json.JsonObject

/** One request as a handler sees it: the recorded request, path parameters, and a text or tool-call script. */
internal class Call(
    val request: RecordedRequest,
    val params: Map<String, String>,
    val script: Scripted?,
    val state: ApiState,
) {
    /** The JSON object body; a 400 when the body is not one. */
    val body: JsonObject by lazy {
        request.jsonObject ?: throw ApiError(
            400,
            "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your " +
                "HTTP library correctly. The OpenAI API expects a JSON payload.)",
        )
    }

    /** Whether a JSON body asked for `stream: true`. */
    val stream: Boolean get() = body.bool("stream") == true

    fun param(name: String): String = params.getValue(name)

    fun query(name: String): String? = request.queryParameter(name)

    /** A required string field of the body. */
    fun required(field: String): String =
        body.string(field) ?: throw ApiError(400, "Missing required parameter: '$field'.", param = field, code = "missing_required_parameter")

    /** A required multipart field. */
    fun requiredPart(field: String): String =
        request.part(field)?.text ?: throw ApiError(400, "Missing required parameter: '$field'.", param = field, code = "missing_required_parameter")

    /** What to answer: the scripted text or tool calls, else [defaultText]. */
    fun plan(defaultText: () -> String): Plan = when (val s = script) {
        is Scripted.Text -> Plan.Say(s.content, s.options)
        is Scripted.ToolCalls -> Plan.CallTools(s.calls, s.options)
        else -> Plan.Say(defaultText(), SseOptions.DEFAULT)
    }
}

/** The content of a generated answer. */
internal sealed interface Plan {
    val options: SseOptions

    class Say(val text: String, override val options: SseOptions) : Plan
    class CallTools(val calls: List<ToolCallSpec>, override val options: SseOptions) : Plan
}
