package dev.openai4k.testkit.api

import dev.openai4k.testkit.ToolCallSpec
import dev.openai4k.testkit.http.Reply
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

internal fun responseRoutes(): List<Route> = listOf(
    Route("POST", "responses", scriptable = true, handler = ::createResponse),
    Route("GET", "responses/{id}") { call ->
        val stored = storedResponse(call)
        stored.advance(call.state)
        jsonReply(stored.toJson())
    },
    Route("DELETE", "responses/{id}") { call ->
        val stored = storedResponse(call)
        call.state.responses.remove(stored.id)
        jsonReply(buildJsonObject {
            put("id", stored.id)
            put("object", "response")
            put("deleted", true)
        })
    },
    Route("POST", "responses/{id}/cancel") { call ->
        val stored = storedResponse(call)
        if (!stored.background) throw ApiError(400, "Only responses created with background=true can be cancelled.", param = "response_id")
        if (stored.status == "queued" || stored.status == "in_progress") stored.status = "cancelled"
        jsonReply(stored.toJson())
    },
    Route("GET", "responses/{id}/input_items") { call ->
        jsonReply(page(call, storedResponse(call).inputItems, defaultOrder = "desc"))
    },
)

private fun storedResponse(call: Call): StoredResponse {
    val id = call.param("id")
    return call.state.responses[id] ?: throw ApiError(404, "Response with id '$id' not found.", param = "response_id")
}

/** A response the server keeps for retrieval; a background one moves queued -> in_progress -> completed. */
internal class StoredResponse(
    val id: String,
    val createdAt: Long,
    val request: JsonObject,
    val model: String,
    var status: String,
    val finalOutput: List<JsonObject>,
    val finalUsage: JsonObject,
    val inputItems: List<JsonObject>,
    val background: Boolean,
) {
    var output: List<JsonObject> = emptyList()
    var usage: JsonObject? = null
    var completedAt: Long? = null

    fun complete(state: ApiState) {
        status = "completed"
        output = finalOutput
        usage = finalUsage
        completedAt = state.now()
    }

    fun advance(state: ApiState) {
        when (status) {
            "queued" -> status = "in_progress"
            "in_progress" -> complete(state)
        }
    }

    fun toJson(): JsonObject = snapshot(status, output, usage, completedAt)

    fun snapshot(status: String, output: List<JsonObject>, usage: JsonObject?, completedAt: Long?): JsonObject = buildJsonObject {
        put("id", id)
        put("object", "response")
        put("created_at", createdAt)
        put("status", status)
        put("background", background)
        put("completed_at", completedAt?.let { JsonPrimitive(it) } ?: JsonNull)
        put("error", JsonNull)
        put("incomplete_details", JsonNull)
        put("instructions", request.orNull("instructions"))
        put("max_output_tokens", request.orNull("max_output_tokens"))
        put("model", model)
        put("output", JsonArray(output))
        put("parallel_tool_calls", request["parallel_tool_calls"] ?: JsonPrimitive(true))
        put("previous_response_id", request.orNull("previous_response_id"))
        put("reasoning", buildJsonObject {
            put("effort", request.obj("reasoning")?.orNull("effort"))
            put("summary", JsonNull)
        })
        put("service_tier", "default")
        put("store", request["store"] ?: JsonPrimitive(true))
        put("temperature", request["temperature"] ?: JsonPrimitive(1.0))
        put("text", request["text"] ?: buildJsonObject { put("format", buildJsonObject { put("type", "text") }) })
        put("tool_choice", request["tool_choice"] ?: JsonPrimitive("auto"))
        put("tools", request["tools"] ?: JsonArray(emptyList()))
        put("top_p", request["top_p"] ?: JsonPrimitive(1.0))
        put("truncation", request["truncation"] ?: JsonPrimitive("disabled"))
        put("usage", usage ?: JsonNull)
        put("user", request.orNull("user"))
        put("metadata", request["metadata"] ?: JsonObject(emptyMap()))
    }
}

/** The input as stored items with ids, as `input_items` lists them. */
private fun inputItems(state: ApiState, input: JsonElement?): List<JsonObject> = when (input) {
    is JsonPrimitive -> listOf(userMessageItem(state.id("msg_"), input.content))
    is JsonArray -> input.mapNotNull { item ->
        val o = item as? JsonObject ?: return@mapNotNull null
        val role = o.string("role")
        if (role != null && (o.string("type") ?: "message") == "message") {
            val partType = if (role == "assistant") "output_text" else "input_text"
            val content = when (val c = o["content"]) {
                is JsonPrimitive -> JsonArray(listOf(buildJsonObject {
                    put("type", partType)
                    put("text", c.content)
                }))
                else -> c ?: JsonArray(emptyList())
            }
            buildJsonObject {
                put("id", o["id"] ?: JsonPrimitive(state.id("msg_")))
                put("type", "message")
                put("role", role)
                put("status", "completed")
                put("content", content)
            }
        } else {
            if (o.containsKey("id")) o else JsonObject(mapOf("id" to JsonPrimitive(state.id("item_"))) + o)
        }
    }
    else -> emptyList()
}

private fun userMessageItem(id: String, text: String) = buildJsonObject {
    put("id", id)
    put("type", "message")
    put("role", "user")
    put("status", "completed")
    put("content", JsonArray(listOf(buildJsonObject {
        put("type", "input_text")
        put("text", text)
    })))
}

private fun defaultResponseText(body: JsonObject): String {
    val echo = when (val input = body["input"]) {
        is JsonPrimitive -> input.content
        is JsonArray -> input.filterIsInstance<JsonObject>().lastOrNull { it.string("role") == "user" }?.let { contentText(it["content"]) }
        else -> null
    }?.takeIf { it.isNotEmpty() } ?: "Hello from openai-testkit."
    val format = body.obj("text")?.obj("format")
    return when (format?.string("type")) {
        "json_schema" -> schemaInstance(format["schema"], echo).toString()
        "json_object" -> buildJsonObject { put("echo", echo) }.toString()
        else -> echo
    }
}

private fun messageItem(id: String, status: String, text: String?): JsonObject = buildJsonObject {
    put("id", id)
    put("type", "message")
    put("status", status)
    put("role", "assistant")
    put("content", JsonArray(if (text == null) emptyList() else listOf(outputText(text))))
}

private fun outputText(text: String) = buildJsonObject {
    put("type", "output_text")
    put("text", text)
    put("annotations", JsonArray(emptyList()))
    put("logprobs", JsonArray(emptyList()))
}

private fun functionCallItem(id: String, spec: ToolCallSpec, status: String, arguments: String) = buildJsonObject {
    put("id", id)
    put("type", "function_call")
    put("status", status)
    put("arguments", arguments)
    put("call_id", spec.id)
    put("name", spec.name)
}

private fun createResponse(call: Call): Reply {
    val body = call.body
    val state = call.state
    val model = call.required("model")
    if (body["input"] == null && body["previous_response_id"] == null && body["prompt"] == null) {
        throw ApiError(400, "Missing required parameter: 'input'.", param = "input", code = "missing_required_parameter")
    }
    val plan = call.plan { defaultResponseText(body) }
    val id = state.id("resp_")
    val created = state.now()
    val items = inputItems(state, body["input"])
    val inputTokens = maxOf(1, items.sumOf { countTokens(contentText(it["content"]) + " " + (it.string("output") ?: "")) })
    val output: List<JsonObject>
    val outputTokens: Int
    val itemIds: List<String>
    when (plan) {
        is Plan.Say -> {
            itemIds = listOf(state.id("msg_"))
            output = listOf(messageItem(itemIds[0], "completed", plan.text))
            outputTokens = wordChunks(plan.text).size
        }
        is Plan.CallTools -> {
            itemIds = plan.calls.map { state.id("fc_") }
            output = plan.calls.mapIndexed { i, c -> functionCallItem(itemIds[i], c, "completed", c.argumentsJson) }
            outputTokens = plan.calls.sumOf { maxOf(1, it.argumentsJson.length / 4) }
        }
    }
    val usage = buildJsonObject {
        put("input_tokens", inputTokens)
        put("input_tokens_details", buildJsonObject { put("cached_tokens", 0) })
        put("output_tokens", outputTokens)
        put("output_tokens_details", buildJsonObject { put("reasoning_tokens", 0) })
        put("total_tokens", inputTokens + outputTokens)
    }
    val background = body.bool("background") == true && !call.stream
    val stored = StoredResponse(id, created, body, model, if (background) "queued" else "in_progress", output, usage, items, background)
    if (!background) stored.complete(state)
    if (body.bool("store") != false) state.responses[id] = stored
    if (!call.stream) return jsonReply(stored.toJson())
    return eventsReply(streamEvents(stored, plan, itemIds), plan.options, done = false, named = true)
}

private fun streamEvents(stored: StoredResponse, plan: Plan, itemIds: List<String>): List<JsonObject> {
    val events = mutableListOf<JsonObject>()
    fun event(type: String, fields: JsonObjectBuilderBlock) {
        events += buildJsonObject {
            put("type", type)
            put("sequence_number", events.size)
            fields(this)
        }
    }
    val pending = stored.snapshot("in_progress", emptyList(), null, null)
    event("response.created") { put("response", pending) }
    event("response.in_progress") { put("response", pending) }
    when (plan) {
        is Plan.Say -> {
            val itemId = itemIds[0]
            val fullText = plan.text
            event("response.output_item.added") {
                put("output_index", 0)
                put("item", messageItem(itemId, "in_progress", null))
            }
            event("response.content_part.added") {
                put("item_id", itemId)
                put("output_index", 0)
                put("content_index", 0)
                put("part", outputText(""))
            }
            wordChunks(fullText).forEach { piece ->
                event("response.output_text.delta") {
                    put("item_id", itemId)
                    put("output_index", 0)
                    put("content_index", 0)
                    put("delta", piece)
                    put("logprobs", JsonArray(emptyList()))
                }
            }
            event("response.output_text.done") {
                put("item_id", itemId)
                put("output_index", 0)
                put("content_index", 0)
                put("text", fullText)
                put("logprobs", JsonArray(emptyList()))
            }
            event("response.content_part.done") {
                put("item_id", itemId)
                put("output_index", 0)
                put("content_index", 0)
                put("part", outputText(fullText))
            }
            event("response.output_item.done") {
                put("output_index", 0)
                put("item", messageItem(itemId, "completed", fullText))
            }
        }
        is Plan.CallTools -> {
            plan.calls.forEachIndexed { i, c ->
                event("response.output_item.added") {
                    put("output_index", i)
                    put("item", functionCallItem(itemIds[i], c, "in_progress", ""))
                }
            }
            // Argument fragments of all calls alternate by output index, so a client must keep them apart.
            val pieces = plan.calls.map { fragments(it.argumentsJson, ARGUMENT_FRAGMENT_CHARS) }
            for (r in 0 until pieces.maxOf { it.size }) {
                pieces.forEachIndexed { i, list ->
                    if (r < list.size && list[r].isNotEmpty()) {
                        event("response.function_call_arguments.delta") {
                            put("item_id", itemIds[i])
                            put("output_index", i)
                            put("delta", list[r])
                        }
                    }
                }
            }
            plan.calls.forEachIndexed { i, c ->
                event("response.function_call_arguments.done") {
                    put("item_id", itemIds[i])
                    put("output_index", i)
                    put("name", c.name)
                    put("arguments", c.argumentsJson)
                }
                event("response.output_item.done") {
                    put("output_index", i)
                    put("item", functionCallItem(itemIds[i], c, "completed", c.argumentsJson))
                }
            }
        }
    }
    event("response.completed") { put("response", stored.toJson()) }
    return events
}

private typealias JsonObjectBuilderBlock = kotlinx.serialization.json.JsonObjectBuilder.() -> Unit

