package dev.openai4k.audio

import dev.openai4k.http.FileSource
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.ktor.client.engine.mock.respond
import io.ktor.http.HttpStatusCode

class TranslationTest : FunSpec({
    val audio = binary(2048, 4)

    test("a translation sends file, model and the set fields to /audio/translations") {
        val r = Recorded { json("""{"text":"Hello, my name is Wolfgang."}""") }
        val request = TranslationRequest.builder(AudioModel.WHISPER_1, FileSource.of(audio, "german.m4a"))
            .prompt("Names: Wolfgang").responseFormat("json").temperature(0.0).extraField("k", "v").build()
        request shouldBe translationRequest(AudioModel.WHISPER_1, request.file) {
            prompt = "Names: Wolfgang"; responseFormat = "json"; temperature = 0.0; extraFields["k"] = "v"
        }
        r.client.audio.translations.create(request).text shouldBe "Hello, my name is Wolfgang."
        val sent = r.single
        sent.path shouldBe "/v1/audio/translations"
        val parts = sent.parts
        parts.map { it.name } shouldBe listOf("file", "model", "prompt", "response_format", "temperature", "k")
        parts[0].filename shouldBe "german.m4a"
        parts[0].contentType shouldBe "audio/mp4"
        parts[0].bytes shouldBe audio
        parts.drop(1).map { it.text } shouldBe listOf("whisper-1", "Names: Wolfgang", "json", "0.0", "v")
    }

    test("translateText returns a vtt body verbatim; translate refuses it") {
        val vtt = "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nHello\n"
        val r = Recorded { respond(vtt, HttpStatusCode.OK) }
        val request = translationRequest("whisper-1", FileSource.of(audio, "a.mp3")) { responseFormat = TranscriptionFormat.VTT }
        r.client.audio.translations.createText(request) shouldBe vtt
        shouldThrow<IllegalArgumentException> { r.client.audio.translations.create(request) }
        r.requests.size shouldBe 1
    }

    test("translateText with the default format reads the JSON text") {
        val r = Recorded { json("""{"text":"Good morning"}""") }
        r.client.audio.translations.createText(translationRequest("whisper-1", FileSource.of(audio, "a.mp3"))) shouldBe "Good morning"
        r.single.parts.map { it.name } shouldBe listOf("file", "model")
    }

    test("translateVerbose forces verbose_json and decodes segments") {
        val r = Recorded {
            json(
                """{"task":"translate","language":"english","duration":2.5,"text":"Hello",
                   "segments":[{"id":0,"seek":0,"start":0.0,"end":2.5,"text":"Hello","tokens":[1,2],"temperature":0.0,
                   "avg_logprob":-0.3,"compression_ratio":0.9,"no_speech_prob":0.01}]}""",
            )
        }
        val v = r.client.audio.translations.createVerbose(translationRequest("whisper-1", FileSource.of(audio, "a.mp3")) { responseFormat = "srt" })
        r.single.parts.single { it.name == "response_format" }.text shouldBe "verbose_json"
        v.task shouldBe "translate"
        v.duration shouldBe 2.5
        v.segments.single().tokens shouldBe listOf(1, 2)
        v.segments.single().noSpeechProb shouldBe 0.01
    }
})
