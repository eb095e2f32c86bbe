package dev.openai4k.facade

import dev.openai4k.OpenAI
import dev.openai4k.audio.Audio
import dev.openai4k.audio.audio

/**
 * The audio API for Java (`openai.audio()`): [speech], [transcriptions] and [translations]. Futures fail with the
 * `OpenAIException`s the Kotlin [Audio] documents (and `IOException` where a file or stream is written).
 *
 * ```java
 * byte[] mp3 = openai.audio().speech().create("tts-1", "alloy", "Hello").join();
 * String text = openai.audio().transcriptions().createText(request).join();
 * ```
 */
public class AsyncAudio internal constructor(client: OpenAI, runtime: AsyncRuntime) {
    private val audio: Audio = client.audio
    private val speech = AsyncSpeech(audio.speech, runtime)
    private val transcriptions = AsyncTranscriptions(audio.transcriptions, runtime)
    private val translations = AsyncTranslations(audio.translations, runtime)

    /** Speech from text. */
    public fun speech(): AsyncSpeech = speech

    /** Transcriptions of audio files. */
    public fun transcriptions(): AsyncTranscriptions = transcriptions

    /** Translations of speech into English. */
    public fun translations(): AsyncTranslations = translations

    /** The Kotlin API underneath. */
    public fun kotlin(): Audio = audio

    override fun toString(): String = "AsyncAudio"
}
