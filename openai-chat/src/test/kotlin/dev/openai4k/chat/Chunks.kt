package dev.openai4k.chat

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonPrimitive

/** SSE payloads for tests, written as raw JSON text so the SDK's serializers are not used to build them. */
object Chunks {
    private fun q(s: String) = Json.encodeToString(JsonPrimitive(s))

    fun role() = """{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1700000001,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}"""

    fun text(t: String) = """{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1700000001,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":${q(t)}},"finish_reason":null}]}"""

    fun finish(reason: String) = """{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1700000001,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"$reason"}]}"""

    fun usage(prompt: Int, completion: Int) =
        """{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1700000001,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":$prompt,"completion_tokens":$completion,"total_tokens":${prompt + completion}}}"""

    fun toolStart(index: Int, id: String, name: String) =
        """{"id":"chatcmpl-s","choices":[{"index":0,"delta":{"tool_calls":[{"index":$index,"id":"$id","type":"function","function":{"name":"$name","arguments":""}}]}}]}"""

    fun toolArgs(index: Int?, fragment: String) =
        """{"id":"chatcmpl-s","choices":[{"index":0,"delta":{"tool_calls":[{${if (index != null) "\"index\":$index," else ""}"function":{"arguments":${q(fragment)}}}]}}]}"""

    /** Two tool calls whose arguments arrive in [size]-character fragments, interleaved. */
    fun twoToolCalls(argsA: String, argsB: String, size: Int = 3): List<String> {
        val a = argsA.chunked(size)
        val b = argsB.chunked(size)
        val out = mutableListOf(role(), toolStart(0, "call_a", "get_weather"), toolStart(1, "call_b", "get_time"))
        for (i in 0 until maxOf(a.size, b.size)) {
            if (i < a.size) out += toolArgs(0, a[i])
            if (i < b.size) out += toolArgs(1, b[i])
        }
        out += finish("tool_calls")
        return out
    }
}
