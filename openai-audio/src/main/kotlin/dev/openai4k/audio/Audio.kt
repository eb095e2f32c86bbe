package dev.openai4k.audio

import dev.openai4k.OpenAI
import dev.openai4k.RequestOptions
import dev.openai4k.encodeRequestBody
import dev.openai4k.http.ApiBody
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import dev.openai4k.http.MultipartForm
import kotlinx.coroutines.flow.Flow
import kotlinx.serialization.json.JsonPrimitive
import java.io.OutputStream
import java.nio.file.Path

/**
 * The audio API: speech from text, and transcriptions and translations of audio files.
 *
 * ```kotlin
 * val mp3: ByteArray = openai.audio.speak(AudioModel.TTS_1, Voice.ALLOY, "Hello")
 * openai.audio.speechTo(speechRequest(AudioModel.TTS_1, longText, Voice.NOVA), Path.of("book.mp3"))
 * val text = openai.audio.transcribeText(transcriptionRequest(AudioModel.WHISPER_1, FileSource.of(path)))
 * ```
 *
 * Every call throws [dev.openai4k.OpenAIException] on failure: a status subclass for error answers, a
 * connection or timeout exception for the network, [dev.openai4k.OpenAIDecodeException] for an answer that does
 * not decode.
 */
public class Audio internal constructor(private val client: OpenAI) {

    /**
     * Speaks [SpeechRequest.input] and returns the whole audio (`POST /audio/speech`), bounded by the client's
     * `maxResponseBytes`. For long audio use [speechTo], which never holds it in memory.
     *
     * @throws dev.openai4k.OpenAIException
     */
    public suspend fun speech(request: SpeechRequest, options: RequestOptions = RequestOptions.NONE): ByteArray =
        client.executeBytes(speechCall(request, options))

    /** Speaks [text] with [voice] and returns the audio (mp3). @throws dev.openai4k.OpenAIException */
    public suspend fun speak(
        model: String,
        voice: String,
        text: String,
        options: RequestOptions = RequestOptions.NONE,
    ): ByteArray = speech(SpeechRequest(model = model, input = text, voice = voice), options)

    /**
     * Speaks [SpeechRequest.input] and writes the audio to [out] as it arrives, in pieces of 8 KiB, so memory does
     * not grow with the audio's length. [out] is flushed, not closed. Not retried once audio has begun to arrive.
     *
     * @return the number of bytes written.
     * @throws dev.openai4k.OpenAIException; [java.io.IOException] if [out] fails.
     */
    public suspend fun speechTo(
        request: SpeechRequest,
        out: OutputStream,
        options: RequestOptions = RequestOptions.NONE,
    ): Long = client.executeStreaming(speechCall(request, options)) { channel -> copyChannel(channel, out) }

    /**
     * Speaks [SpeechRequest.input] and streams the audio into the file [path] (parent directories created, an
     * existing file replaced) without holding it in memory. The audio goes to a temporary file beside [path] that
     * is moved into place only once complete: a failed call leaves [path] as it was.
     *
     * @return the number of bytes written.
     * @throws dev.openai4k.OpenAIException; [java.io.IOException] if the file cannot be written.
     */
    public suspend fun speechTo(
        request: SpeechRequest,
        path: Path,
        options: RequestOptions = RequestOptions.NONE,
    ): Long = writeAtomically(path) { out -> speechTo(request, out, options) }

    /**
     * Speaks with `stream_format=sse` (models that support it, such as `gpt-4o-mini-tts`): base64 audio pieces as
     * [SpeechStreamEvent.AudioDelta]s, then [SpeechStreamEvent.AudioDone]. A cold flow; cancelling the collector
     * closes the connection.
     *
     * @throws dev.openai4k.OpenAIException from the flow.
     */
    public fun speechStream(request: SpeechRequest, options: RequestOptions = RequestOptions.NONE): Flow<SpeechStreamEvent> {
        val body = encodeRequestBody(
            SpeechRequest.serializer(), request, request.extraBody + ("stream_format" to JsonPrimitive("sse")),
        )
        return speechEvents(client.events(ApiCall(ApiMethod.POST, SPEECH, ApiBody.Json(body), options = options, deploymentScoped = true)))
    }

    /**
     * Transcribes audio and decodes the JSON answer (`POST /audio/transcriptions`): the text, with usage and log
     * probabilities when present. [TranscriptionRequest.responseFormat] may be unset, `json`, `verbose_json` or
     * `diarized_json`; for `text`, `srt` and `vtt` use [transcribeText].
     *
     * @throws IllegalArgumentException if the requested format is plain text.
     * @throws dev.openai4k.OpenAIException
     */
    public suspend fun transcribe(
        request: TranscriptionRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): Transcription {
        requireJson(request.responseFormat, "transcribeText")
        return client.execute(formCall(TRANSCRIPTIONS, request.toForm(stream = false), options), Transcription.serializer())
    }

    /**
     * Transcribes audio and returns the text. For `text`, `srt` and `vtt` formats it is the answer body itself
     * (subtitles included); otherwise the JSON answer's `text`.
     *
     * @throws dev.openai4k.OpenAIException
     */
    public suspend fun transcribeText(
        request: TranscriptionRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): String = if (request.responseFormat in TranscriptionFormat.PLAIN_TEXT) {
        client.executeBytes(formCall(TRANSCRIPTIONS, request.toForm(stream = false), options)).decodeToString()
    } else {
        transcribe(request, options).text
    }

    /**
     * Transcribes audio with `response_format=verbose_json` (whatever the request says): language, duration,
     * segments, and words when `timestamp_granularities[]` asks for them.
     *
     * @throws dev.openai4k.OpenAIException
     */
    public suspend fun transcribeVerbose(
        request: TranscriptionRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): VerboseTranscription {
        val verbose = request.copy(responseFormat = TranscriptionFormat.VERBOSE_JSON)
        return client.execute(formCall(TRANSCRIPTIONS, verbose.toForm(stream = false), options), VerboseTranscription.serializer())
    }

    /**
     * Transcribes with `stream=true` (the `gpt-4o-*-transcribe` models): [TranscriptionStreamEvent.TextDelta]s,
     * then [TranscriptionStreamEvent.TextDone]. A cold flow; cancelling the collector closes the connection. If
     * the stream fails, the exception's `partialText` holds the text received so far and [partialTranscription]
     * (`AudioStreams.partialTranscription(e)` in Java) that text with its log probabilities.
     *
     * @throws dev.openai4k.OpenAIException from the flow; [dev.openai4k.OpenAIDecodeException] if the server
     * answered without any event (whisper-1 ignores `stream` and answers JSON: use [transcribe] for it).
     */
    public fun transcribeStream(
        request: TranscriptionRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): Flow<TranscriptionStreamEvent> =
        transcriptionEvents(client.events(formCall(TRANSCRIPTIONS, request.toForm(stream = true), options)))

    /**
     * Translates speech into English and decodes the JSON answer (`POST /audio/translations`).
     * For `text`, `srt` and `vtt` formats use [translateText].
     *
     * @throws IllegalArgumentException if the requested format is plain text.
     * @throws dev.openai4k.OpenAIException
     */
    public suspend fun translate(
        request: TranslationRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): Transcription {
        requireJson(request.responseFormat, "translateText")
        return client.execute(formCall(TRANSLATIONS, request.toForm(), options), Transcription.serializer())
    }

    /**
     * Translates speech into English and returns the text: the body itself for `text`, `srt` and `vtt`, otherwise
     * the JSON answer's `text`.
     *
     * @throws dev.openai4k.OpenAIException
     */
    public suspend fun translateText(
        request: TranslationRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): String = if (request.responseFormat in TranscriptionFormat.PLAIN_TEXT) {
        client.executeBytes(formCall(TRANSLATIONS, request.toForm(), options)).decodeToString()
    } else {
        translate(request, options).text
    }

    /**
     * Translates speech into English with `response_format=verbose_json`: language, duration and segments.
     *
     * @throws dev.openai4k.OpenAIException
     */
    public suspend fun translateVerbose(
        request: TranslationRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): VerboseTranscription {
        val verbose = request.copy(responseFormat = TranscriptionFormat.VERBOSE_JSON)
        return client.execute(formCall(TRANSLATIONS, verbose.toForm(), options), VerboseTranscription.serializer())
    }

    private fun speechCall(request: SpeechRequest, options: RequestOptions): ApiCall = ApiCall(
        ApiMethod.POST, SPEECH,
        ApiBody.Json(encodeRequestBody(SpeechRequest.serializer(), request, request.extraBody)),
        options = options,
        deploymentScoped = true,
    )

    private fun formCall(path: ApiPath, form: MultipartForm, options: RequestOptions): ApiCall =
        ApiCall(ApiMethod.POST, path, ApiBody.Form(form), options = options, deploymentScoped = true)

    private fun requireJson(format: String?, alternative: String) {
        require(format !in TranscriptionFormat.PLAIN_TEXT) {
            "response_format=$format answers plain text, not JSON: use $alternative"
        }
    }

    private companion object {
        val SPEECH = ApiPath.fixed("audio/speech")
        val TRANSCRIPTIONS = ApiPath.fixed("audio/transcriptions")
        val TRANSLATIONS = ApiPath.fixed("audio/translations")
    }
}

/** The audio API of this client. */
public val OpenAI.audio: Audio get() = Audio(this)
