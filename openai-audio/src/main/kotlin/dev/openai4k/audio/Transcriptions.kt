package dev.openai4k.audio

import dev.openai4k.OpenAI
import dev.openai4k.RequestOptions
import kotlinx.coroutines.flow.Flow

/**
 * Transcriptions of audio files (`POST /audio/transcriptions`), reached as `openai.audio.transcriptions`.
 *
 * ```kotlin
 * val text = openai.audio.transcriptions.createText(transcriptionRequest(AudioModel.WHISPER_1, FileSource.of(path)))
 * ```
 */
public class Transcriptions internal constructor(private val client: OpenAI) {
    /**
     * Transcribes audio and decodes the JSON answer (`POST /audio/transcriptions`): the text, with usage and log
     * probabilities when present. [TranscriptionRequest.responseFormat] may be unset, `json`, `verbose_json` or
     * `diarized_json`; for `text`, `srt` and `vtt` use [createText].
     *
     * @throws IllegalArgumentException if the requested format is plain text.
     * @throws dev.openai4k.OpenAIException
     */
    public suspend fun create(
        request: TranscriptionRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): Transcription {
        requireJson(request.responseFormat, "audio.transcriptions.createText")
        return client.execute(formCall(TRANSCRIPTIONS, request.toForm(stream = false), options), Transcription.serializer())
    }


    /**
     * Transcribes audio and returns the text. For `text`, `srt` and `vtt` formats it is the answer body itself
     * (subtitles included); otherwise the JSON answer's `text`.
     *
     * @throws dev.openai4k.OpenAIException
     */
    public suspend fun createText(
        request: TranscriptionRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): String = if (request.responseFormat in TranscriptionFormat.PLAIN_TEXT) {
        client.executeBytes(formCall(TRANSCRIPTIONS, request.toForm(stream = false), options)).decodeToString()
    } else {
        create(request, options).text
    }


    /**
     * Transcribes audio with `response_format=verbose_json` (whatever the request says): language, duration,
     * segments, and words when `timestamp_granularities[]` asks for them.
     *
     * @throws dev.openai4k.OpenAIException
     */
    public suspend fun createVerbose(
        request: TranscriptionRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): VerboseTranscription {
        val verbose = request.copy(responseFormat = TranscriptionFormat.VERBOSE_JSON)
        return client.execute(formCall(TRANSCRIPTIONS, verbose.toForm(stream = false), options), VerboseTranscription.serializer())
    }


    /**
     * Transcribes with `stream=true` (the `gpt-4o-*-transcribe` models): [TranscriptionStreamEvent.TextDelta]s,
     * then [TranscriptionStreamEvent.TextDone]. A cold flow; cancelling the collector closes the connection. If
     * the stream fails, the exception's `partialText` holds the text received so far.
     *
     * @throws dev.openai4k.OpenAIException from the flow; [dev.openai4k.OpenAIDecodeException] if the server
     * answered without any event (whisper-1 ignores `stream` and answers JSON: use [create] for it).
     */
    public fun stream(
        request: TranscriptionRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): Flow<TranscriptionStreamEvent> =
        transcriptionEvents(client.events(formCall(TRANSCRIPTIONS, request.toForm(stream = true), options)))


    override fun toString(): String = "Transcriptions"
}
