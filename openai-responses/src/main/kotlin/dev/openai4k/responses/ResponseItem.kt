package dev.openai4k.responses

import dev.openai4k.common.MessageRole
import kotlinx.serialization.EncodeDefault
import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * One item of a conversation: what goes into a request's `input` and what comes back in a response's `output`.
 * The two share one type because output items are sent back as input (the stateless tool loop:
 * `input = previousInput + response.output + functionCallOutputs`).
 *
 * An item of a type this SDK does not model arrives as [Unknown] and is sent back unchanged.
 */
@Serializable(with = ResponseItemSerializer::class)
public sealed interface ResponseItem {
    /** The wire `type` (`message`, `function_call`, ...). */
    public val type: String

    /** The item's id, when the server gave it one. */
    public val id: String?

    /**
     * A message: user, system or developer input, or an assistant's output.
     * A plain-string `content` from the server decodes as one [ResponseContentPart.InputText] part.
     */
    @Serializable
    public data class Message(
        /** `user`, `system`, `developer` or `assistant`; see [MessageRole]. */
        val role: String,
        /** The parts, in order. */
        @Serializable(with = ContentListSerializer::class)
        @EncodeDefault val content: List<ResponseContentPart> = emptyList(),
        override val id: String? = null,
        /** `in_progress`, `completed` or `incomplete` (output messages). */
        val status: String? = null,
    ) : ResponseItem {
        override val type: String get() = MESSAGE

        /** The text of the text parts (input and output), joined. */
        val text: String
            get() = content.joinToString("") {
                when (it) {
                    is ResponseContentPart.InputText -> it.text
                    is ResponseContentPart.OutputText -> it.text
                    else -> ""
                }
            }
    }

    /** The model asks for a function to be called; answer with a [FunctionCallOutput] carrying the same [callId]. */
    @Serializable
    public data class FunctionCall(
        /** The id that links the call to its output. */
        @SerialName("call_id") val callId: String = "",
        /** The function name. */
        val name: String = "",
        /** The arguments as a JSON text (not always valid JSON: models make mistakes). */
        val arguments: String = "",
        override val id: String? = null,
        /** `in_progress`, `completed` or `incomplete`. */
        val status: String? = null,
    ) : ResponseItem {
        override val type: String get() = FUNCTION_CALL
    }

    /** The result of a function call, sent back to the model. */
    @Serializable
    public data class FunctionCallOutput(
        /** The [FunctionCall.callId] this answers. */
        @SerialName("call_id") val callId: String,
        /** The result, as text (JSON or prose). */
        @EncodeDefault val output: String = "",
        override val id: String? = null,
        /** The item status, when the server reports one. */
        val status: String? = null,
    ) : ResponseItem {
        override val type: String get() = FUNCTION_CALL_OUTPUT
    }

    /**
     * The model's reasoning: summaries (when asked for with `reasoning.summary`), raw reasoning text from some
     * open-weight servers, and [encryptedContent] to send back when `store` is false.
     */
    @Serializable
    public data class Reasoning(
        override val id: String? = null,
        /** Summary texts; always sent, because OpenAI requires the key on input. */
        @EncodeDefault val summary: List<ReasoningSummary> = emptyList(),
        /** Reasoning content parts ([ResponseContentPart.ReasoningText]), when the server exposes them. */
        val content: List<ResponseContentPart>? = null,
        /** The opaque encrypted reasoning, when `include` asked for `reasoning.encrypted_content`. */
        @SerialName("encrypted_content") val encryptedContent: String? = null,
        /** The item status, when the server reports one. */
        val status: String? = null,
    ) : ResponseItem {
        override val type: String get() = REASONING

        /** The summary texts joined with blank lines. */
        val summaryText: String get() = summary.joinToString("\n\n") { it.text }
    }

    /** An image the image-generation tool made; [result] is the image in base64. */
    @Serializable
    public data class ImageGenerationCall(
        override val id: String? = null,
        /** `in_progress`, `generating`, `completed` or `failed`. */
        val status: String? = null,
        /** The image, base64-encoded. */
        val result: String? = null,
        /** The prompt the tool actually used. */
        @SerialName("revised_prompt") val revisedPrompt: String? = null,
    ) : ResponseItem {
        override val type: String get() = IMAGE_GENERATION_CALL
    }

    /** A web search the model ran; [action] tells what it did (`search`, `open_page`, ...). */
    @Serializable
    public data class WebSearchCall(
        override val id: String? = null,
        /** `in_progress`, `searching`, `completed` or `failed`. */
        val status: String? = null,
        /** The action taken, as JSON (its shape depends on its `type`). */
        val action: JsonObject? = null,
    ) : ResponseItem {
        override val type: String get() = WEB_SEARCH_CALL
    }

    /** A file search the model ran. */
    @Serializable
    public data class FileSearchCall(
        override val id: String? = null,
        /** `in_progress`, `searching`, `completed`, `incomplete` or `failed`. */
        val status: String? = null,
        /** The queries used. */
        val queries: List<String> = emptyList(),
        /** The matches, when `include` asked for `file_search_call.results`. */
        val results: List<FileSearchResult>? = null,
    ) : ResponseItem {
        override val type: String get() = FILE_SEARCH_CALL
    }

    /** A reference to an earlier item by id, instead of repeating it. */
    @Serializable
    public data class ItemReference(
        @EncodeDefault override val id: String? = null,
    ) : ResponseItem {
        override val type: String get() = ITEM_REFERENCE
    }

    /** An item of a type this SDK does not model, exactly as the server sent it. */
    public data class Unknown(
        /** The item as JSON. */
        val json: JsonObject,
    ) : ResponseItem {
        override val type: String get() = json.typeName() ?: ""
        override val id: String? get() = (json["id"] as? JsonPrimitive)?.takeIf { it.isString }?.content
    }

    public companion object {
        /** `message`. */
        public const val MESSAGE: String = "message"

        /** `function_call`. */
        public const val FUNCTION_CALL: String = "function_call"

        /** `function_call_output`. */
        public const val FUNCTION_CALL_OUTPUT: String = "function_call_output"

        /** `reasoning`. */
        public const val REASONING: String = "reasoning"

        /** `image_generation_call`. */
        public const val IMAGE_GENERATION_CALL: String = "image_generation_call"

        /** `web_search_call`. */
        public const val WEB_SEARCH_CALL: String = "web_search_call"

        /** `file_search_call`. */
        public const val FILE_SEARCH_CALL: String = "file_search_call"

        /** `item_reference`. */
        public const val ITEM_REFERENCE: String = "item_reference"

        /** A user message of one text part. */
        @JvmStatic
        public fun user(text: String): ResponseItem = Message(MessageRole.USER, listOf(ResponseContentPart.InputText(text)))

        /** A user message of several parts (text, images, files). */
        @JvmStatic
        public fun user(parts: List<ResponseContentPart>): ResponseItem = Message(MessageRole.USER, parts)

        /** A system message. */
        @JvmStatic
        public fun system(text: String): ResponseItem = Message(MessageRole.SYSTEM, listOf(ResponseContentPart.InputText(text)))

        /** A developer message (instructions that rank above the user's). */
        @JvmStatic
        public fun developer(text: String): ResponseItem =
            Message(MessageRole.DEVELOPER, listOf(ResponseContentPart.InputText(text)))

        /** An earlier assistant answer, replayed as history (sent as a message with string content). */
        @JvmStatic
        public fun assistant(text: String): ResponseItem =
            Message(MessageRole.ASSISTANT, listOf(ResponseContentPart.OutputText(text)))

        /** The result of the function call [callId]. */
        @JvmStatic
        public fun functionCallOutput(callId: String, output: String): ResponseItem = FunctionCallOutput(callId, output)

        /** A reference to the earlier item [id]. */
        @JvmStatic
        public fun reference(id: String): ResponseItem = ItemReference(id)
    }
}

/** One reasoning summary text. */
@Serializable
public data class ReasoningSummary(
    /** The summary text. */
    @EncodeDefault val text: String = "",
    /** The part type, `summary_text`. */
    @EncodeDefault val type: String = "summary_text",
)

/** One file-search match. */
@Serializable
public data class FileSearchResult(
    /** The file. */
    @SerialName("file_id") val fileId: String? = null,
    /** Its name. */
    val filename: String? = null,
    /** The relevance score. */
    val score: Double? = null,
    /** The matching text. */
    val text: String? = null,
    /** The file's attributes. */
    val attributes: JsonObject? = null,
)

internal object ResponseItemSerializer : JsonUnionSerializer<ResponseItem>("dev.openai4k.responses.ResponseItem") {
    override fun decode(json: Json, element: JsonElement): ResponseItem {
        val obj = element.requireObject("a response item")
        return when (obj.typeName()) {
            ResponseItem.MESSAGE -> json.decodeFromJsonElement(ResponseItem.Message.serializer(), obj)
            ResponseItem.FUNCTION_CALL -> json.decodeFromJsonElement(ResponseItem.FunctionCall.serializer(), obj)
            ResponseItem.FUNCTION_CALL_OUTPUT -> decodeFunctionCallOutput(json, obj)
            ResponseItem.REASONING -> json.decodeFromJsonElement(ResponseItem.Reasoning.serializer(), obj)
            ResponseItem.IMAGE_GENERATION_CALL ->
                json.decodeFromJsonElement(ResponseItem.ImageGenerationCall.serializer(), obj)
            ResponseItem.WEB_SEARCH_CALL -> json.decodeFromJsonElement(ResponseItem.WebSearchCall.serializer(), obj)
            ResponseItem.FILE_SEARCH_CALL -> json.decodeFromJsonElement(ResponseItem.FileSearchCall.serializer(), obj)
            ResponseItem.ITEM_REFERENCE -> json.decodeFromJsonElement(ResponseItem.ItemReference.serializer(), obj)
            // An "easy input message" has a role and no type.
            null -> if ("role" in obj) json.decodeFromJsonElement(ResponseItem.Message.serializer(), obj) else ResponseItem.Unknown(obj)
            else -> ResponseItem.Unknown(obj)
        }
    }

    private fun plainAssistantText(m: ResponseItem.Message): String? {
        if (m.role != MessageRole.ASSISTANT || m.id != null || m.status != null) return null
        val part = m.content.singleOrNull() as? ResponseContentPart.OutputText ?: return null
        return if (part.annotations.isEmpty() && part.logprobs == null) part.text else null
    }

    // An output may also be a list of content parts; that shape is kept whole rather than failing.
    private fun decodeFunctionCallOutput(json: Json, obj: JsonObject): ResponseItem {
        val output = obj["output"]
        if (output != null && !(output is JsonPrimitive && output.isString)) return ResponseItem.Unknown(obj)
        return json.decodeFromJsonElement(ResponseItem.FunctionCallOutput.serializer(), obj)
    }

    override fun encode(json: Json, value: ResponseItem): JsonElement = when (value) {
        is ResponseItem.Message -> plainAssistantText(value)?.let { text ->
            // An assistant turn replayed as history is an "easy input message" with string content: an
            // output_text part would make it an output message, which needs the id and status only the server has.
            JsonObject(mapOf("type" to JsonPrimitive(value.type), "role" to JsonPrimitive(value.role), "content" to JsonPrimitive(text)))
        } ?: encodeTyped(json, value.type, ResponseItem.Message.serializer(), value)
        is ResponseItem.FunctionCall -> encodeTyped(json, value.type, ResponseItem.FunctionCall.serializer(), value)
        is ResponseItem.FunctionCallOutput ->
            encodeTyped(json, value.type, ResponseItem.FunctionCallOutput.serializer(), value)
        is ResponseItem.Reasoning -> encodeTyped(json, value.type, ResponseItem.Reasoning.serializer(), value)
        is ResponseItem.ImageGenerationCall ->
            encodeTyped(json, value.type, ResponseItem.ImageGenerationCall.serializer(), value)
        is ResponseItem.WebSearchCall -> encodeTyped(json, value.type, ResponseItem.WebSearchCall.serializer(), value)
        is ResponseItem.FileSearchCall -> encodeTyped(json, value.type, ResponseItem.FileSearchCall.serializer(), value)
        is ResponseItem.ItemReference -> encodeTyped(json, value.type, ResponseItem.ItemReference.serializer(), value)
        is ResponseItem.Unknown -> value.json
    }
}

/** Message content: a list of parts on the wire, but a plain string is accepted on the way in. */
internal object ContentListSerializer : KSerializer<List<ResponseContentPart>> {
    private val list = ListSerializer(ContentPartSerializer)
    override val descriptor: SerialDescriptor = list.descriptor

    override fun deserialize(decoder: Decoder): List<ResponseContentPart> {
        val input = decoder as? JsonDecoder ?: return list.deserialize(decoder)
        return when (val element = input.decodeJsonElement()) {
            is JsonArray -> input.json.decodeFromJsonElement(list, element)
            is JsonPrimitive -> if (element.isString) listOf(ResponseContentPart.InputText(element.content)) else emptyList()
            is JsonObject -> listOf(input.json.decodeFromJsonElement(ContentPartSerializer, element))
        }
    }

    override fun serialize(encoder: Encoder, value: List<ResponseContentPart>) {
        list.serialize(encoder, value)
    }
}
