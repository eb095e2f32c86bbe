package dev.openai4k.facade

import dev.openai4k.RequestOptions
import dev.openai4k.audio.Speech
import dev.openai4k.audio.SpeechRequest
import dev.openai4k.audio.SpeechStreamEvent
import java.io.OutputStream
import java.nio.file.Path
import java.util.concurrent.CompletableFuture

/** Speech from text for Java (`openai.audio().speech()`); see the Kotlin [Speech]. */
public class AsyncSpeech internal constructor(private val speech: Speech, private val runtime: AsyncRuntime) {
    /** Speaks the request's input and completes with the whole audio; see [Speech.create]. */
    @JvmOverloads
    public fun create(request: SpeechRequest, options: RequestOptions = RequestOptions.NONE): CompletableFuture<ByteArray> =
        runtime.future { speech.create(request, options) }

    /** Speaks [text] with [voice] and completes with the audio (mp3); see [Speech.create]. */
    @JvmOverloads
    public fun create(model: String, voice: String, text: String, options: RequestOptions = RequestOptions.NONE): CompletableFuture<ByteArray> =
        runtime.future { speech.create(model, voice, text, options) }

    /**
     * Speaks the request's input, writing the audio to [out] as it arrives (flushed, not closed); completes with
     * the byte count. See [Speech.createTo].
     */
    @JvmOverloads
    public fun createTo(request: SpeechRequest, out: OutputStream, options: RequestOptions = RequestOptions.NONE): CompletableFuture<Long> =
        runtime.future { speech.createTo(request, out, options) }

    /**
     * Speaks the request's input into the file [path], replaced only once the audio is complete; completes with the
     * byte count. See [Speech.createTo].
     */
    @JvmOverloads
    public fun createTo(request: SpeechRequest, path: Path, options: RequestOptions = RequestOptions.NONE): CompletableFuture<Long> =
        runtime.future { speech.createTo(request, path, options) }

    /** Speaks as a stream of base64 audio events (see [AsyncStream]); see [Speech.stream]. */
    @JvmOverloads
    public fun stream(request: SpeechRequest, options: RequestOptions = RequestOptions.NONE): AsyncStream<SpeechStreamEvent> =
        runtime.stream { speech.stream(request, options) }

    override fun toString(): String = "AsyncSpeech"
}
