package dev.openai4k.assistants

import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.Transient
import kotlinx.serialization.json.JsonElement

/** A thread (`{"object":"thread", ...}`): a conversation stored on the server, that runs add messages to. */
@Serializable
public data class AssistantThread(
    /** The id (`thread_abc123`). */
    val id: String = "",
    /** The object type, `"thread"`. */
    @SerialName("object") val objectType: String? = null,
    /** When it was created, in Unix seconds. */
    @SerialName("created_at") val createdAt: Long? = null,
    /** Files and vector stores for the tools of runs on this thread. */
    @SerialName("tool_resources") val toolResources: ToolResources? = null,
    /** Up to 16 string pairs of your own. */
    val metadata: Map<String, String>? = null,
)

/**
 * The body of `POST /threads`: optional initial messages, tool resources and metadata. An empty request sends `{}`.
 *
 * Build with [threadRequest] in Kotlin or [ThreadRequest.builder] in Java.
 */
@Serializable
public data class ThreadRequest(
    /** Messages to start the thread with. */
    val messages: List<MessageRequest>? = null,
    /** Files and vector stores for the tools of runs on this thread. */
    @SerialName("tool_resources") val toolResources: ToolResources? = null,
    /** Up to 16 string pairs of your own. */
    val metadata: Map<String, String>? = null,
    /** Provider-specific fields merged into the body (a key here replaces a modelled one). */
    @Transient val extraBody: Map<String, JsonElement> = emptyMap(),
) {
    /** A builder holding every value of this request ([extraBody] included): change what differs and build again. */
    public fun toBuilder(): Builder = Builder().also { b ->
        messages?.let { b.messages(it) }
        b.toolResources = toolResources
        metadata?.let { b.metadata(it) }
        extraBody.forEach { (name, value) -> b.extraBody(name, value) }
    }

    /** Builds a [ThreadRequest]; properties for the Kotlin DSL, fluent setters for Java. */
    public class Builder {
        private var messages: MutableList<MessageRequest>? = null
        private var metadata: MutableMap<String, String>? = null
        private val extraBody = linkedMapOf<String, JsonElement>()

        /** See [ThreadRequest.toolResources]. */
        public var toolResources: ToolResources? = null

        /** Sets the messages ([ThreadRequest.messages]), replacing any added before. */
        public fun messages(values: List<MessageRequest>): Builder = apply { messages = values.toMutableList() }

        /** Adds a message. */
        public fun message(message: MessageRequest): Builder =
            apply { (messages ?: mutableListOf<MessageRequest>().also { messages = it }) += message }

        /** Adds a user message with plain text. */
        public fun user(text: String): Builder = message(MessageRequest.user(text))

        /** Adds an assistant message with plain text. */
        public fun assistant(text: String): Builder = message(MessageRequest.assistant(text))

        /** Sets the tool resources. */
        public fun toolResources(value: ToolResources): Builder = apply { toolResources = value }

        /** Sets the metadata ([ThreadRequest.metadata]), replacing any pairs added before. */
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

        /** The request. */
        public fun build(): ThreadRequest =
            ThreadRequest(messages?.toList(), toolResources, metadata?.toMap(), extraBody.toMap())
    }

    public companion object {
        /** A thread with no messages, resources or metadata. */
        @JvmField
        public val EMPTY: ThreadRequest = ThreadRequest()

        /** A Java-style builder. */
        @JvmStatic
        public fun builder(): Builder = Builder()
    }
}

/** Builds a [ThreadRequest] with a Kotlin DSL: `threadRequest { user("Hello"); metadata("user", "42") }`. */
public fun threadRequest(block: ThreadRequest.Builder.() -> Unit): ThreadRequest = ThreadRequest.Builder().apply(block).build()

/**
 * The body of `POST /threads/{id}`: new tool resources and/or metadata (metadata replaces the old map).
 *
 * Build with [ThreadUpdateRequest.metadata] or the constructor.
 */
@Serializable
public data class ThreadUpdateRequest(
    /** New tool resources. */
    @SerialName("tool_resources") val toolResources: ToolResources? = null,
    /** New metadata, replacing the old. */
    val metadata: Map<String, String>? = null,
    /** Provider-specific fields merged into the body. */
    @Transient val extraBody: Map<String, JsonElement> = emptyMap(),
) {
    public companion object {
        /** An update that replaces the thread's metadata. */
        @JvmStatic
        public fun metadata(metadata: Map<String, String>): ThreadUpdateRequest = ThreadUpdateRequest(metadata = metadata)
    }
}
