package dev.openai4k.responses

/** `data: <json>` lines, one event each. */
fun data(json: String): String = "data: $json"
