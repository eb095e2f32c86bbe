package dev.openai4k.audio

import dev.openai4k.http.FileSource
import dev.openai4k.http.MultipartForm
import java.nio.file.Path

/**
 * A request to `POST /audio/transcriptions` (multipart). The audio comes as a [FileSource]: a path, bytes or a
 * stream (a stream is read once, so such a request is never retried). Build it with [transcriptionRequest] in
 * Kotlin or [TranscriptionRequest.builder] in Java.
 */
public data class TranscriptionRequest(
    /** The model ([AudioModel.WHISPER_1], [AudioModel.GPT_4O_TRANSCRIBE], ...). */
    val model: String,
    /** The audio: flac, mp3, mp4, mpeg, mpga, m4a, ogg, wav or webm. */
    val file: FileSource,
    /** The spoken language, ISO-639-1 (`en`). */
    val language: String? = null,
    /** Text to guide style or continue a previous segment. */
    val prompt: String? = null,
    /** The answer's format ([TranscriptionFormat]); the methods of [Audio] say which ones each accepts. */
    val responseFormat: String? = null,
    /** Sampling temperature, 0 to 1. */
    val temperature: Double? = null,
    /** `word` and/or `segment` ([TimestampGranularity]), with `verbose_json`; sent as `timestamp_granularities[]`. */
    val timestampGranularities: List<String> = emptyList(),
    /** Extra information ([TranscriptionInclude]); sent as `include[]`. */
    val include: List<String> = emptyList(),
    /** How to cut long audio. */
    val chunkingStrategy: ChunkingStrategy? = null,
    /** Provider-specific form fields, sent after the modelled ones (replacing modelled fields of the same name). */
    val extraFields: Map<String, String> = emptyMap(),
) {
    internal fun toForm(stream: Boolean): MultipartForm = audioForm(
        file,
        listOf(
            "model" to model,
            "language" to language,
            "prompt" to prompt,
            "response_format" to responseFormat,
            "temperature" to temperature,
            "timestamp_granularities[]" to timestampGranularities,
            "include[]" to include,
        ) + (chunkingStrategy?.fields?.toList() ?: emptyList()) + listOf(
            "stream" to (if (stream) "true" else null),
        ),
        extraFields,
    )

    /**
     * A builder holding every value of this request (the same [file] source, and [extraFields] included): change
     * what differs and build again.
     */
    public fun toBuilder(): Builder = Builder(model, file).also { b ->
        b.language = language
        b.prompt = prompt
        b.responseFormat = responseFormat
        b.temperature = temperature
        b.timestampGranularities += timestampGranularities
        b.include += include
        b.chunkingStrategy = chunkingStrategy
        b.extraFields.putAll(extraFields)
    }

    /** Builds a [TranscriptionRequest]: properties for the Kotlin DSL, fluent setters for Java. */
    public class Builder(
        /** See [TranscriptionRequest.model]. */
        public var model: String,
        /** See [TranscriptionRequest.file]. */
        public var file: FileSource,
    ) {
        /** See [TranscriptionRequest.language]. */
        public var language: String? = null

        /** See [TranscriptionRequest.prompt]. */
        public var prompt: String? = null

        /** See [TranscriptionRequest.responseFormat]. */
        public var responseFormat: String? = null

        /** See [TranscriptionRequest.temperature]. */
        public var temperature: Double? = null

        /** See [TranscriptionRequest.timestampGranularities]. */
        public val timestampGranularities: MutableList<String> = mutableListOf()

        /** See [TranscriptionRequest.include]. */
        public val include: MutableList<String> = mutableListOf()

        /** See [TranscriptionRequest.chunkingStrategy]. */
        public var chunkingStrategy: ChunkingStrategy? = null

        /** See [TranscriptionRequest.extraFields]. */
        public val extraFields: MutableMap<String, String> = linkedMapOf()

        /** Sets [model]. */
        public fun model(value: String): Builder = apply { model = value }

        /** Sets [file]. */
        public fun file(value: FileSource): Builder = apply { file = value }

        /** Sets [file] from a path; the content type follows the extension. */
        public fun file(path: Path): Builder = apply { file = FileSource.of(path) }

        /** Sets [language]. */
        public fun language(value: String): Builder = apply { language = value }

        /** Sets [prompt]. */
        public fun prompt(value: String): Builder = apply { prompt = value }

        /** Sets [responseFormat]. */
        public fun responseFormat(value: String): Builder = apply { responseFormat = value }

        /** Sets [temperature]. */
        public fun temperature(value: Double): Builder = apply { temperature = value }

        /** Adds timestamp granularities. */
        public fun timestampGranularities(vararg values: String): Builder = apply { timestampGranularities += values }

        /** Adds values to `include[]`. */
        public fun include(vararg values: String): Builder = apply { include += values }

        /** Sets [chunkingStrategy]. */
        public fun chunkingStrategy(value: ChunkingStrategy): Builder = apply { chunkingStrategy = value }

        /** Adds a provider-specific form field. */
        public fun extraField(name: String, value: String): Builder = apply { extraFields[name] = value }

        /** The request. */
        public fun build(): TranscriptionRequest = TranscriptionRequest(
            model = model, file = file, language = language, prompt = prompt, responseFormat = responseFormat,
            temperature = temperature, timestampGranularities = timestampGranularities.toList(),
            include = include.toList(), chunkingStrategy = chunkingStrategy, extraFields = extraFields.toMap(),
        )
    }

    /** Factories for Java callers. */
    public companion object {
        /** A Java-style builder. */
        @JvmStatic
        public fun builder(model: String, file: FileSource): Builder = Builder(model, file)

        /** A Java-style builder for an audio file; its content type follows the extension. */
        @JvmStatic
        public fun builder(model: String, file: Path): Builder = Builder(model, FileSource.of(file))
    }
}

/**
 * Builds a [TranscriptionRequest] with a Kotlin DSL:
 * `transcriptionRequest("whisper-1", FileSource.of(path)) { language = "en" }`.
 */
public fun transcriptionRequest(
    model: String,
    file: FileSource,
    block: TranscriptionRequest.Builder.() -> Unit = {},
): TranscriptionRequest = TranscriptionRequest.Builder(model, file).apply(block).build()
