package dev.openai4k.examples

import dev.openai4k.OpenAI
import dev.openai4k.audio.audio
import dev.openai4k.audio.speechRequest
import java.nio.file.Path

/** The sentence the speech example speaks (and the transcription example should hear back). */
const val SPEECH_TEXT: String = "Hello from the Kotlin examples. This sentence was spoken by a model, saved to a file, and transcribed back."

/** Speaks [SPEECH_TEXT] into a WAV file under [dir], streaming it to disk; returns the file. */
suspend fun speech(openai: OpenAI, model: String, voice: String, dir: Path): Path {
    val file = dir.resolve("speech.wav")
    openai.audio.speech.createTo(speechRequest(model, SPEECH_TEXT, voice) { responseFormat = "wav" }, file)
    return file
}
