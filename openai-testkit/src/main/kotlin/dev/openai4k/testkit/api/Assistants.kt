package dev.openai4k.testkit.api

import dev.openai4k.testkit.http.Reply
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

internal fun assistantRoutes(): List<Route> = listOf(
    Route("POST", "assistants", handler = ::createAssistant),
    Route("GET", "assistants") { call -> jsonReply(page(call, call.state.assistants.values.toList())) },
    Route("GET", "assistants/{id}") { call -> jsonReply(assistant(call)) },
    Route("POST", "assistants/{id}") { call ->
        val current = assistant(call)
        val updated = JsonObject(current + call.body.filterKeys { it in UPDATABLE })
        call.state.assistants[current.string("id")!!] = updated
        jsonReply(updated)
    },
    Route("DELETE", "assistants/{id}") { call ->
        val id = assistant(call).string("id")!!
        call.state.assistants.remove(id)
        jsonReply(deleted(id, "assistant.deleted"))
    },
)

private val UPDATABLE = setOf(
    "model", "name", "description", "instructions", "tools", "tool_resources", "metadata",
    "temperature", "top_p", "response_format", "reasoning_effort",
)

private fun assistant(call: Call): JsonObject {
    val id = call.param("id")
    return call.state.assistants[id] ?: throw ApiError(404, "No assistant found with id '$id'.", param = "assistant_id")
}

internal fun deleted(id: String, objectName: String): JsonObject = buildJsonObject {
    put("id", id)
    put("object", objectName)
    put("deleted", true)
}

private fun createAssistant(call: Call): Reply {
    val body = call.body
    call.required("model")
    val state = call.state
    val id = state.id("asst_")
    val assistant = JsonObject(
        buildJsonObject {
            put("id", id)
            put("object", "assistant")
            put("created_at", state.now())
            put("name", JsonNull)
            put("description", JsonNull)
            put("model", body.orNull("model"))
            put("instructions", JsonNull)
            put("tools", JsonArray(emptyList()))
            put("tool_resources", JsonObject(emptyMap()))
            put("metadata", JsonObject(emptyMap()))
            put("temperature", JsonPrimitive(1.0))
            put("top_p", JsonPrimitive(1.0))
            put("response_format", "auto")
        } + body.filterKeys { it in UPDATABLE },
    )
    state.assistants[id] = assistant
    return jsonReply(assistant)
}
