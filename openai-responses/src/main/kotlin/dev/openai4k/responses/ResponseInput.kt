package dev.openai4k.responses

import kotlinx.serialization.Serializable
import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonPrimitive

/** A request's `input`: a plain string (one user message) or a list of items. */
@Serializable(with = ResponseInputSerializer::class)
public sealed interface ResponseInput {
    /** A plain string, sent as `"input": "..."`. */
    public data class Text(
        /** The text. */
        val text: String,
    ) : ResponseInput

    /** A list of items, sent as `"input": [...]`. */
    public data class Items(
        /** The items, in order. */
        val items: List<ResponseItem>,
    ) : ResponseInput

    public companion object {
        /** A plain-string input. */
        @JvmStatic
        public fun of(text: String): ResponseInput = Text(text)

        /** An input of items. */
        @JvmStatic
        public fun of(items: List<ResponseItem>): ResponseInput = Items(items.toList())
    }
}

internal object ResponseInputSerializer : JsonUnionSerializer<ResponseInput>("dev.openai4k.responses.ResponseInput") {
    private val items = ListSerializer(ResponseItemSerializer)

    override fun decode(json: Json, element: JsonElement): ResponseInput = when (element) {
        is JsonArray -> ResponseInput.Items(json.decodeFromJsonElement(items, element))
        is JsonPrimitive -> ResponseInput.Text(element.content)
        else -> ResponseInput.Items(listOf(json.decodeFromJsonElement(ResponseItemSerializer, element)))
    }

    override fun encode(json: Json, value: ResponseInput): JsonElement = when (value) {
        is ResponseInput.Text -> JsonPrimitive(value.text)
        is ResponseInput.Items -> json.encodeToJsonElement(items, value.items)
    }
}
