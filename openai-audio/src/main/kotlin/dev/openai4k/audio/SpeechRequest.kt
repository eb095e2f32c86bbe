package dev.openai4k.audio

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.Transient
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonPrimitive

/**
 * A request to `POST /audio/speech`. Build it with [speechRequest] in Kotlin or [SpeechRequest.builder] in Java.
 *
 * A custom voice object (`{"id": "voice_..."}`) goes through [extraBody]: `extraBody["voice"] = buildJsonObject
 * { put("id", "voice_1234") }` replaces the modelled [voice].
 */
@Serializable
public data class SpeechRequest(
    /** The model ([AudioModel.TTS_1], ...). */
    val model: String,
    /** The text to speak (at most 4096 characters at OpenAI). */
    val input: String,
    /** The voice ([Voice]). */
    val voice: String,
    /** The audio encoding ([SpeechFormat]); mp3 when null. */
    @SerialName("response_format") val responseFormat: String? = null,
    /** Speed, 0.25 to 4.0; 1.0 when null. */
    val speed: Double? = null,
    /** How to speak: tone, accent, pace (not for `tts-1`). */
    val instructions: String? = null,
    /** `audio` or `sse` ([SpeechStreamFormat]); [Speech.stream] sets `sse` itself. */
    @SerialName("stream_format") val streamFormat: String? = null,
    /** Provider-specific fields merged into the body (they replace modelled fields of the same name). */
    @Transient val extraBody: Map<String, JsonElement> = emptyMap(),
) {
    /** A builder holding every value of this request ([extraBody] included): change what differs and build again. */
    public fun toBuilder(): Builder = Builder(model, input, voice).also { b ->
        b.responseFormat = responseFormat
        b.speed = speed
        b.instructions = instructions
        b.streamFormat = streamFormat
        b.extraBody.putAll(extraBody)
    }

    /** Builds a [SpeechRequest]: properties for the Kotlin DSL, fluent setters for Java. */
    public class Builder(
        /** See [SpeechRequest.model]. */
        public var model: String,
        /** See [SpeechRequest.input]. */
        public var input: String,
        /** See [SpeechRequest.voice]. */
        public var voice: String,
    ) {
        /** See [SpeechRequest.responseFormat]. */
        public var responseFormat: String? = null

        /** See [SpeechRequest.speed]. */
        public var speed: Double? = null

        /** See [SpeechRequest.instructions]. */
        public var instructions: String? = null

        /** See [SpeechRequest.streamFormat]. */
        public var streamFormat: String? = null

        /** See [SpeechRequest.extraBody]. */
        public val extraBody: MutableMap<String, JsonElement> = linkedMapOf()

        /** Sets [model]. */
        public fun model(value: String): Builder = apply { model = value }

        /** Sets [input]. */
        public fun input(value: String): Builder = apply { input = value }

        /** Sets [voice]. */
        public fun voice(value: String): Builder = apply { voice = value }

        /** Sets [responseFormat]. */
        public fun responseFormat(value: String): Builder = apply { responseFormat = value }

        /** Sets [speed]. */
        public fun speed(value: Double): Builder = apply { speed = value }

        /** Sets [instructions]. */
        public fun instructions(value: String): Builder = apply { instructions = value }

        /** Sets [streamFormat]. */
        public fun streamFormat(value: String): Builder = apply { streamFormat = value }

        /** Adds a provider-specific field to the body. */
        public fun extraBody(name: String, value: JsonElement): Builder = apply { extraBody[name] = value }

        /** Adds a provider-specific text field to the body. */
        public fun extraBody(name: String, value: String): Builder = extraBody(name, JsonPrimitive(value))

        /** Adds a provider-specific number field to the body. */
        public fun extraBody(name: String, value: Number): Builder = extraBody(name, JsonPrimitive(value))

        /** Adds a provider-specific boolean field to the body. */
        public fun extraBody(name: String, value: Boolean): Builder = extraBody(name, JsonPrimitive(value))

        /** The request. */
        public fun build(): SpeechRequest = SpeechRequest(
            model = model, input = input, voice = voice, responseFormat = responseFormat, speed = speed,
            instructions = instructions, streamFormat = streamFormat, extraBody = extraBody.toMap(),
        )
    }

    /** Factories for Java callers. */
    public companion object {
        /** A Java-style builder. */
        @JvmStatic
        public fun builder(model: String, input: String, voice: String): Builder = Builder(model, input, voice)
    }
}

/** Builds a [SpeechRequest] with a Kotlin DSL: `speechRequest("tts-1", "Hello", Voice.ALLOY) { speed = 1.25 }`. */
public fun speechRequest(
    model: String,
    input: String,
    voice: String,
    block: SpeechRequest.Builder.() -> Unit = {},
): SpeechRequest = SpeechRequest.Builder(model, input, voice).apply(block).build()
