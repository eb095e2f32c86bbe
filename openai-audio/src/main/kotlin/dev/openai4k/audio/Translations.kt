package dev.openai4k.audio

import dev.openai4k.OpenAI
import dev.openai4k.RequestOptions

/** Translations of speech into English (`POST /audio/translations`), reached as `openai.audio.translations`. */
public class Translations internal constructor(private val client: OpenAI) {
    /**
     * Translates speech into English and decodes the JSON answer (`POST /audio/translations`).
     * For `text`, `srt` and `vtt` formats use [createText].
     *
     * @throws IllegalArgumentException if the requested format is plain text.
     * @throws dev.openai4k.OpenAIException
     */
    public suspend fun create(
        request: TranslationRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): Transcription {
        requireJson(request.responseFormat, "audio.translations.createText")
        return client.execute(formCall(TRANSLATIONS, request.toForm(), options), Transcription.serializer())
    }


    /**
     * Translates speech into English and returns the text: the body itself for `text`, `srt` and `vtt`, otherwise
     * the JSON answer's `text`.
     *
     * @throws dev.openai4k.OpenAIException
     */
    public suspend fun createText(
        request: TranslationRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): String = if (request.responseFormat in TranscriptionFormat.PLAIN_TEXT) {
        client.executeBytes(formCall(TRANSLATIONS, request.toForm(), options)).decodeToString()
    } else {
        create(request, options).text
    }


    /**
     * Translates speech into English with `response_format=verbose_json`: language, duration and segments.
     *
     * @throws dev.openai4k.OpenAIException
     */
    public suspend fun createVerbose(
        request: TranslationRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): VerboseTranscription {
        val verbose = request.copy(responseFormat = TranscriptionFormat.VERBOSE_JSON)
        return client.execute(formCall(TRANSLATIONS, verbose.toForm(), options), VerboseTranscription.serializer())
    }

    override fun toString(): String = "Translations"
}
