package dev.openai4k.bench.cold

import dev.openai4k.OpenAI
import dev.openai4k.chat.chat
import dev.openai4k.chat.chatRequest
import kotlinx.coroutines.runBlocking

/** Scenario E for our SDK: a chat-only app's first answer, printed; run on the chat-only classpath. */
fun main(args: Array<String>) {
    val answer = OpenAI { baseUrl = args[0] + "/v1"; apiKey = "sk-bench"; maxRetries = 0 }.use { openai ->
        runBlocking { openai.chat.create(chatRequest("gpt-4o-mini") { user("Say hello.") }).text }
    }
    println("ANSWER $answer")
    System.out.flush()
    Runtime.getRuntime().halt(0)
}
