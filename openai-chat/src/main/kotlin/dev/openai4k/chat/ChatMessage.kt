package dev.openai4k.chat

import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.SerializationException
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.descriptors.buildClassSerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonEncoder
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonPrimitive

/** Known message roles. Roles are plain strings on the wire. */
public object ChatRole {
    /** Instructions from the application (older models). */
    public const val SYSTEM: String = "system"

    /** Instructions from the application (reasoning models). */
    public const val DEVELOPER: String = "developer"

    /** The end user. */
    public const val USER: String = "user"

    /** The model. */
    public const val ASSISTANT: String = "assistant"

    /** The result of a tool call. */
    public const val TOOL: String = "tool"
}

/**
 * One message of a conversation. Each role is its own class ([SystemMessage], [DeveloperMessage], [UserMessage],
 * [AssistantMessage], [ToolMessage]); the JSON carries the role as `"role"` and is read back by it, so a history
 * can be saved and restored.
 */
@Serializable(with = ChatMessageSerializer::class)
public sealed class ChatMessage {
    /** The role on the wire (see [ChatRole]). */
    public abstract val role: String

    public companion object {
        /** A system message. */
        @JvmStatic
        public fun system(text: String): ChatMessage = SystemMessage(MessageContent.Text(text))

        /** A developer message. */
        @JvmStatic
        public fun developer(text: String): ChatMessage = DeveloperMessage(MessageContent.Text(text))

        /** A user message of plain text. */
        @JvmStatic
        public fun user(text: String): ChatMessage = UserMessage(MessageContent.Text(text))

        /** A user message of content parts (text, images, audio, files). */
        @JvmStatic
        public fun user(parts: List<ContentPart>): ChatMessage = UserMessage(MessageContent.Parts(parts))

        /** An assistant message of plain text (a prior answer, or a few-shot example). */
        @JvmStatic
        public fun assistant(text: String): ChatMessage = AssistantMessage(MessageContent.Text(text))

        /** A tool result answering the call [toolCallId]. */
        @JvmStatic
        public fun tool(toolCallId: String, content: String): ChatMessage =
            ToolMessage(toolCallId, MessageContent.Text(content))
    }
}

/** Instructions from the application: `{"role":"system","content":...}`. */
@Serializable
public data class SystemMessage @JvmOverloads constructor(
    /** The instructions. */
    val content: MessageContent,
    /** An optional participant name. */
    val name: String? = null,
) : ChatMessage() {
    override val role: String get() = ChatRole.SYSTEM
}

/** Instructions from the application for reasoning models: `{"role":"developer","content":...}`. */
@Serializable
public data class DeveloperMessage @JvmOverloads constructor(
    /** The instructions. */
    val content: MessageContent,
    /** An optional participant name. */
    val name: String? = null,
) : ChatMessage() {
    override val role: String get() = ChatRole.DEVELOPER
}

/** What the user says: text or parts (images, audio, files). */
@Serializable
public data class UserMessage @JvmOverloads constructor(
    /** The content. */
    val content: MessageContent,
    /** An optional participant name. */
    val name: String? = null,
) : ChatMessage() {
    override val role: String get() = ChatRole.USER
}

/**
 * What the model said: text, a refusal, tool calls, or a reference to earlier audio. Sent back in the history;
 * [ChatCompletionMessage.toAssistantMessage] turns an answer into one.
 */
@Serializable
public data class AssistantMessage @JvmOverloads constructor(
    /** The text (or text and refusal parts); null when the message only calls tools. */
    val content: MessageContent? = null,
    /** The refusal, when the model refused. */
    val refusal: String? = null,
    /** The tool calls the model made. */
    @SerialName("tool_calls") val toolCalls: List<ToolCall>? = null,
    /** A reference to audio the model produced earlier. */
    val audio: AudioReference? = null,
    /** An optional participant name. */
    val name: String? = null,
) : ChatMessage() {
    override val role: String get() = ChatRole.ASSISTANT
}

/** A reference to an earlier audio answer: `{"id": ...}`. */
@Serializable
public data class AudioReference(
    /** The id of the audio answer. */
    val id: String,
)

/** The result of a tool call: `{"role":"tool","tool_call_id":...,"content":...}`. */
@Serializable
public data class ToolMessage(
    /** The id of the call this answers. */
    @SerialName("tool_call_id") val toolCallId: String,
    /** The result. */
    val content: MessageContent,
) : ChatMessage() {
    override val role: String get() = ChatRole.TOOL
}

/** Writes each role's fields after `"role"`, and reads a message back by its role. */
internal object ChatMessageSerializer : KSerializer<ChatMessage> {
    override val descriptor: SerialDescriptor = buildClassSerialDescriptor("dev.openai4k.chat.ChatMessage")

    override fun serialize(encoder: Encoder, value: ChatMessage) {
        val json = encoder as? JsonEncoder ?: throw SerializationException("ChatMessage is JSON only")
        val body: JsonElement = when (value) {
            is SystemMessage -> json.json.encodeToJsonElement(SystemMessage.serializer(), value)
            is DeveloperMessage -> json.json.encodeToJsonElement(DeveloperMessage.serializer(), value)
            is UserMessage -> json.json.encodeToJsonElement(UserMessage.serializer(), value)
            is AssistantMessage -> json.json.encodeToJsonElement(AssistantMessage.serializer(), value)
            is ToolMessage -> json.json.encodeToJsonElement(ToolMessage.serializer(), value)
        }
        val fields = LinkedHashMap<String, JsonElement>()
        fields["role"] = JsonPrimitive(value.role)
        fields.putAll(body as JsonObject)
        json.encodeJsonElement(JsonObject(fields))
    }

    override fun deserialize(decoder: Decoder): ChatMessage {
        val json = decoder as? JsonDecoder ?: throw SerializationException("ChatMessage is JSON only")
        val element = json.decodeJsonElement() as? JsonObject
            ?: throw SerializationException("A chat message must be a JSON object")
        val role = element["role"]?.jsonPrimitive?.content
            ?: throw SerializationException("A chat message needs a role: $element")
        val strategy: KSerializer<out ChatMessage> = when (role) {
            ChatRole.SYSTEM -> SystemMessage.serializer()
            ChatRole.DEVELOPER -> DeveloperMessage.serializer()
            ChatRole.USER -> UserMessage.serializer()
            ChatRole.ASSISTANT -> AssistantMessage.serializer()
            ChatRole.TOOL -> ToolMessage.serializer()
            else -> throw SerializationException("Unknown message role '$role'")
        }
        return json.json.decodeFromJsonElement(strategy, JsonObject(element - "role"))
    }
}
