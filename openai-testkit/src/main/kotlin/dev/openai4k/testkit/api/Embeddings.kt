package dev.openai4k.testkit.api

import dev.openai4k.testkit.http.Reply
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonArray
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.util.Base64
import kotlin.math.sqrt

internal fun embeddingRoutes(): List<Route> = listOf(Route("POST", "embeddings", handler = ::embeddings))

private const val DEFAULT_DIMENSIONS = 1536

/** Each input as a text key: strings as they are, token arrays as their numbers. */
private fun inputs(body: JsonObject): List<String> = when (val input = body["input"]) {
    null, JsonNull -> throw ApiError(400, "Missing required parameter: 'input'.", param = "input", code = "missing_required_parameter")
    is JsonPrimitive -> listOf(input.content)
    is JsonArray -> when {
        input.isEmpty() -> throw ApiError(400, "'input' cannot be an empty array.", param = "input")
        input.all { it is JsonPrimitive && !it.isString } -> listOf(tokenKey(input))
        else -> input.map { item ->
            when (item) {
                is JsonArray -> tokenKey(item)
                is JsonPrimitive -> item.content
                else -> throw ApiError(400, "Invalid type for 'input'.", param = "input", code = "invalid_type")
            }
        }
    }
    else -> throw ApiError(400, "Invalid type for 'input'.", param = "input", code = "invalid_type")
}

private fun tokenKey(tokens: JsonArray) = "tokens:" + tokens.joinToString(",") { (it as? JsonPrimitive)?.content.orEmpty() }

private fun embeddings(call: Call): Reply {
    val body = call.body
    val model = call.required("model")
    val dimensions = body.int("dimensions") ?: DEFAULT_DIMENSIONS
    if (dimensions !in 1..8192) throw ApiError(400, "'dimensions' must be between 1 and 8192.", param = "dimensions")
    val format = body.string("encoding_format") ?: "float"
    if (format != "float" && format != "base64") {
        throw ApiError(400, "'encoding_format' must be 'float' or 'base64'.", param = "encoding_format")
    }
    val texts = inputs(body)
    val tokens = texts.sumOf { maxOf(1, if (it.startsWith("tokens:")) it.count { c -> c == ',' } + 1 else countTokens(it)) }
    return jsonReply(buildJsonObject {
        put("object", "list")
        put("data", buildJsonArray {
            texts.forEachIndexed { i, text ->
                val vector = unitVector(text, dimensions)
                add(buildJsonObject {
                    put("object", "embedding")
                    put("index", i)
                    if (format == "base64") put("embedding", base64Floats(vector))
                    else put("embedding", JsonArray(vector.map { JsonPrimitive(it) }))
                })
            }
        })
        put("model", model)
        put("usage", buildJsonObject {
            put("prompt_tokens", tokens)
            put("total_tokens", tokens)
        })
    })
}

/** A deterministic unit vector for [text]: the same text and size always give the same vector. */
internal fun unitVector(text: String, dimensions: Int): FloatArray {
    var seed = 0xcbf29ce484222325uL.toLong()
    for (b in text.toByteArray(Charsets.UTF_8)) {
        seed = seed xor (b.toLong() and 0xff)
        seed *= 0x100000001b3L
    }
    seed = seed xor dimensions.toLong()
    val v = FloatArray(dimensions)
    var norm = 0.0
    for (i in 0 until dimensions) {
        seed += -0x61c8864680b583ebL
        var z = seed
        z = (z xor (z ushr 30)) * -0x40a7b892e31b1a47L
        z = (z xor (z ushr 27)) * -0x6b2fb644ecceee15L
        z = z xor (z ushr 31)
        val x = ((z ushr 11).toDouble() / (1L shl 53).toDouble()) * 2.0 - 1.0
        v[i] = x.toFloat()
        norm += x * x
    }
    val scale = if (norm == 0.0) 1.0 else 1.0 / sqrt(norm)
    for (i in v.indices) v[i] = (v[i] * scale).toFloat()
    return v
}

/** Little-endian float32 values in base64, as OpenAI sends `encoding_format: "base64"`. */
internal fun base64Floats(values: FloatArray): String {
    val buffer = ByteBuffer.allocate(values.size * 4).order(ByteOrder.LITTLE_ENDIAN)
    values.forEach { buffer.putFloat(it) }
    return Base64.getEncoder().encodeToString(buffer.array())
}
