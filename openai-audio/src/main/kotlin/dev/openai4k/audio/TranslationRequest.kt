package dev.openai4k.audio

import dev.openai4k.http.FileSource
import dev.openai4k.http.MultipartForm
import java.nio.file.Path

/**
 * A request to `POST /audio/translations` (multipart): speech in any language to English text. Build it with
 * [translationRequest] in Kotlin or [TranslationRequest.builder] in Java.
 */
public data class TranslationRequest(
    /** The model ([AudioModel.WHISPER_1]). */
    val model: String,
    /** The audio: flac, mp3, mp4, mpeg, mpga, m4a, ogg, wav or webm. */
    val file: FileSource,
    /** English text to guide style or continue a previous segment. */
    val prompt: String? = null,
    /** The answer's format ([TranscriptionFormat]: json, text, srt, verbose_json, vtt). */
    val responseFormat: String? = null,
    /** Sampling temperature, 0 to 1. */
    val temperature: Double? = null,
    /** Provider-specific form fields, sent after the modelled ones (replacing modelled fields of the same name). */
    val extraFields: Map<String, String> = emptyMap(),
) {
    internal fun toForm(): MultipartForm = audioForm(
        file,
        listOf(
            "model" to model,
            "prompt" to prompt,
            "response_format" to responseFormat,
            "temperature" to temperature,
        ),
        extraFields,
    )

    /**
     * A builder holding every value of this request (the same [file] source, and [extraFields] included): change
     * what differs and build again.
     */
    public fun toBuilder(): Builder = Builder(model, file).also { b ->
        b.prompt = prompt
        b.responseFormat = responseFormat
        b.temperature = temperature
        b.extraFields.putAll(extraFields)
    }

    /** Builds a [TranslationRequest]: properties for the Kotlin DSL, fluent setters for Java. */
    public class Builder(
        /** See [TranslationRequest.model]. */
        public var model: String,
        /** See [TranslationRequest.file]. */
        public var file: FileSource,
    ) {
        /** See [TranslationRequest.prompt]. */
        public var prompt: String? = null

        /** See [TranslationRequest.responseFormat]. */
        public var responseFormat: String? = null

        /** See [TranslationRequest.temperature]. */
        public var temperature: Double? = null

        /** See [TranslationRequest.extraFields]. */
        public val extraFields: MutableMap<String, String> = linkedMapOf()

        /** Sets [model]. */
        public fun model(value: String): Builder = apply { model = value }

        /** Sets [file]. */
        public fun file(value: FileSource): Builder = apply { file = value }

        /** Sets [file] from a path; the content type follows the extension. */
        public fun file(path: Path): Builder = apply { file = FileSource.of(path) }

        /** Sets [prompt]. */
        public fun prompt(value: String): Builder = apply { prompt = value }

        /** Sets [responseFormat]. */
        public fun responseFormat(value: String): Builder = apply { responseFormat = value }

        /** Sets [temperature]. */
        public fun temperature(value: Double): Builder = apply { temperature = value }

        /** Adds a provider-specific form field. */
        public fun extraField(name: String, value: String): Builder = apply { extraFields[name] = value }

        /** The request. */
        public fun build(): TranslationRequest = TranslationRequest(
            model = model, file = file, prompt = prompt, responseFormat = responseFormat, temperature = temperature,
            extraFields = extraFields.toMap(),
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

/** Builds a [TranslationRequest] with a Kotlin DSL: `translationRequest("whisper-1", FileSource.of(path)) {}`. */
public fun translationRequest(
    model: String,
    file: FileSource,
    block: TranslationRequest.Builder.() -> Unit = {},
): TranslationRequest = TranslationRequest.Builder(model, file).apply(block).build()
