package dev.openai4k.examples

import dev.openai4k.OpenAI
import dev.openai4k.chat.chat
import dev.openai4k.chat.chatRequest
import dev.openai4k.chat.parse
import dev.openai4k.schema.Description
import kotlinx.serialization.Serializable

/** What the model is asked to fill in; its strict JSON schema is derived from this class. */
@Serializable
data class CityFacts(
    @Description("The city's name") val name: String,
    @Description("The country it is in") val country: String,
    @Description("Approximate population") val population: Long,
    @Description("Up to three famous landmarks") val landmarks: List<String>,
)

/** Structured output: the answer arrives as JSON following [CityFacts]'s schema and is decoded into it. */
suspend fun structuredOutput(openai: OpenAI, model: String): CityFacts =
    openai.chat.parse<CityFacts>(
        chatRequest(model) {
            system("You are a geography reference.")
            user("Give me the key facts about Paris.")
        },
    )
