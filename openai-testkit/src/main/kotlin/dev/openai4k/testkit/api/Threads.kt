package dev.openai4k.testkit.api

import dev.openai4k.testkit.SseEvent
import dev.openai4k.testkit.http.Reply
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

internal class StoredThread(val id: String, val createdAt: Long, var metadata: JsonElement, var toolResources: JsonElement) {
    val messages = mutableListOf<JsonObject>()
    val runs = linkedMapOf<String, StoredRun>()

    fun toJson(): JsonObject = buildJsonObject {
        put("id", id)
        put("object", "thread")
        put("created_at", createdAt)
        put("metadata", metadata)
        put("tool_resources", toolResources)
    }
}

internal fun threadRoutes(): List<Route> = listOf(
    Route("POST", "threads") { call -> jsonReply(createThread(call.state, call.body).toJson()) },
    Route("GET", "threads/{thread_id}") { call -> jsonReply(thread(call).toJson()) },
    Route("POST", "threads/{thread_id}") { call ->
        val thread = thread(call)
        call.body["metadata"]?.let { thread.metadata = it }
        call.body["tool_resources"]?.let { thread.toolResources = it }
        jsonReply(thread.toJson())
    },
    Route("DELETE", "threads/{thread_id}") { call ->
        val thread = thread(call)
        call.state.threads.remove(thread.id)
        jsonReply(deleted(thread.id, "thread.deleted"))
    },
    Route("POST", "threads/{thread_id}/messages") { call ->
        val thread = thread(call)
        val role = call.required("role")
        if (role != "user" && role != "assistant") throw ApiError(400, "Invalid value for 'role'.", param = "role")
        jsonReply(addMessage(call.state, thread, role, call.body["content"], call.body))
    },
    Route("GET", "threads/{thread_id}/messages") { call ->
        val runId = call.query("run_id")
        val messages = thread(call).messages.filter { runId == null || it.string("run_id") == runId }
        jsonReply(page(call, messages))
    },
    Route("GET", "threads/{thread_id}/messages/{message_id}") { call -> jsonReply(message(call).second) },
    Route("POST", "threads/{thread_id}/messages/{message_id}") { call ->
        val (thread, current) = message(call)
        val updated = current.with("metadata", call.body["metadata"] ?: current.orNull("metadata"))
        thread.messages[thread.messages.indexOf(current)] = updated
        jsonReply(updated)
    },
    Route("DELETE", "threads/{thread_id}/messages/{message_id}") { call ->
        val (thread, current) = message(call)
        thread.messages.remove(current)
        jsonReply(deleted(current.string("id")!!, "thread.message.deleted"))
    },
    Route("POST", "threads/runs", scriptable = true) { call ->
        val thread = createThread(call.state, call.body.obj("thread") ?: JsonObject(emptyMap()))
        startRun(call, thread)
    },
    Route("POST", "threads/{thread_id}/runs", scriptable = true) { call -> startRun(call, thread(call)) },
    Route("GET", "threads/{thread_id}/runs") { call -> jsonReply(page(call, thread(call).runs.values.map { it.toJson() })) },
    Route("GET", "threads/{thread_id}/runs/{run_id}") { call ->
        val (thread, run) = run(call)
        run.advance(call.state, thread)
        jsonReply(run.toJson())
    },
    Route("POST", "threads/{thread_id}/runs/{run_id}") { call ->
        val (_, run) = run(call)
        call.body["metadata"]?.let { run.metadata = it }
        jsonReply(run.toJson())
    },
    Route("POST", "threads/{thread_id}/runs/{run_id}/cancel") { call ->
        val (_, run) = run(call)
        if (run.status !in setOf("queued", "in_progress", "requires_action")) {
            throw ApiError(400, "Cannot cancel run with status '${run.status}'.")
        }
        run.status = "cancelling"
        jsonReply(run.toJson())
    },
    Route("POST", "threads/{thread_id}/runs/{run_id}/submit_tool_outputs", scriptable = true, handler = ::submitToolOutputs),
)

private fun thread(call: Call): StoredThread {
    val id = call.param("thread_id")
    return call.state.threads[id] ?: throw ApiError(404, "No thread found with id '$id'.", param = "thread_id")
}

private fun message(call: Call): Pair<StoredThread, JsonObject> {
    val thread = thread(call)
    val id = call.param("message_id")
    val message = thread.messages.firstOrNull { it.string("id") == id }
        ?: throw ApiError(404, "No message found with id '$id'.", param = "message_id")
    return thread to message
}

private fun run(call: Call): Pair<StoredThread, StoredRun> {
    val thread = thread(call)
    val id = call.param("run_id")
    val run = thread.runs[id] ?: throw ApiError(404, "No run found with id '$id'.", param = "run_id")
    return thread to run
}

private fun createThread(state: ApiState, body: JsonObject): StoredThread {
    val thread = StoredThread(
        state.id("thread_"),
        state.now(),
        body["metadata"] ?: JsonObject(emptyMap()),
        body["tool_resources"] ?: JsonObject(emptyMap()),
    )
    state.threads[thread.id] = thread
    body.array("messages")?.forEach { m ->
        val o = m as? JsonObject ?: throw ApiError(400, "Invalid message in 'messages'.", param = "messages")
        addMessage(state, thread, o.string("role") ?: "user", o["content"], o)
    }
    return thread
}

/** Message content as the Assistants API stores it: text parts become `{"type":"text","text":{"value",...}}`. */
private fun messageContent(content: JsonElement?): JsonArray = when (content) {
    is JsonPrimitive -> JsonArray(listOf(textPart(content.content)))
    is JsonArray -> JsonArray(content.map { part ->
        val o = part as? JsonObject
        if (o != null && o.string("type") == "text" && o["text"] is JsonPrimitive) textPart(o.string("text")!!) else part
    })
    else -> throw ApiError(400, "Missing required parameter: 'content'.", param = "content", code = "missing_required_parameter")
}

private fun textPart(text: String) = buildJsonObject {
    put("type", "text")
    put("text", buildJsonObject {
        put("value", text)
        put("annotations", JsonArray(emptyList()))
    })
}

internal fun addMessage(
    state: ApiState,
    thread: StoredThread,
    role: String,
    content: JsonElement?,
    fields: JsonObject,
    runId: String? = null,
    assistantId: String? = null,
): JsonObject {
    val created = state.now()
    val message = buildJsonObject {
        put("id", state.id("msg_"))
        put("object", "thread.message")
        put("created_at", created)
        put("assistant_id", assistantId)
        put("thread_id", thread.id)
        put("run_id", runId)
        put("role", role)
        put("content", messageContent(content))
        put("attachments", fields["attachments"] ?: JsonArray(emptyList()))
        put("metadata", fields["metadata"] ?: JsonObject(emptyMap()))
        put("status", "completed")
        put("incomplete_details", JsonNull)
        put("completed_at", created)
        put("incomplete_at", JsonNull)
    }
    thread.messages += message
    return message
}

/** The text a run answers by default: the last user message of its thread. */
private fun lastUserText(thread: StoredThread): String =
    thread.messages.lastOrNull { it.string("role") == "user" }
        ?.let { m -> (m["content"] as? JsonArray)?.mapNotNull { ((it as? JsonObject)?.obj("text"))?.string("value") }?.joinToString(" ") }
        ?.takeIf { it.isNotEmpty() } ?: "Hello from openai-testkit."

private fun startRun(call: Call, thread: StoredThread): Reply {
    val body = call.body
    val state = call.state
    val assistantId = call.required("assistant_id")
    val assistant = state.assistants[assistantId]
    body.array("additional_messages")?.forEach { m ->
        val o = m as? JsonObject ?: return@forEach
        addMessage(state, thread, o.string("role") ?: "user", o["content"], o)
    }
    val plan = call.plan { lastUserText(thread) }
    val run = StoredRun(
        id = state.id("run_"),
        threadId = thread.id,
        assistantId = assistantId,
        createdAt = state.now(),
        model = body.string("model") ?: assistant?.string("model") ?: "gpt-4o-mini",
        instructions = body["instructions"] ?: assistant?.get("instructions") ?: JsonNull,
        tools = body["tools"] ?: assistant?.get("tools") ?: JsonArray(emptyList()),
        plan = plan,
    )
    body["metadata"]?.let { run.metadata = it }
    thread.runs[run.id] = run
    if (!call.stream) return jsonReply(run.toJson())
    val events = mutableListOf<SseEvent>()
    events += SseEvent(run.toJson().toString(), "thread.run.created")
    run.streamToEnd(state, thread, events)
    return Reply.Events(events + SseEvent("[DONE]", "done"), plan.options)
}

private fun submitToolOutputs(call: Call): Reply {
    val (thread, run) = run(call)
    if (run.status != "requires_action") {
        throw ApiError(400, "Runs in status \"${run.status}\" do not accept tool outputs.")
    }
    val outputs = call.body.array("tool_outputs")
        ?: throw ApiError(400, "Missing required parameter: 'tool_outputs'.", param = "tool_outputs", code = "missing_required_parameter")
    val expected = run.pendingCallIds()
    val given = outputs.mapNotNull { (it as? JsonObject)?.string("tool_call_id") }
    val missing = expected - given.toSet()
    if (missing.isNotEmpty()) {
        throw ApiError(400, "Expected tool outputs for call_ids $expected, got $given", param = "tool_outputs")
    }
    val outputText = outputs.mapNotNull { (it as? JsonObject)?.string("output") }.joinToString(" ")
    run.plan = call.plan { outputText.ifEmpty { "Tool outputs received." } }
    run.requiredAction = null
    run.status = "queued"
    if (!call.stream) return jsonReply(run.toJson())
    val events = mutableListOf<SseEvent>()
    run.streamToEnd(call.state, thread, events)
    return Reply.Events(events + SseEvent("[DONE]", "done"), run.plan.options)
}

/** A run: queued -> in_progress -> requires_action (tool calls) or completed, one step per retrieve. */
internal class StoredRun(
    val id: String,
    val threadId: String,
    val assistantId: String,
    val createdAt: Long,
    val model: String,
    val instructions: JsonElement,
    val tools: JsonElement,
    var plan: Plan,
) {
    var status = "queued"
    var metadata: JsonElement = JsonObject(emptyMap())
    var requiredAction: JsonObject? = null
    private var startedAt: Long? = null
    private var completedAt: Long? = null
    private var cancelledAt: Long? = null
    private var usage: JsonObject? = null

    fun pendingCallIds(): List<String> = (plan as? Plan.CallTools)?.calls?.map { it.id }.orEmpty()

    /** One step forward; returns the message created when the run completed. */
    fun advance(state: ApiState, thread: StoredThread): JsonObject? {
        when (status) {
            "queued" -> {
                status = "in_progress"
                if (startedAt == null) startedAt = state.now()
            }
            "in_progress" -> return when (val p = plan) {
                is Plan.CallTools -> {
                    status = "requires_action"
                    requiredAction = buildJsonObject {
                        put("type", "submit_tool_outputs")
                        put("submit_tool_outputs", buildJsonObject {
                            put("tool_calls", JsonArray(p.calls.map { c ->
                                buildJsonObject {
                                    put("id", c.id)
                                    put("type", "function")
                                    put("function", buildJsonObject {
                                        put("name", c.name)
                                        put("arguments", c.argumentsJson)
                                    })
                                }
                            }))
                        })
                    }
                    null
                }
                is Plan.Say -> {
                    val message = addMessage(state, thread, "assistant", JsonPrimitive(p.text), JsonObject(emptyMap()), id, assistantId)
                    val prompt = maxOf(1, thread.messages.sumOf { countTokens(it.toString()) } / 4)
                    val completion = wordChunks(p.text).size
                    usage = buildJsonObject {
                        put("prompt_tokens", prompt)
                        put("completion_tokens", completion)
                        put("total_tokens", prompt + completion)
                    }
                    status = "completed"
                    completedAt = state.now()
                    message
                }
            }
            "cancelling" -> {
                status = "cancelled"
                cancelledAt = state.now()
            }
        }
        return null
    }

    /** Runs every remaining step at once, writing the Assistants stream events of each. */
    fun streamToEnd(state: ApiState, thread: StoredThread, events: MutableList<SseEvent>) {
        fun emit(name: String, data: JsonObject) {
            events += SseEvent(data.toString(), name)
        }
        emit("thread.run.queued", toJson())
        advance(state, thread)
        emit("thread.run.in_progress", toJson())
        val p = plan
        if (p is Plan.Say) {
            // The message is announced empty, grows by deltas, then completes: as the live API streams it.
            val messageId = "msg_pending"
            val empty = buildJsonObject {
                put("id", messageId)
                put("object", "thread.message")
                put("thread_id", thread.id)
                put("run_id", id)
                put("assistant_id", assistantId)
                put("role", "assistant")
                put("status", "in_progress")
                put("content", JsonArray(emptyList()))
            }
            val message = advance(state, thread)!!
            val realId = message.string("id")!!
            emit("thread.message.created", empty.with("id", JsonPrimitive(realId)))
            emit("thread.message.in_progress", empty.with("id", JsonPrimitive(realId)))
            wordChunks(p.text).forEach { piece ->
                emit("thread.message.delta", buildJsonObject {
                    put("id", realId)
                    put("object", "thread.message.delta")
                    put("delta", buildJsonObject {
                        put("content", JsonArray(listOf(buildJsonObject {
                            put("index", 0)
                            put("type", "text")
                            put("text", buildJsonObject {
                                put("value", piece)
                                put("annotations", JsonArray(emptyList()))
                            })
                        })))
                    })
                })
            }
            emit("thread.message.completed", message)
            emit("thread.run.completed", toJson())
        } else {
            advance(state, thread)
            emit("thread.run.requires_action", toJson())
        }
    }

    fun toJson(): JsonObject = buildJsonObject {
        put("id", id)
        put("object", "thread.run")
        put("created_at", createdAt)
        put("assistant_id", assistantId)
        put("thread_id", threadId)
        put("status", status)
        put("started_at", startedAt?.let { JsonPrimitive(it) } ?: JsonNull)
        put("expires_at", if (status in TERMINAL) JsonNull else JsonPrimitive(createdAt + 600))
        put("cancelled_at", cancelledAt?.let { JsonPrimitive(it) } ?: JsonNull)
        put("failed_at", JsonNull)
        put("completed_at", completedAt?.let { JsonPrimitive(it) } ?: JsonNull)
        put("required_action", requiredAction ?: JsonNull)
        put("last_error", JsonNull)
        put("model", model)
        put("instructions", instructions)
        put("tools", tools)
        put("metadata", metadata)
        put("usage", usage ?: JsonNull)
        put("temperature", 1.0)
        put("top_p", 1.0)
        put("max_prompt_tokens", JsonNull)
        put("max_completion_tokens", JsonNull)
        put("truncation_strategy", buildJsonObject {
            put("type", "auto")
            put("last_messages", JsonNull)
        })
        put("incomplete_details", JsonNull)
        put("response_format", "auto")
        put("tool_choice", "auto")
        put("parallel_tool_calls", true)
    }

    private companion object {
        val TERMINAL = setOf("completed", "cancelled", "failed", "expired", "incomplete")
    }
}

