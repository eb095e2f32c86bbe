package dev.openai4k.chat

import dev.openai4k.common.ImageUrl
import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.SerializationException
import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.descriptors.buildClassSerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonEncoder
import kotlinx.serialization.json.JsonPrimitive

/**
 * What a message says: plain text (sent as a JSON string) or a list of [ContentPart]s (sent as an array), as the
 * API accepts both for every role.
 */
@Serializable(with = MessageContentSerializer::class)
public sealed class MessageContent {
    /** The text of this content: the string itself, or the text parts joined (other parts are skipped). */
    public abstract fun asText(): String

    /** Plain text content. */
    public data class Text(
        /** The text. */
        val text: String,
    ) : MessageContent() {
        override fun asText(): String = text
    }

    /** Content made of parts: text, images, audio, files, refusals. */
    public data class Parts(
        /** The parts, in order. */
        val parts: List<ContentPart>,
    ) : MessageContent() {
        override fun asText(): String = parts.filterIsInstance<TextPart>().joinToString("") { it.text }
    }

    public companion object {
        /** Plain text content. */
        @JvmStatic
        public fun of(text: String): MessageContent = Text(text)

        /** Content made of [parts]. */
        @JvmStatic
        public fun of(parts: List<ContentPart>): MessageContent = Parts(parts)
    }
}

/** Reads a string or an array of parts; writes text as a string and parts as an array. */
internal object MessageContentSerializer : KSerializer<MessageContent> {
    private val partsSerializer = ListSerializer(ContentPart.serializer())

    override val descriptor: SerialDescriptor = buildClassSerialDescriptor("dev.openai4k.chat.MessageContent")

    override fun serialize(encoder: Encoder, value: MessageContent) {
        val json = encoder as? JsonEncoder ?: throw SerializationException("MessageContent is JSON only")
        when (value) {
            is MessageContent.Text -> json.encodeJsonElement(JsonPrimitive(value.text))
            is MessageContent.Parts -> json.encodeJsonElement(json.json.encodeToJsonElement(partsSerializer, value.parts))
        }
    }

    override fun deserialize(decoder: Decoder): MessageContent {
        val json = decoder as? JsonDecoder ?: throw SerializationException("MessageContent is JSON only")
        return when (val element = json.decodeJsonElement()) {
            is JsonPrimitive -> MessageContent.Text(element.content)
            is JsonArray -> MessageContent.Parts(json.json.decodeFromJsonElement(partsSerializer, element))
            else -> throw SerializationException("Message content must be a string or an array, got $element")
        }
    }
}

/** One part of a message's content; the `type` key names the kind. */
@Serializable
public sealed class ContentPart {
    public companion object {
        /** A text part. */
        @JvmStatic
        public fun text(text: String): ContentPart = TextPart(text)

        /** An image by URL or `data:` URL; [detail] is `auto`, `low` or `high` (see [ImageDetail]). */
        @JvmStatic
        @JvmOverloads
        public fun imageUrl(url: String, detail: String? = null): ContentPart = ImagePart(ImageUrl(url, detail))

        /** Audio input as base64 [data] in [format] (`wav`, `mp3`). */
        @JvmStatic
        public fun inputAudio(data: String, format: String): ContentPart = InputAudioPart(InputAudio(data, format))

        /** A file uploaded earlier, by id. */
        @JvmStatic
        public fun fileId(fileId: String): ContentPart = FilePart(FileInput(fileId = fileId))

        /** A file inline: base64 [fileData] (a `data:` URL) with its [filename]. */
        @JvmStatic
        public fun fileData(fileData: String, filename: String): ContentPart =
            FilePart(FileInput(fileData = fileData, filename = filename))

        /** A refusal part (assistant messages only). */
        @JvmStatic
        public fun refusal(refusal: String): ContentPart = RefusalPart(refusal)
    }
}

/** A text part: `{"type":"text","text":...}`. */
@Serializable
@SerialName("text")
public data class TextPart(
    /** The text. */
    val text: String,
) : ContentPart()

/** An image part: `{"type":"image_url","image_url":{"url":...,"detail":...}}`. */
@Serializable
@SerialName("image_url")
public data class ImagePart(
    /** The image reference. */
    @SerialName("image_url") val imageUrl: ImageUrl,
) : ContentPart()

/** An audio input part: `{"type":"input_audio","input_audio":{"data":...,"format":...}}`. */
@Serializable
@SerialName("input_audio")
public data class InputAudioPart(
    /** The audio. */
    @SerialName("input_audio") val inputAudio: InputAudio,
) : ContentPart()

/** Base64 audio and its format. */
@Serializable
public data class InputAudio(
    /** Base64-encoded audio bytes. */
    val data: String,
    /** `wav` or `mp3`. */
    val format: String,
)

/** A file part: `{"type":"file","file":{...}}`. */
@Serializable
@SerialName("file")
public data class FilePart(
    /** The file reference or inline data. */
    val file: FileInput,
) : ContentPart()

/** A file given by id or inline. */
@Serializable
public data class FileInput @JvmOverloads constructor(
    /** Base64 file content as a `data:` URL. */
    @SerialName("file_data") val fileData: String? = null,
    /** The id of an uploaded file. */
    @SerialName("file_id") val fileId: String? = null,
    /** The filename, for inline data. */
    val filename: String? = null,
)

/** A refusal part of an assistant message: `{"type":"refusal","refusal":...}`. */
@Serializable
@SerialName("refusal")
public data class RefusalPart(
    /** The refusal text. */
    val refusal: String,
) : ContentPart()
