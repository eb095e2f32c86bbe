package dev.openai4k.assistants

import dev.openai4k.common.ImageUrl
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonObject

/**
 * One part of a message's content as the server returns it: [TextContent], [ImageFileContent], [ImageUrlContent],
 * [RefusalContent], or any other type as [OtherContent].
 */
@Serializable(with = MessageContentSerializer::class)
public sealed interface ThreadMessageContent {
    /** The wire `"type"`. */
    public val type: String
}

/**
 * One part of the content of a message being created: [InputText], [ImageFileContent], [ImageUrlContent], or any
 * other type as [OtherContent].
 */
@Serializable(with = MessageInputPartSerializer::class)
public sealed interface MessageInputPart {
    /** The wire `"type"`. */
    public val type: String

    public companion object {
        /** A text part. */
        @JvmStatic
        public fun text(text: String): MessageInputPart = InputText(text)

        /** An image uploaded with purpose `vision`, by file id. */
        @JvmStatic
        @JvmOverloads
        public fun imageFile(fileId: String, detail: String? = null): MessageInputPart =
            ImageFileContent(ImageFile(fileId, detail))

        /** An image on the web (or a data URL). */
        @JvmStatic
        @JvmOverloads
        public fun imageUrl(url: String, detail: String? = null): MessageInputPart = ImageUrlContent(ImageUrl(url, detail))
    }
}

/** Text of a message being created (`{"type":"text","text":"..."}`). */
@Serializable
public data class InputText(
    /** The text. */
    val text: String,
) : MessageInputPart {
    override val type: String get() = TYPE

    public companion object {
        /** The wire type. */
        public const val TYPE: String = "text"
    }
}

/** Text of a message, with annotations citing or pointing to files (`{"type":"text","text":{"value":..}}`). */
@Serializable
public data class TextContent(
    /** The text and its annotations. */
    val text: MessageText = MessageText(),
) : ThreadMessageContent {
    override val type: String get() = TYPE

    public companion object {
        /** The wire type. */
        public const val TYPE: String = "text"
    }
}

/** The text of a [TextContent]. */
@Serializable
public data class MessageText(
    /** The text itself. */
    val value: String = "",
    /** Citations and file paths within [value]. */
    val annotations: List<ThreadTextAnnotation> = emptyList(),
)

/** An image stored as a file (`{"type":"image_file","image_file":{"file_id":..}}`), in a message or its input. */
@Serializable
public data class ImageFileContent(
    /** The file. */
    @SerialName("image_file") val imageFile: ImageFile,
) : ThreadMessageContent, MessageInputPart {
    override val type: String get() = TYPE

    public companion object {
        /** The wire type. */
        public const val TYPE: String = "image_file"
    }
}

/** A reference to an image file. */
@Serializable
public data class ImageFile(
    /** The file id. */
    @SerialName("file_id") val fileId: String = "",
    /** `auto`, `low` or `high` resolution. */
    val detail: String? = null,
)

/** An image on the web (`{"type":"image_url","image_url":{"url":..}}`), in a message or its input. */
@Serializable
public data class ImageUrlContent(
    /** The image. */
    @SerialName("image_url") val imageUrl: ImageUrl,
) : ThreadMessageContent, MessageInputPart {
    override val type: String get() = TYPE

    public companion object {
        /** The wire type. */
        public const val TYPE: String = "image_url"
    }
}

/** The model refused to answer (`{"type":"refusal","refusal":"..."}`). */
@Serializable
public data class RefusalContent(
    /** The refusal text. */
    val refusal: String = "",
) : ThreadMessageContent {
    override val type: String get() = TYPE

    public companion object {
        /** The wire type. */
        public const val TYPE: String = "refusal"
    }
}

/** A content part of a type this SDK does not model, kept as the JSON object the server sent. */
public data class OtherContent(
    /** The whole part, `"type"` included. */
    val json: JsonObject,
) : ThreadMessageContent, MessageInputPart {
    override val type: String get() = json.type ?: ""
}

/** A note on a span of message text: [FileCitation], [FilePathAnnotation], or any other type as [OtherAnnotation]. */
@Serializable(with = TextAnnotationSerializer::class)
public sealed interface ThreadTextAnnotation {
    /** The wire `"type"`. */
    public val type: String
}

/** Text that cites a file found by file search. */
@Serializable
public data class FileCitation(
    /** The cited span of text, as it appears in the message. */
    val text: String = "",
    /** The file cited. */
    @SerialName("file_citation") val fileCitation: FileReference = FileReference(),
    /** Where the span starts in the message text. */
    @SerialName("start_index") val startIndex: Int = 0,
    /** Where the span ends in the message text. */
    @SerialName("end_index") val endIndex: Int = 0,
) : ThreadTextAnnotation {
    override val type: String get() = TYPE

    public companion object {
        /** The wire type. */
        public const val TYPE: String = "file_citation"
    }
}

/** Text that points to a file the code interpreter wrote. */
@Serializable
public data class FilePathAnnotation(
    /** The span of text, as it appears in the message. */
    val text: String = "",
    /** The file written. */
    @SerialName("file_path") val filePath: FileReference = FileReference(),
    /** Where the span starts in the message text. */
    @SerialName("start_index") val startIndex: Int = 0,
    /** Where the span ends in the message text. */
    @SerialName("end_index") val endIndex: Int = 0,
) : ThreadTextAnnotation {
    override val type: String get() = TYPE

    public companion object {
        /** The wire type. */
        public const val TYPE: String = "file_path"
    }
}

/** A file by id. */
@Serializable
public data class FileReference(
    /** The file id. */
    @SerialName("file_id") val fileId: String = "",
)

/** An annotation of a type this SDK does not model, kept as the JSON object the server sent. */
public data class OtherAnnotation(
    /** The whole annotation, `"type"` included. */
    val json: JsonObject,
) : ThreadTextAnnotation {
    override val type: String get() = json.type ?: ""
}

internal object MessageContentSerializer : TypeTagged<ThreadMessageContent>("dev.openai4k.assistants.ThreadMessageContent") {
    override fun toJson(value: ThreadMessageContent): JsonObject = when (value) {
        is TextContent -> tagged(value.type, TextContent.serializer(), value)
        is ImageFileContent -> tagged(value.type, ImageFileContent.serializer(), value)
        is ImageUrlContent -> tagged(value.type, ImageUrlContent.serializer(), value)
        is RefusalContent -> tagged(value.type, RefusalContent.serializer(), value)
        is OtherContent -> value.json
    }

    override fun fromJson(json: JsonObject): ThreadMessageContent = when (json.type) {
        TextContent.TYPE -> json.decodeAs(TextContent.serializer())
        ImageFileContent.TYPE -> json.decodeAs(ImageFileContent.serializer())
        ImageUrlContent.TYPE -> json.decodeAs(ImageUrlContent.serializer())
        RefusalContent.TYPE -> json.decodeAs(RefusalContent.serializer())
        else -> OtherContent(json)
    }
}

internal object MessageInputPartSerializer : TypeTagged<MessageInputPart>("dev.openai4k.assistants.MessageInputPart") {
    override fun toJson(value: MessageInputPart): JsonObject = when (value) {
        is InputText -> tagged(value.type, InputText.serializer(), value)
        is ImageFileContent -> tagged(value.type, ImageFileContent.serializer(), value)
        is ImageUrlContent -> tagged(value.type, ImageUrlContent.serializer(), value)
        is OtherContent -> value.json
    }

    override fun fromJson(json: JsonObject): MessageInputPart = when (json.type) {
        InputText.TYPE -> json.decodeAs(InputText.serializer())
        ImageFileContent.TYPE -> json.decodeAs(ImageFileContent.serializer())
        ImageUrlContent.TYPE -> json.decodeAs(ImageUrlContent.serializer())
        else -> OtherContent(json)
    }
}

internal object TextAnnotationSerializer : TypeTagged<ThreadTextAnnotation>("dev.openai4k.assistants.ThreadTextAnnotation") {
    override fun toJson(value: ThreadTextAnnotation): JsonObject = when (value) {
        is FileCitation -> tagged(value.type, FileCitation.serializer(), value)
        is FilePathAnnotation -> tagged(value.type, FilePathAnnotation.serializer(), value)
        is OtherAnnotation -> value.json
    }

    override fun fromJson(json: JsonObject): ThreadTextAnnotation = when (json.type) {
        FileCitation.TYPE -> json.decodeAs(FileCitation.serializer())
        FilePathAnnotation.TYPE -> json.decodeAs(FilePathAnnotation.serializer())
        else -> OtherAnnotation(json)
    }
}
