package dev.openai4k.testkit.api

import dev.openai4k.testkit.http.Reply
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

internal fun fileRoutes(): List<Route> = listOf(
    Route("POST", "files", handler = ::uploadFile),
    Route("GET", "files") { call ->
        val purpose = call.query("purpose")
        val files = call.state.files.values.filter { purpose == null || it.purpose == purpose }.map { it.toJson() }
        jsonReply(page(call, files, defaultLimit = 10_000, maxLimit = 10_000, defaultOrder = "desc"))
    },
    Route("GET", "files/{id}") { call -> jsonReply(storedFile(call).toJson()) },
    Route("DELETE", "files/{id}") { call ->
        val file = storedFile(call)
        call.state.files.remove(file.id)
        jsonReply(buildJsonObject {
            put("id", file.id)
            put("object", "file")
            put("deleted", true)
        })
    },
    Route("GET", "files/{id}/content") { call ->
        val file = storedFile(call)
        Reply.Body(200, file.contentType, file.bytes)
    },
)

private val PURPOSES = setOf("assistants", "batch", "fine-tune", "vision", "user_data", "evals")

private fun storedFile(call: Call): StoredFile {
    val id = call.param("id")
    return call.state.files[id] ?: throw ApiError(404, "No such File object: $id", param = "id")
}

private fun uploadFile(call: Call): Reply {
    val request = call.request
    if (request.parts.isEmpty()) {
        throw ApiError(400, "This endpoint expects a multipart/form-data body.", code = "invalid_content_type")
    }
    val part = request.part("file")?.takeIf { it.filename != null }
        ?: throw ApiError(400, "Missing required parameter: 'file'.", param = "file", code = "missing_required_parameter")
    val purpose = call.requiredPart("purpose")
    if (purpose !in PURPOSES) throw ApiError(400, "'$purpose' is not one of ${PURPOSES.sorted()} - 'purpose'", param = "purpose")
    val state = call.state
    val file = StoredFile(
        id = state.id("file-"),
        filename = part.filename!!,
        purpose = purpose,
        createdAt = state.now(),
        contentType = part.contentType ?: "application/octet-stream",
        bytes = part.bytes,
    )
    state.files[file.id] = file
    return jsonReply(file.toJson())
}

private fun StoredFile.toJson(): JsonObject = buildJsonObject {
    put("id", id)
    put("object", "file")
    put("bytes", bytes.size)
    put("created_at", createdAt)
    put("expires_at", JsonNull)
    put("filename", filename)
    put("purpose", purpose)
    put("status", "processed")
    put("status_details", JsonNull)
}
