package dev.openai4k.examples

import dev.openai4k.OpenAI
import dev.openai4k.chat.chat
import dev.openai4k.schema.Description
import dev.openai4k.tools.tool
import kotlinx.serialization.Serializable

/** The arguments of the weather tool; the JSON schema the model sees is derived from this class. */
@Serializable
data class WeatherQuery(
    @Description("City name, e.g. Oslo") val city: String,
    @Description("Temperature unit") val unit: TemperatureUnit = TemperatureUnit.celsius,
)

/** The units the weather tool knows. */
@Suppress("EnumEntryName")
@Serializable
enum class TemperatureUnit { celsius, fahrenheit }

/**
 * A tool-using agent: the session offers a typed `get_weather` tool, runs it when the model calls it, sends the
 * result back, and returns the model's final answer.
 */
suspend fun toolAgent(openai: OpenAI, model: String): String {
    val weather = tool<WeatherQuery>("get_weather", "The current weather in a city") { query ->
        val celsius = 4 + query.city.length % 10 // a stand-in for a real weather service
        val temperature = if (query.unit == TemperatureUnit.fahrenheit) "${celsius * 9 / 5 + 32} °F" else "$celsius °C"
        """{"city":"${query.city}","temperature":"$temperature","sky":"light rain"}"""
    }
    val session = openai.chat.session {
        this.model = model
        system = "You answer questions about the weather. Use the get_weather tool."
        tool(weather)
    }
    val turn = session.send("Should I take an umbrella in Oslo today?")
    return buildString {
        turn.toolExecutions.forEach { appendLine("tool ${it.invocation.name}(${it.invocation.arguments}) -> ${it.result}") }
        append("answer: ${turn.text}")
    }
}
