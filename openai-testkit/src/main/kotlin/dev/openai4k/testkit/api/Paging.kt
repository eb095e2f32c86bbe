package dev.openai4k.testkit.api

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/**
 * One cursor page of [items] (given oldest first) as OpenAI lists them: `order` (`asc`/`desc`), `after` and
 * `before` cursors (item ids), `limit`; answered as `{"object":"list","data","first_id","last_id","has_more"}`.
 */
internal fun page(
    call: Call,
    items: List<JsonObject>,
    defaultLimit: Int = 20,
    maxLimit: Int = 100,
    defaultOrder: String = "desc",
): JsonObject {
    val order = call.query("order") ?: defaultOrder
    if (order != "asc" && order != "desc") throw ApiError(400, "'order' must be 'asc' or 'desc'.", param = "order")
    val limit = call.query("limit")?.let {
        it.toIntOrNull()?.takeIf { n -> n in 1..maxLimit } ?: throw ApiError(400, "'limit' must be between 1 and $maxLimit.", param = "limit")
    } ?: defaultLimit
    var ordered = if (order == "asc") items else items.reversed()
    call.query("after")?.let { after ->
        val at = ordered.indexOfFirst { it.string("id") == after }
        ordered = if (at < 0) emptyList() else ordered.subList(at + 1, ordered.size)
    }
    val before = call.query("before")
    val data: List<JsonObject>
    if (before != null) {
        val at = ordered.indexOfFirst { it.string("id") == before }
        ordered = if (at < 0) emptyList() else ordered.subList(0, at)
        data = ordered.takeLast(limit)
    } else {
        data = ordered.take(limit)
    }
    return buildJsonObject {
        put("object", "list")
        put("data", JsonArray(data))
        put("first_id", data.firstOrNull()?.get("id") ?: JsonNull)
        put("last_id", data.lastOrNull()?.get("id") ?: JsonNull)
        put("has_more", JsonPrimitive(ordered.size > limit))
    }
}
