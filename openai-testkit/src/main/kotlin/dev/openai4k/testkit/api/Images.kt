package dev.openai4k.testkit.api

import dev.openai4k.testkit.http.Reply
import kotlinx.serialization.json.buildJsonArray
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.util.Base64

internal fun imageRoutes(): List<Route> = listOf(
    Route("POST", "images/generations") { call ->
        val body = call.body
        val prompt = call.required("prompt")
        images(call, prompt, body.int("n") ?: 1, body.string("response_format"), revise = true)
    },
    Route("POST", "images/edits") { call -> multipartImages(call, needsPrompt = true) },
    Route("POST", "images/variations") { call -> multipartImages(call, needsPrompt = false) },
)

private fun multipartImages(call: Call, needsPrompt: Boolean): Reply {
    val request = call.request
    if (request.parts.isEmpty()) {
        throw ApiError(400, "This endpoint expects a multipart/form-data body.", code = "invalid_content_type")
    }
    if (request.parts.none { it.name == "image" || it.name == "image[]" }) {
        throw ApiError(400, "Missing required parameter: 'image'.", param = "image", code = "missing_required_parameter")
    }
    val prompt = if (needsPrompt) call.requiredPart("prompt") else "a variation"
    val n = request.part("n")?.text?.toIntOrNull() ?: 1
    return images(call, prompt, n, request.part("response_format")?.text, revise = false)
}

/** [n] small PNGs as `b64_json`, or as URLs this server serves when [format] is `url`. */
private fun images(call: Call, prompt: String, n: Int, format: String?, revise: Boolean): Reply {
    if (n !in 1..10) throw ApiError(400, "'n' must be between 1 and 10.", param = "n")
    if (format != null && format != "url" && format != "b64_json") {
        throw ApiError(400, "'response_format' must be 'url' or 'b64_json'.", param = "response_format")
    }
    val state = call.state
    val created = state.now()
    return jsonReply(buildJsonObject {
        put("created", created)
        put("data", buildJsonArray {
            repeat(n) { i ->
                val png = solidPng(IMAGE_SIDE, IMAGE_SIDE, (prompt.hashCode() * 31 + i) and 0xffffff)
                add(buildJsonObject {
                    if (format == "url") {
                        val name = state.id("img-") + ".png"
                        state.images[name] = png
                        put("url", "${state.rootUrl()}/testkit/images/$name")
                    } else {
                        put("b64_json", Base64.getEncoder().encodeToString(png))
                    }
                    if (revise) put("revised_prompt", prompt)
                })
            }
        })
    })
}

private const val IMAGE_SIDE = 16

