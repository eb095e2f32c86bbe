package dev.openai4k.audio

import dev.openai4k.OpenAI

/**
 * The audio API: [speech] from text, and [transcriptions] and [translations] of audio files.
 *
 * ```kotlin
 * val mp3: ByteArray = openai.audio.speech.create(AudioModel.TTS_1, Voice.ALLOY, "Hello")
 * openai.audio.speech.createTo(speechRequest(AudioModel.TTS_1, longText, Voice.NOVA), Path.of("book.mp3"))
 * val text = openai.audio.transcriptions.createText(transcriptionRequest(AudioModel.WHISPER_1, FileSource.of(path)))
 * ```
 *
 * Every call throws [dev.openai4k.OpenAIException] on failure: a status subclass for error answers, a
 * connection or timeout exception for the network, [dev.openai4k.OpenAIDecodeException] for an answer that does
 * not decode.
 */
public class Audio internal constructor(client: OpenAI) {
    /** Speech from text: `create`, `createTo` (a stream or a file), `stream` (server-sent audio pieces). */
    public val speech: Speech = Speech(client)

    /** Transcriptions: `create` (JSON), `createText`, `createVerbose`, `stream`. */
    public val transcriptions: Transcriptions = Transcriptions(client)

    /** Translations into English: `create` (JSON), `createText`, `createVerbose`. */
    public val translations: Translations = Translations(client)

    override fun toString(): String = "Audio"
}

/** The audio API of this client. */
public val OpenAI.audio: Audio get() = Audio(this)
