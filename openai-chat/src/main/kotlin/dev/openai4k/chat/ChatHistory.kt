package dev.openai4k.chat

import dev.openai4k.OpenAIJson
import kotlinx.serialization.builtins.ListSerializer

/** Saves a conversation to JSON and reads it back, to restore a [ChatSession] later. */
public object ChatHistory {
    private val serializer = ListSerializer(ChatMessage.serializer())

    /** [messages] as a JSON array of messages in the API's own format. */
    @JvmStatic
    public fun toJson(messages: List<ChatMessage>): String = OpenAIJson.encodeToString(serializer, messages)

    /**
     * Messages from a JSON array written by [toJson] (or any array of chat messages).
     *
     * @throws kotlinx.serialization.SerializationException if the text is not such an array.
     */
    @JvmStatic
    public fun fromJson(json: String): List<ChatMessage> = OpenAIJson.decodeFromString(serializer, json)
}
