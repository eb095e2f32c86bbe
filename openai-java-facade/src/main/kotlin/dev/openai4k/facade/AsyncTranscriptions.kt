package dev.openai4k.facade

import dev.openai4k.RequestOptions
import dev.openai4k.audio.Transcription
import dev.openai4k.audio.TranscriptionRequest
import dev.openai4k.audio.TranscriptionStreamEvent
import dev.openai4k.audio.Transcriptions
import dev.openai4k.audio.Translations
import dev.openai4k.audio.TranslationRequest
import dev.openai4k.audio.VerboseTranscription
import java.util.concurrent.CompletableFuture

/** Transcriptions for Java (`openai.audio().transcriptions()`); see the Kotlin [Transcriptions]. */
public class AsyncTranscriptions internal constructor(private val transcriptions: Transcriptions, private val runtime: AsyncRuntime) {
    /** Transcribes audio and decodes the JSON answer; see [Transcriptions.create]. */
    @JvmOverloads
    public fun create(request: TranscriptionRequest, options: RequestOptions = RequestOptions.NONE): CompletableFuture<Transcription> =
        runtime.future { transcriptions.create(request, options) }

    /** Transcribes audio and completes with the text (or subtitles); see [Transcriptions.createText]. */
    @JvmOverloads
    public fun createText(request: TranscriptionRequest, options: RequestOptions = RequestOptions.NONE): CompletableFuture<String> =
        runtime.future { transcriptions.createText(request, options) }

    /** Transcribes audio with segments and timestamps; see [Transcriptions.createVerbose]. */
    @JvmOverloads
    public fun createVerbose(
        request: TranscriptionRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<VerboseTranscription> = runtime.future { transcriptions.createVerbose(request, options) }

    /** Transcribes as a stream of text events (see [AsyncStream]); see [Transcriptions.stream]. */
    @JvmOverloads
    public fun stream(
        request: TranscriptionRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): AsyncStream<TranscriptionStreamEvent> = runtime.stream { transcriptions.stream(request, options) }

    override fun toString(): String = "AsyncTranscriptions"
}

/** Translations into English for Java (`openai.audio().translations()`); see the Kotlin [Translations]. */
public class AsyncTranslations internal constructor(private val translations: Translations, private val runtime: AsyncRuntime) {
    /** Translates speech into English and decodes the JSON answer; see [Translations.create]. */
    @JvmOverloads
    public fun create(request: TranslationRequest, options: RequestOptions = RequestOptions.NONE): CompletableFuture<Transcription> =
        runtime.future { translations.create(request, options) }

    /** Translates speech into English and completes with the text; see [Translations.createText]. */
    @JvmOverloads
    public fun createText(request: TranslationRequest, options: RequestOptions = RequestOptions.NONE): CompletableFuture<String> =
        runtime.future { translations.createText(request, options) }

    /** Translates speech into English with segments; see [Translations.createVerbose]. */
    @JvmOverloads
    public fun createVerbose(
        request: TranslationRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<VerboseTranscription> = runtime.future { translations.createVerbose(request, options) }

    override fun toString(): String = "AsyncTranslations"
}
