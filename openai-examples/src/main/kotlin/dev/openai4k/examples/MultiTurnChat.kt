package dev.openai4k.examples

import dev.openai4k.OpenAI
import dev.openai4k.chat.chat

/** A chat session remembers the conversation: the second question only makes sense with the first. */
suspend fun multiTurnChat(openai: OpenAI, model: String): String {
    val session = openai.chat.session {
        this.model = model
        system = "You are a friendly assistant. Keep answers short."
    }
    val first = session.send("Hi! My name is Ada and I like prime numbers.")
    val second = session.send("What is my name, and what is the smallest prime I might like?")
    return buildString {
        appendLine("user: Hi! My name is Ada and I like prime numbers.")
        appendLine("assistant: ${first.text}")
        appendLine("user: What is my name, and what is the smallest prime I might like?")
        appendLine("assistant: ${second.text}")
        append("(${session.messages.size} messages in the history, ${session.usage.totalTokens} tokens in total)")
    }
}
