package dev.openai4k.contract

import dev.openai4k.http.FileSource
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import kotlinx.serialization.json.putJsonArray
import kotlinx.serialization.json.putJsonObject
import java.util.Base64

/** Small inputs shared by the checks. Prism validates the form's shape, not the bytes, so they only need to exist. */
internal object Fixtures {
    /** A 1x1 PNG. */
    val PNG: ByteArray = Base64.getDecoder().decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    )

    /** A data URL of [PNG]. */
    val PNG_DATA_URL: String = "data:image/png;base64," + Base64.getEncoder().encodeToString(PNG)

    fun png(name: String = "image.png"): FileSource = FileSource.of(PNG, name, "image/png")

    /** A few bytes standing in for an MP3 file. */
    fun mp3(): FileSource = FileSource.of(byteArrayOf(0x49, 0x44, 0x33, 0x04, 0, 0, 0, 0, 0, 0), "speech.mp3", "audio/mpeg")

    /** A JSONL file for uploads. */
    fun jsonl(): FileSource = FileSource.of("{\"prompt\":\"hi\"}\n".encodeToByteArray(), "train.jsonl", "application/jsonl")

    /** A strict-mode object schema: `{"city": string}`. */
    val WEATHER_SCHEMA: JsonObject = buildJsonObject {
        put("type", "object")
        putJsonObject("properties") { putJsonObject("city") { put("type", "string") } }
        putJsonArray("required") { add(kotlinx.serialization.json.JsonPrimitive("city")) }
        put("additionalProperties", false)
    }
}
