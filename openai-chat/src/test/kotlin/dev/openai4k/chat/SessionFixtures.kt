package dev.openai4k.chat

import dev.openai4k.schema.Description
import dev.openai4k.testsupport.*
import dev.openai4k.tools.Tool
import dev.openai4k.tools.tool
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonPrimitive

@Serializable
enum class Operation {
    @SerialName("add") ADD,
    @SerialName("subtract") SUBTRACT,
    @SerialName("multiply") MULTIPLY,
    @SerialName("divide") DIVIDE,
}

@Serializable
data class Calculation(
    @Description("The arithmetic operation") val operation: Operation,
    val a: Double,
    val b: Double,
)

fun Calculation.evaluate(): String {
    val r = when (operation) {
        Operation.ADD -> a + b
        Operation.SUBTRACT -> a - b
        Operation.MULTIPLY -> a * b
        Operation.DIVIDE -> a / b
    }
    return if (r == Math.floor(r)) r.toLong().toString() else r.toString()
}

/** A raw completion body (written by hand, not by the SDK) calling tools. */
fun toolCallsJson(vararg calls: Triple<String, String, String>, prompt: Int = 10, completion: Int = 5, cached: Int = 0, reasoning: Int = 0): String {
    val list = calls.joinToString(",") { (id, name, args) ->
        """{"id":"$id","type":"function","function":{"name":"$name","arguments":${Json.encodeToString(JsonPrimitive(args))}}}"""
    }
    return """{"id":"chatcmpl-t","object":"chat.completion","created":1,"model":"gpt-4o-mini",
        "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[$list]},"finish_reason":"tool_calls"}],
        "usage":{"prompt_tokens":$prompt,"completion_tokens":$completion,"total_tokens":${prompt + completion},
          "prompt_tokens_details":{"cached_tokens":$cached},"completion_tokens_details":{"reasoning_tokens":$reasoning}}}"""
}

/** A raw completion body answering with [content] and the given usage. */
fun answerJson(content: String, prompt: Int = 10, completion: Int = 5, cached: Int = 0, reasoning: Int = 0): String =
    """{"id":"chatcmpl-a","object":"chat.completion","created":1,"model":"gpt-4o-mini",
        "choices":[{"index":0,"message":{"role":"assistant","content":${Json.encodeToString(JsonPrimitive(content))}},"finish_reason":"stop"}],
        "usage":{"prompt_tokens":$prompt,"completion_tokens":$completion,"total_tokens":${prompt + completion},
          "prompt_tokens_details":{"cached_tokens":$cached},"completion_tokens_details":{"reasoning_tokens":$reasoning}}}"""

/** A MockEngine client answering with [bodies] in order (the last one repeats). */
fun scripted(vararg bodies: String, configure: dev.openai4k.OpenAIConfig.() -> Unit = {}): Recorded {
    val queue = ArrayDeque(bodies.toList())
    return Recorded(configure) {
        val body = synchronized(queue) { if (queue.size > 1) queue.removeFirst() else queue.first() }
        json(body)
    }
}

val calculator: Tool = tool<Calculation>("calculator", "Does arithmetic on two numbers") { args -> args.evaluate() }
