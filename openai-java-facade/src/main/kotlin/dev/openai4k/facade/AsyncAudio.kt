package dev.openai4k.facade

import dev.openai4k.OpenAI
import dev.openai4k.RequestOptions
import dev.openai4k.audio.Audio
import dev.openai4k.audio.SpeechRequest
import dev.openai4k.audio.SpeechStreamEvent
import dev.openai4k.audio.Transcription
import dev.openai4k.audio.TranscriptionRequest
import dev.openai4k.audio.TranscriptionStreamEvent
import dev.openai4k.audio.TranslationRequest
import dev.openai4k.audio.VerboseTranscription
import dev.openai4k.audio.audio
import java.io.OutputStream
import java.nio.file.Path
import java.util.concurrent.CompletableFuture

/**
 * The audio API for Java (`openai.audio()`): speech, transcriptions and translations. Futures fail with the
 * `OpenAIException`s the Kotlin [Audio] documents (and `IOException` where a file or stream is written).
 */
public class AsyncAudio internal constructor(client: OpenAI, private val runtime: AsyncRuntime) {
    private val audio: Audio = client.audio

    /** Speaks the request's input and completes with the whole audio; see [Audio.speech]. */
    @JvmOverloads
    public fun speech(request: SpeechRequest, options: RequestOptions = RequestOptions.NONE): CompletableFuture<ByteArray> =
        runtime.future { audio.speech(request, options) }

    /** Speaks [text] with [voice] and completes with the audio (mp3); see [Audio.speak]. */
    @JvmOverloads
    public fun speak(model: String, voice: String, text: String, options: RequestOptions = RequestOptions.NONE): CompletableFuture<ByteArray> =
        runtime.future { audio.speak(model, voice, text, options) }

    /**
     * Speaks the request's input, writing the audio to [out] as it arrives (flushed, not closed); completes with
     * the byte count. See [Audio.speechTo].
     */
    @JvmOverloads
    public fun speechTo(request: SpeechRequest, out: OutputStream, options: RequestOptions = RequestOptions.NONE): CompletableFuture<Long> =
        runtime.future { audio.speechTo(request, out, options) }

    /**
     * Speaks the request's input into the file [path], replaced only once the audio is complete; completes with the
     * byte count. See [Audio.speechTo].
     */
    @JvmOverloads
    public fun speechTo(request: SpeechRequest, path: Path, options: RequestOptions = RequestOptions.NONE): CompletableFuture<Long> =
        runtime.future { audio.speechTo(request, path, options) }

    /** Speaks as a stream of base64 audio events (see [AsyncStream]); see [Audio.speechStream]. */
    @JvmOverloads
    public fun speechStream(request: SpeechRequest, options: RequestOptions = RequestOptions.NONE): AsyncStream<SpeechStreamEvent> =
        runtime.stream { audio.speechStream(request, options) }

    /** Transcribes audio and decodes the JSON answer; see [Audio.transcribe]. */
    @JvmOverloads
    public fun transcribe(request: TranscriptionRequest, options: RequestOptions = RequestOptions.NONE): CompletableFuture<Transcription> =
        runtime.future { audio.transcribe(request, options) }

    /** Transcribes audio and completes with the text (or subtitles); see [Audio.transcribeText]. */
    @JvmOverloads
    public fun transcribeText(request: TranscriptionRequest, options: RequestOptions = RequestOptions.NONE): CompletableFuture<String> =
        runtime.future { audio.transcribeText(request, options) }

    /** Transcribes audio with segments and timestamps; see [Audio.transcribeVerbose]. */
    @JvmOverloads
    public fun transcribeVerbose(
        request: TranscriptionRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<VerboseTranscription> = runtime.future { audio.transcribeVerbose(request, options) }

    /** Transcribes as a stream of text events (see [AsyncStream]); see [Audio.transcribeStream]. */
    @JvmOverloads
    public fun transcribeStream(
        request: TranscriptionRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): AsyncStream<TranscriptionStreamEvent> = runtime.stream { audio.transcribeStream(request, options) }

    /** Translates speech into English and decodes the JSON answer; see [Audio.translate]. */
    @JvmOverloads
    public fun translate(request: TranslationRequest, options: RequestOptions = RequestOptions.NONE): CompletableFuture<Transcription> =
        runtime.future { audio.translate(request, options) }

    /** Translates speech into English and completes with the text; see [Audio.translateText]. */
    @JvmOverloads
    public fun translateText(request: TranslationRequest, options: RequestOptions = RequestOptions.NONE): CompletableFuture<String> =
        runtime.future { audio.translateText(request, options) }

    /** Translates speech into English with segments; see [Audio.translateVerbose]. */
    @JvmOverloads
    public fun translateVerbose(
        request: TranslationRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<VerboseTranscription> = runtime.future { audio.translateVerbose(request, options) }

    /** The Kotlin API underneath. */
    public fun kotlin(): Audio = audio
}
