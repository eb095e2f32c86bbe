package dev.openai4k.assistants

import dev.openai4k.common.ImageUrl
import dev.openai4k.common.MessageRole
import kotlinx.serialization.Serializable
import kotlinx.serialization.Transient
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.contentOrNull

/**
 * A message to add to a thread (`POST /threads/{id}/messages`, or among a new thread's or run's messages).
 * Its content is sent as a plain string when it is a single text, else as an array of parts.
 *
 * Build with [MessageRequest.user], [messageRequest] in Kotlin or [MessageRequest.builder] in Java.
 */
@Serializable
public data class MessageRequest(
    /** [MessageRole.USER] or [MessageRole.ASSISTANT]. */
    val role: String,
    /** The content: text, or parts. */
    val content: MessageInput,
    /** Files to attach and the tools they are given to. */
    val attachments: List<MessageAttachment>? = null,
    /** Up to 16 string pairs of your own. */
    val metadata: Map<String, String>? = null,
    /** Provider-specific fields merged into the body (top-level requests only). */
    @Transient val extraBody: Map<String, JsonElement> = emptyMap(),
) {
    /**
     * A builder holding every value of this request ([extraBody] included): change what differs and build again.
     * The content is carried over as it is (a plain string stays a string); parts added afterwards are appended.
     */
    public fun toBuilder(): Builder = Builder(role).also { b ->
        b.content(content)
        attachments?.let { b.attachments(it) }
        metadata?.let { b.metadata(it) }
        extraBody.forEach { (name, value) -> b.extraBody(name, value) }
    }

    /** Builds a [MessageRequest]; properties for the Kotlin DSL, fluent setters for Java. */
    public class Builder(
        /** See [MessageRequest.role]. */
        public var role: String,
    ) {
        // Content set whole with content(); parts added one by one go to [parts] (a set content becomes parts first).
        private var content: MessageInput? = null
        private val parts = mutableListOf<MessageInputPart>()
        private var attachments: MutableList<MessageAttachment>? = null
        private var metadata: MutableMap<String, String>? = null
        private val extraBody = linkedMapOf<String, JsonElement>()

        /** Sets the whole content ([MessageRequest.content]), replacing any text or parts added before. */
        public fun content(value: MessageInput): Builder = apply {
            parts.clear()
            content = value
        }

        /** Adds a text part. */
        public fun text(text: String): Builder = addPart(InputText(text))

        /** Adds an image by file id (a file uploaded with purpose `vision`). */
        @JvmOverloads
        public fun imageFile(fileId: String, detail: String? = null): Builder = addPart(ImageFileContent(ImageFile(fileId, detail)))

        /** Adds an image by URL. */
        @JvmOverloads
        public fun imageUrl(url: String, detail: String? = null): Builder = addPart(ImageUrlContent(ImageUrl(url, detail)))

        /** Adds any part. */
        public fun part(part: MessageInputPart): Builder = addPart(part)

        private fun addPart(part: MessageInputPart): Builder = apply {
            content?.let { set -> parts += set.parts ?: listOf(InputText(set.text!!)) }
            content = null
            parts += part
        }

        /** Sets the attachments ([MessageRequest.attachments]), replacing any attached before. */
        public fun attachments(values: List<MessageAttachment>): Builder = apply { attachments = values.toMutableList() }

        /** Attaches a file for the given tools (typically [AssistantTool.fileSearch] or [AssistantTool.codeInterpreter]). */
        public fun attach(fileId: String, vararg tools: AssistantTool): Builder =
            apply {
                (attachments ?: mutableListOf<MessageAttachment>().also { attachments = it }) += MessageAttachment(fileId, tools.toList())
            }

        /** Sets the metadata ([MessageRequest.metadata]), replacing any pairs added before. */
        public fun metadata(values: Map<String, String>): Builder = apply { metadata = LinkedHashMap(values) }

        /** Adds a metadata pair. */
        public fun metadata(key: String, value: String): Builder =
            apply { (metadata ?: linkedMapOf<String, String>().also { metadata = it })[key] = value }

        /** Adds a provider-specific body field. */
        public fun extraBody(name: String, value: JsonElement): Builder = apply { extraBody[name] = value }

        /** Adds a provider-specific text body field. */
        public fun extraBody(name: String, value: String): Builder = extraBody(name, JsonPrimitive(value))

        /** Adds a provider-specific number body field. */
        public fun extraBody(name: String, value: Number): Builder = extraBody(name, JsonPrimitive(value))

        /** Adds a provider-specific boolean body field. */
        public fun extraBody(name: String, value: Boolean): Builder = extraBody(name, JsonPrimitive(value))

        /**
         * The request.
         *
         * @throws IllegalStateException if no content was set or added.
         */
        public fun build(): MessageRequest {
            val built = content ?: run {
                check(parts.isNotEmpty()) { "A message needs content: call text(), imageFile(), imageUrl() or content()" }
                val single = parts.singleOrNull()
                if (single is InputText) MessageInput.text(single.text) else MessageInput.parts(parts)
            }
            return MessageRequest(role, built, attachments?.toList(), metadata?.toMap(), extraBody.toMap())
        }
    }

    public companion object {
        /** A user message with plain text. */
        @JvmStatic
        public fun user(text: String): MessageRequest = MessageRequest(MessageRole.USER, MessageInput.text(text))

        /** An assistant message with plain text (to seed a conversation). */
        @JvmStatic
        public fun assistant(text: String): MessageRequest = MessageRequest(MessageRole.ASSISTANT, MessageInput.text(text))

        /** A Java-style builder. */
        @JvmStatic
        public fun builder(role: String): Builder = Builder(role)
    }
}

/** Builds a [MessageRequest] with a Kotlin DSL: `messageRequest { text("What is this?"); imageUrl(url) }`. */
public fun messageRequest(role: String = MessageRole.USER, block: MessageRequest.Builder.() -> Unit): MessageRequest =
    MessageRequest.Builder(role).apply(block).build()

/** The content of a message being created: a plain string, or a list of parts. */
@Serializable(with = MessageInputSerializer::class)
public class MessageInput private constructor(
    /** The text, when the content is a plain string. */
    public val text: String?,
    /** The parts, when the content is a list. */
    public val parts: List<MessageInputPart>?,
) {
    override fun equals(other: Any?): Boolean = other is MessageInput && other.text == text && other.parts == parts
    override fun hashCode(): Int = 31 * text.hashCode() + parts.hashCode()
    override fun toString(): String = if (text != null) "MessageInput(\"$text\")" else "MessageInput($parts)"

    public companion object {
        /** Content as a plain string. */
        @JvmStatic
        public fun text(text: String): MessageInput = MessageInput(text, null)

        /**
         * Content as a list of parts.
         *
         * @throws IllegalArgumentException if [parts] is empty.
         */
        @JvmStatic
        public fun parts(parts: List<MessageInputPart>): MessageInput {
            require(parts.isNotEmpty()) { "Message content needs at least one part" }
            return MessageInput(null, parts.toList())
        }
    }
}

internal object MessageInputSerializer : RawJson<MessageInput>("dev.openai4k.assistants.MessageInput") {
    private val partsSerializer = kotlinx.serialization.builtins.ListSerializer(MessageInputPartSerializer)

    override fun toJson(value: MessageInput): JsonElement =
        value.text?.let { JsonPrimitive(it) } ?: dev.openai4k.OpenAIJson.encodeToJsonElement(partsSerializer, value.parts!!)

    override fun fromJson(json: JsonElement): MessageInput = when (json) {
        is JsonArray -> MessageInput.parts(dev.openai4k.OpenAIJson.decodeFromJsonElement(partsSerializer, json))
        is JsonPrimitive -> MessageInput.text(json.contentOrNull ?: "")
        else -> throw kotlinx.serialization.SerializationException("Message content must be a string or an array, got $json")
    }
}
