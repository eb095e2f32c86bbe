package dev.openai4k.audio

import dev.openai4k.OpenAI
import dev.openai4k.RequestOptions
import dev.openai4k.encodeRequestBody
import dev.openai4k.http.ApiBody
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import kotlinx.coroutines.flow.Flow
import kotlinx.serialization.json.JsonPrimitive
import java.io.OutputStream
import java.nio.file.Path

/**
 * Speech from text (`POST /audio/speech`), reached as `openai.audio.speech`.
 *
 * ```kotlin
 * val mp3: ByteArray = openai.audio.speech.create(AudioModel.TTS_1, Voice.ALLOY, "Hello")
 * openai.audio.speech.createTo(speechRequest(AudioModel.TTS_1, longText, Voice.NOVA), Path.of("book.mp3"))
 * ```
 */
public class Speech internal constructor(private val client: OpenAI) {
    /**
     * Speaks [SpeechRequest.input] and returns the whole audio (`POST /audio/speech`), bounded by the client's
     * `maxResponseBytes`. For long audio use [createTo], which never holds it in memory.
     *
     * @throws dev.openai4k.OpenAIException
     */
    public suspend fun create(request: SpeechRequest, options: RequestOptions = RequestOptions.NONE): ByteArray =
        client.executeBytes(speechCall(request, options))


    /** Speaks [text] with [voice] and returns the audio (mp3). @throws dev.openai4k.OpenAIException */
    public suspend fun create(
        model: String,
        voice: String,
        text: String,
        options: RequestOptions = RequestOptions.NONE,
    ): ByteArray = create(SpeechRequest(model = model, input = text, voice = voice), options)


    /**
     * Speaks [SpeechRequest.input] and writes the audio to [out] as it arrives, in pieces of 8 KiB, so memory does
     * not grow with the audio's length. [out] is flushed, not closed. Not retried once audio has begun to arrive.
     *
     * @return the number of bytes written.
     * @throws dev.openai4k.OpenAIException; [java.io.IOException] if [out] fails.
     */
    public suspend fun createTo(
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
    public suspend fun createTo(
        request: SpeechRequest,
        path: Path,
        options: RequestOptions = RequestOptions.NONE,
    ): Long = writeAtomically(path) { out -> createTo(request, out, options) }


    /**
     * Speaks with `stream_format=sse` (models that support it, such as `gpt-4o-mini-tts`): base64 audio pieces as
     * [SpeechStreamEvent.AudioDelta]s, then [SpeechStreamEvent.AudioDone]. A cold flow; cancelling the collector
     * closes the connection.
     *
     * @throws dev.openai4k.OpenAIException from the flow.
     */
    public fun stream(request: SpeechRequest, options: RequestOptions = RequestOptions.NONE): Flow<SpeechStreamEvent> {
        val body = encodeRequestBody(
            SpeechRequest.serializer(), request, request.extraBody + ("stream_format" to JsonPrimitive("sse")),
        )
        return speechEvents(client.events(ApiCall(ApiMethod.POST, SPEECH, ApiBody.Json(body), options = options, deploymentScoped = true)))
    }


    private fun speechCall(request: SpeechRequest, options: RequestOptions): ApiCall = ApiCall(
        ApiMethod.POST, SPEECH,
        ApiBody.Json(encodeRequestBody(SpeechRequest.serializer(), request, request.extraBody)),
        options = options,
        deploymentScoped = true,
    )

    override fun toString(): String = "Speech"
}
