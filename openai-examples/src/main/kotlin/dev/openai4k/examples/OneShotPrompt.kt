package dev.openai4k.examples

import dev.openai4k.OpenAI
import dev.openai4k.chat.chat
import dev.openai4k.chat.chatRequest

/** One question, one answer: a system prompt, a user message, and the text of the reply. */
suspend fun oneShotPrompt(openai: OpenAI, model: String): String {
    val reply = openai.chat.create(
        chatRequest(model) {
            system("You are a concise assistant. Answer in one sentence.")
            user("What is the capital of Norway?")
            temperature = 0.2
        },
    )
    return "${reply.text} [${reply.usage?.totalTokens ?: "?"} tokens, finish_reason=${reply.finishReason}]"
}
