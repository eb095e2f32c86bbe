package dev.openai4k.examples

import dev.openai4k.OpenAI
import dev.openai4k.responses.responses

/** Two turns over the Responses API; the second continues the first through `previous_response_id`. */
suspend fun responsesSession(openai: OpenAI, model: String): String {
    val session = openai.responses.session {
        this.model = model
        instructions = "You are brief: answer in a few words."
    }
    val first = session.send("Pick a fruit at random and tell me only its name.").response
    val second = session.send("What colour is the fruit you picked?").response
    return buildString {
        appendLine("turn 1 [${first.id}]: ${first.outputText}")
        appendLine("turn 2 [${second.id}, continues ${second.previousResponseId ?: "?"}]: ${second.outputText}")
        append("(${session.usage.totalTokens} tokens in total)")
    }
}
