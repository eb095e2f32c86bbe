package dev.openai4k.testsupport

import kotlinx.serialization.json.JsonPrimitive

/**
 * A chat completion body as OpenAI sends it, with one choice. [content] and [refusal] are JSON-escaped; null sends
 * `null`. Usage is 10 prompt + 5 completion tokens.
 */
fun completionJson(content: String?, refusal: String? = null, finishReason: String = "stop"): String {
    fun lit(s: String?) = if (s == null) "null" else JsonPrimitive(s).toString()
    return """{"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini",
        "choices":[{"index":0,"message":{"role":"assistant","content":${lit(content)},"refusal":${lit(refusal)}},"finish_reason":"$finishReason"}],
        "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}"""
}
