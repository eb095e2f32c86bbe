package dev.openai4k.contract

import dev.openai4k.audio.ChunkingStrategy
import dev.openai4k.audio.SpeechRequest
import dev.openai4k.audio.TranscriptionFormat
import dev.openai4k.audio.TranscriptionRequest
import dev.openai4k.audio.TranslationRequest
import dev.openai4k.audio.audio
import dev.openai4k.audio.speechRequest
import dev.openai4k.audio.transcriptionRequest
import dev.openai4k.audio.translationRequest
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

@EnabledIf(PrismAvailable::class)
class AudioContractTest : FunSpec({
    contract(
        Operations.AUDIO_SPEECH,
        minimal = {
            val bytes = openai.audio.speech.create(SpeechRequest("tts-1", "Hello there", "alloy"), options)
            // The spec declares an octet-stream of type string; Prism's example is the word "string".
            if (!dynamic) bytes.decodeToString() shouldBe "string"
        },
        full = {
            val request = speechRequest("gpt-4o-mini-tts", "Hello there", "coral") {
                responseFormat = "wav"
                speed = 1.25
                instructions = "Speak cheerfully."
                streamFormat = "audio"
            }
            openai.audio.speech.create(request, options)
        },
    )

    contract(
        Operations.AUDIO_TRANSCRIPTION,
        minimal = {
            val transcription = openai.audio.transcriptions.create(TranscriptionRequest("whisper-1", Fixtures.mp3()), options)
            if (!dynamic) {
                transcription.text shouldBe "string"
                transcription.usage?.type shouldBe "tokens"
            }
        },
        full = {
            val request = transcriptionRequest("whisper-1", Fixtures.mp3()) {
                language = "en"
                prompt = "A talk about cats."
                temperature = 0.2
                timestampGranularities("word", "segment")
                chunkingStrategy = ChunkingStrategy.AUTO
            }
            val verbose = openai.audio.transcriptions.createVerbose(request, options)
            if (!dynamic) verbose.text shouldBe "string"
        },
    )

    test("transcription with server_vad chunking (bracketed form fields)") {
        checked(Operations.AUDIO_TRANSCRIPTION, Mode.FULL) {
            val request = transcriptionRequest("gpt-4o-transcribe", Fixtures.mp3()) {
                chunkingStrategy = ChunkingStrategy.serverVad(threshold = 0.5, prefixPaddingMs = 300, silenceDurationMs = 500)
            }
            ContractClient.openai.audio.transcriptions.create(request)
        }
    }

    test("transcription: json with logprobs and auto chunking; plain text") {
        checked(Operations.AUDIO_TRANSCRIPTION, Mode.FULL) {
            val request = transcriptionRequest("gpt-4o-transcribe", Fixtures.mp3()) {
                responseFormat = TranscriptionFormat.JSON
                include("logprobs")
                chunkingStrategy = ChunkingStrategy.AUTO
            }
            ContractClient.openai.audio.transcriptions.create(request).logprobs.size shouldBe 1
        }
        checked(Operations.AUDIO_TRANSCRIPTION, Mode.FULL) {
            val request = transcriptionRequest("whisper-1", Fixtures.mp3()) { responseFormat = TranscriptionFormat.TEXT }
            ContractClient.openai.audio.transcriptions.createText(request)
        }
    }

    contract(
        Operations.AUDIO_TRANSLATION,
        minimal = {
            val translation = openai.audio.translations.create(TranslationRequest("whisper-1", Fixtures.mp3()), options)
            if (!dynamic) translation.text shouldBe "string"
        },
        full = {
            val request = translationRequest("whisper-1", Fixtures.mp3()) {
                prompt = "A talk about cats."
                responseFormat = TranscriptionFormat.JSON
                temperature = 0.3
            }
            openai.audio.translations.create(request, options)
        },
    )

    test("translation: verbose json and plain text") {
        checked(Operations.AUDIO_TRANSLATION, Mode.FULL) {
            ContractClient.openai.audio.translations.createVerbose(translationRequest("whisper-1", Fixtures.mp3()) { temperature = 0.1 })
        }
        checked(Operations.AUDIO_TRANSLATION, Mode.FULL) {
            ContractClient.openai.audio.translations.createText(translationRequest("whisper-1", Fixtures.mp3()) { responseFormat = TranscriptionFormat.SRT })
        }
    }
})
