package dev.openai4k.examples

import dev.openai4k.OpenAI
import dev.openai4k.audio.audio
import dev.openai4k.audio.transcriptionRequest
import dev.openai4k.http.FileSource
import java.nio.file.Path

/** Transcribes the audio file [audio] (the speech example's output) back into text. */
suspend fun transcription(openai: OpenAI, model: String, audio: Path): String =
    openai.audio.transcriptions.create(transcriptionRequest(model, FileSource.of(audio)) { language = "en" }).text
