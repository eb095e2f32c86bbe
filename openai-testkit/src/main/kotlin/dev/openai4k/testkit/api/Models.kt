package dev.openai4k.testkit.api

import dev.openai4k.testkit.http.Reply
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

internal fun modelRoutes(): List<Route> = listOf(
    Route("GET", "models") { call -> listModels(call.state) },
    Route("GET", "models/{id}") { call -> jsonReply(call.state.models[call.param("id")] ?: throw modelNotFound(call.param("id"))) },
    Route("DELETE", "models/{id}") { call ->
        val id = call.param("id")
        call.state.models.remove(id) ?: throw modelNotFound(id)
        jsonReply(buildJsonObject {
            put("id", id)
            put("object", "model")
            put("deleted", true)
        })
    },
)

private fun modelNotFound(id: String) =
    ApiError(404, "The model '$id' does not exist or you do not have access to it.", param = "model", code = "model_not_found")

private fun listModels(state: ApiState): Reply = jsonReply(buildJsonObject {
    put("object", "list")
    put("data", JsonArray(state.models.values.toList()))
})

/** Adds a model to the list the server answers with. */
internal fun ApiState.addModel(id: String, ownedBy: String, created: Long = now()) {
    models[id] = modelObject(id, ownedBy, created)
}

internal fun modelObject(id: String, ownedBy: String, created: Long): JsonObject = buildJsonObject {
    put("id", id)
    put("object", "model")
    put("created", created)
    put("owned_by", ownedBy)
}

/** The models every server starts with: one of each kind the SDK covers, plus a fine-tuned one. */
internal val DEFAULT_MODELS: List<Pair<String, String>> = listOf(
    "gpt-4o-mini" to "system",
    "gpt-4o" to "system",
    "gpt-4.1-mini" to "system",
    "o4-mini" to "system",
    "gpt-3.5-turbo-instruct" to "system",
    "text-embedding-3-small" to "system",
    "text-embedding-3-large" to "system",
    "text-embedding-ada-002" to "openai-internal",
    "omni-moderation-latest" to "system",
    "dall-e-2" to "system",
    "dall-e-3" to "system",
    "gpt-image-1" to "system",
    "tts-1" to "openai-internal",
    "gpt-4o-mini-tts" to "system",
    "whisper-1" to "openai-internal",
    "gpt-4o-transcribe" to "system",
    "ft:gpt-4o-mini-2024-07-18:testkit::ft000001" to "testkit-org",
)
