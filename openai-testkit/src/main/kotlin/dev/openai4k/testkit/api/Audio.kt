package dev.openai4k.testkit.api

import dev.openai4k.testkit.SseOptions
import dev.openai4k.testkit.http.Reply
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.buildJsonArray
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.util.Base64
import java.util.Locale

internal fun audioRoutes(): List<Route> = listOf(
    Route("POST", "audio/speech", handler = ::speech),
    Route("POST", "audio/transcriptions") { call -> transcribe(call, translate = false) },
    Route("POST", "audio/translations") { call -> transcribe(call, translate = true) },
)

private const val SPEECH_MILLIS = 100

/**
 * Speech as a short tone. `pcm` is raw 16-bit 24 kHz mono; every other format is answered with a WAV file
 * (labelled `audio/wav`), since encoding mp3, opus, aac or flac is beyond a test server.
 */
private fun speech(call: Call): Reply {
    val body = call.body
    call.required("model")
    val input = call.required("input")
    call.required("voice")
    val format = body.string("response_format") ?: "mp3"
    val pcm = tonePcm(SPEECH_MILLIS)
    if (body.string("stream_format") == "sse") {
        val half = pcm.size / 2
        val encoder = Base64.getEncoder()
        val events = listOf(
            buildJsonObject {
                put("type", "speech.audio.delta")
                put("audio", encoder.encodeToString(pcm.copyOfRange(0, half)))
            },
            buildJsonObject {
                put("type", "speech.audio.delta")
                put("audio", encoder.encodeToString(pcm.copyOfRange(half, pcm.size)))
            },
            buildJsonObject {
                put("type", "speech.audio.done")
                put("usage", buildJsonObject {
                    val tokens = maxOf(1, countTokens(input))
                    put("input_tokens", tokens)
                    put("output_tokens", 10)
                    put("total_tokens", tokens + 10)
                })
            },
        )
        return eventsReply(events, SseOptions.DEFAULT, done = false, named = true)
    }
    return if (format == "pcm") Reply.Body(200, "audio/pcm", pcm) else Reply.Body(200, "audio/wav", wav(pcm))
}

private fun transcribe(call: Call, translate: Boolean): Reply {
    val request = call.request
    if (request.parts.isEmpty()) {
        throw ApiError(400, "This endpoint expects a multipart/form-data body.", code = "invalid_content_type")
    }
    val file = request.part("file")?.takeIf { it.filename != null }
        ?: throw ApiError(400, "Missing required parameter: 'file'.", param = "file", code = "missing_required_parameter")
    call.requiredPart("model")
    val verb = if (translate) "translation" else "transcription"
    val text = "This is a deterministic $verb of ${file.filename} (${file.bytes.size} bytes)."
    val usage = buildJsonObject {
        put("type", "duration")
        put("seconds", 1)
    }
    if (request.part("stream")?.text == "true") {
        val events = wordChunks(text).map { piece ->
            buildJsonObject {
                put("type", "transcript.text.delta")
                put("delta", piece)
            }
        } + buildJsonObject {
            put("type", "transcript.text.done")
            put("text", text)
            put("usage", buildJsonObject {
                val tokens = countTokens(text)
                put("type", "tokens")
                put("input_tokens", 10)
                put("output_tokens", tokens)
                put("total_tokens", 10 + tokens)
            })
        }
        return eventsReply(events, SseOptions.DEFAULT, done = false, named = true)
    }
    val granularities = request.parts.filter { it.name == "timestamp_granularities[]" || it.name == "timestamp_granularities" }
        .map { it.text }
    return when (val format = request.part("response_format")?.text ?: "json") {
        "json" -> jsonReply(buildJsonObject {
            put("text", text)
            if (!translate) put("usage", usage)
        })
        "text" -> textReply(text + "\n")
        "srt" -> textReply("1\n00:00:00,000 --> 00:00:01,000\n$text\n\n")
        "vtt" -> textReply("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n$text\n\n", "text/vtt; charset=utf-8")
        "verbose_json" -> jsonReply(verbose(text, translate, request.part("language")?.text, granularities))
        else -> throw ApiError(400, "Invalid response_format '$format'.", param = "response_format")
    }
}

private fun verbose(text: String, translate: Boolean, language: String?, granularities: List<String>): JsonObject {
    val words = Regex("\\S+").findAll(text).map { it.value }.toList()
    val step = 1.0 / maxOf(1, words.size)
    return buildJsonObject {
        put("task", if (translate) "translate" else "transcribe")
        put("language", if (translate) "english" else languageName(language))
        put("duration", 1.0)
        put("text", text)
        if (granularities.isEmpty() || "segment" in granularities) {
            put("segments", buildJsonArray {
                add(buildJsonObject {
                    put("id", 0)
                    put("seek", 0)
                    put("start", 0.0)
                    put("end", 1.0)
                    put("text", text)
                    put("tokens", buildJsonArray { words.indices.forEach { add(kotlinx.serialization.json.JsonPrimitive(50364 + it)) } })
                    put("temperature", 0.0)
                    put("avg_logprob", -0.2)
                    put("compression_ratio", 1.1)
                    put("no_speech_prob", 0.01)
                })
            })
        }
        if ("word" in granularities) {
            put("words", buildJsonArray {
                words.forEachIndexed { i, w ->
                    add(buildJsonObject {
                        put("word", w.trim('.', ','))
                        put("start", Math.round(i * step * 1000) / 1000.0)
                        put("end", Math.round((i + 1) * step * 1000) / 1000.0)
                    })
                }
            })
        }
    }
}

private fun languageName(code: String?): String =
    code?.let { Locale.forLanguageTag(it).getDisplayLanguage(Locale.ENGLISH).lowercase().ifEmpty { it } } ?: "english"
