package dev.openai4k.examples

import dev.openai4k.OpenAI
import dev.openai4k.chat.chat
import dev.openai4k.chat.chatRequest
import java.io.PrintStream

/** Prints the answer to [out] as it is generated, chunk by chunk; returns a summary of the stream. */
suspend fun streamingToTerminal(openai: OpenAI, model: String, out: PrintStream = System.out): String {
    var chunks = 0
    val text = StringBuilder()
    openai.chat.stream(chatRequest(model) { user("Write a haiku about streaming bytes over a socket.") })
        .collect { chunk ->
            chunks++
            text.append(chunk.text)
            out.print(chunk.text)
            out.flush()
        }
    out.println()
    return "$chunks chunks, ${text.length} characters"
}
