package dev.openai4k.responses

import dev.openai4k.common.ImageDetail
import dev.openai4k.common.TokenLogprob
import kotlinx.serialization.EncodeDefault
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import java.util.Base64

/**
 * One part of a message's content: what a user sends ([InputText], [InputImage], [InputFile]), what the model
 * writes ([OutputText], [Refusal], [ReasoningText]), or a part of a type this SDK does not know ([Unknown]), kept
 * as it arrived and sent back unchanged.
 */
@Serializable(with = ContentPartSerializer::class)
public sealed interface ResponseContentPart {
    /** The wire `type` of this part (`input_text`, `output_text`, ...). */
    public val type: String

    /** Text a user sends. */
    @Serializable
    public data class InputText(
        /** The text. */
        @EncodeDefault val text: String = "",
    ) : ResponseContentPart {
        override val type: String get() = INPUT_TEXT
    }

    /** An image a user sends, by URL (a `data:` URL works) or by uploaded file id. */
    @Serializable
    public data class InputImage(
        /** The image URL or a `data:image/...;base64,...` URL. */
        @SerialName("image_url") val imageUrl: String? = null,
        /** The id of an uploaded file holding the image. */
        @SerialName("file_id") val fileId: String? = null,
        /** `low`, `high` or `auto`; see [ImageDetail]. */
        val detail: String? = null,
    ) : ResponseContentPart {
        override val type: String get() = INPUT_IMAGE
    }

    /** A file a user sends (a PDF, say): by uploaded file id, inline data, or URL. */
    @Serializable
    public data class InputFile(
        /** The id of an uploaded file. */
        @SerialName("file_id") val fileId: String? = null,
        /** The content as a `data:<mime>;base64,...` URL. */
        @SerialName("file_data") val fileData: String? = null,
        /** The filename, needed with [fileData]. */
        val filename: String? = null,
        /** A URL the server fetches the file from. */
        @SerialName("file_url") val fileUrl: String? = null,
    ) : ResponseContentPart {
        override val type: String get() = INPUT_FILE
    }

    /** Text the model wrote, with its citations and (when asked for) token log probabilities. */
    @Serializable
    public data class OutputText(
        /** The text. */
        @EncodeDefault val text: String = "",
        /** Citations into [text]; always sent, because OpenAI requires the key on assistant input. */
        @EncodeDefault val annotations: List<TextAnnotation> = emptyList(),
        /** Token log probabilities, when `include` asked for them. */
        val logprobs: List<TokenLogprob>? = null,
    ) : ResponseContentPart {
        override val type: String get() = OUTPUT_TEXT
    }

    /** The model's refusal to answer. */
    @Serializable
    public data class Refusal(
        /** The refusal text. */
        @EncodeDefault val refusal: String = "",
    ) : ResponseContentPart {
        override val type: String get() = REFUSAL
    }

    /** Raw reasoning text, as open-weight reasoning models served by vLLM or Ollama report it. */
    @Serializable
    public data class ReasoningText(
        /** The reasoning text. */
        @EncodeDefault val text: String = "",
    ) : ResponseContentPart {
        override val type: String get() = REASONING_TEXT
    }

    /** A part of a type this SDK does not model, exactly as the server sent it. */
    public data class Unknown(
        /** The part as JSON. */
        val json: JsonObject,
    ) : ResponseContentPart {
        override val type: String get() = json.typeName() ?: ""
    }

    public companion object {
        /** `input_text`. */
        public const val INPUT_TEXT: String = "input_text"

        /** `input_image`. */
        public const val INPUT_IMAGE: String = "input_image"

        /** `input_file`. */
        public const val INPUT_FILE: String = "input_file"

        /** `output_text`. */
        public const val OUTPUT_TEXT: String = "output_text"

        /** `refusal`. */
        public const val REFUSAL: String = "refusal"

        /** `reasoning_text`. */
        public const val REASONING_TEXT: String = "reasoning_text"

        /** A text part. */
        @JvmStatic
        public fun text(text: String): ResponseContentPart = InputText(text)

        /** An image by URL (or `data:` URL), with a [detail] (see [ImageDetail]; `auto` unless given, as the API requires one). */
        @JvmStatic
        @JvmOverloads
        public fun imageUrl(url: String, detail: String? = ImageDetail.AUTO): ResponseContentPart = InputImage(imageUrl = url, detail = detail)

        /** An image from bytes, sent inline as a base64 `data:` URL. */
        @JvmStatic
        @JvmOverloads
        public fun imageBytes(bytes: ByteArray, mimeType: String = "image/png", detail: String? = ImageDetail.AUTO): ResponseContentPart =
            InputImage(imageUrl = dataUrl(bytes, mimeType), detail = detail)

        /** An image stored as an uploaded file. */
        @JvmStatic
        @JvmOverloads
        public fun imageFile(fileId: String, detail: String? = ImageDetail.AUTO): ResponseContentPart = InputImage(fileId = fileId, detail = detail)

        /** A file by uploaded file id. */
        @JvmStatic
        public fun fileId(fileId: String): ResponseContentPart = InputFile(fileId = fileId)

        /** A file from bytes, sent inline as a base64 `data:` URL together with its [filename]. */
        @JvmStatic
        @JvmOverloads
        public fun fileBytes(bytes: ByteArray, filename: String, mimeType: String = "application/pdf"): ResponseContentPart =
            InputFile(fileData = dataUrl(bytes, mimeType), filename = filename)

        /** A file the server fetches from [url]. */
        @JvmStatic
        public fun fileUrl(url: String): ResponseContentPart = InputFile(fileUrl = url)

        private fun dataUrl(bytes: ByteArray, mimeType: String): String =
            "data:$mimeType;base64," + Base64.getEncoder().encodeToString(bytes)
    }
}

/**
 * A citation inside [ResponseContentPart.OutputText]: `url_citation` (with [url], [title], [startIndex], [endIndex]),
 * `file_citation` (with [fileId], [filename], [index]), `container_file_citation` or `file_path`.
 * Every field is optional so that any annotation type decodes.
 */
@Serializable
public data class TextAnnotation(
    /** The annotation type. */
    val type: String = "",
    /** Where the cited span starts in the text. */
    @SerialName("start_index") val startIndex: Int? = null,
    /** Where the cited span ends in the text. */
    @SerialName("end_index") val endIndex: Int? = null,
    /** The cited web page. */
    val url: String? = null,
    /** The cited web page's title. */
    val title: String? = null,
    /** The cited file. */
    @SerialName("file_id") val fileId: String? = null,
    /** The cited file's name. */
    val filename: String? = null,
    /** The position in the text the file citation belongs to. */
    val index: Int? = null,
    /** The container of a `container_file_citation`. */
    @SerialName("container_id") val containerId: String? = null,
)

internal object ContentPartSerializer : JsonUnionSerializer<ResponseContentPart>("dev.openai4k.responses.ResponseContentPart") {
    override fun decode(json: Json, element: JsonElement): ResponseContentPart {
        val obj = element.requireObject("a content part")
        return when (obj.typeName()) {
            ResponseContentPart.INPUT_TEXT -> json.decodeFromJsonElement(ResponseContentPart.InputText.serializer(), obj)
            ResponseContentPart.INPUT_IMAGE -> json.decodeFromJsonElement(ResponseContentPart.InputImage.serializer(), obj)
            ResponseContentPart.INPUT_FILE -> json.decodeFromJsonElement(ResponseContentPart.InputFile.serializer(), obj)
            ResponseContentPart.OUTPUT_TEXT -> json.decodeFromJsonElement(ResponseContentPart.OutputText.serializer(), obj)
            ResponseContentPart.REFUSAL -> json.decodeFromJsonElement(ResponseContentPart.Refusal.serializer(), obj)
            ResponseContentPart.REASONING_TEXT -> json.decodeFromJsonElement(ResponseContentPart.ReasoningText.serializer(), obj)
            else -> ResponseContentPart.Unknown(obj)
        }
    }

    override fun encode(json: Json, value: ResponseContentPart): JsonElement = when (value) {
        is ResponseContentPart.InputText -> encodeTyped(json, value.type, ResponseContentPart.InputText.serializer(), value)
        is ResponseContentPart.InputImage -> encodeTyped(json, value.type, ResponseContentPart.InputImage.serializer(), value)
        is ResponseContentPart.InputFile -> encodeTyped(json, value.type, ResponseContentPart.InputFile.serializer(), value)
        is ResponseContentPart.OutputText -> encodeTyped(json, value.type, ResponseContentPart.OutputText.serializer(), value)
        is ResponseContentPart.Refusal -> encodeTyped(json, value.type, ResponseContentPart.Refusal.serializer(), value)
        is ResponseContentPart.ReasoningText -> encodeTyped(json, value.type, ResponseContentPart.ReasoningText.serializer(), value)
        is ResponseContentPart.Unknown -> value.json
    }
}
