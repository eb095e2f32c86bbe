package dev.openai4k.audio

import dev.openai4k.BadRequestException
import dev.openai4k.OpenAI
import dev.openai4k.OpenAIConnectionException
import dev.openai4k.http.FileSource
import dev.openai4k.testkit.Fault
import dev.openai4k.testkit.OpenAITestServer
import dev.openai4k.testkit.Scripted
import dev.openai4k.testkit.SseOptions
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.withTimeout
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.nio.file.Files
import kotlin.time.Duration.Companion.seconds

/** The audio API over real loopback sockets against the project's test server. */
class AudioSocketTest : FunSpec({
    val clip = binary(50_000, 11)

    test("speech trickled by the server is streamed whole into a file") {
        withServer { server, client ->
            val whole = client.audio.speech.create(speechRequest(AudioModel.TTS_1, "Hello", Voice.ALLOY) { responseFormat = "wav" })
            String(whole.copyOf(4), Charsets.US_ASCII) shouldBe "RIFF"
            server.enqueue("audio/speech", Scripted.fault(Fault.trickle(1000, 5)))
            val target = Files.createTempDirectory("socket-speech").resolve("hello.wav")
            client.audio.speech.createTo(speechRequest(AudioModel.TTS_1, "Hello", Voice.ALLOY) { responseFormat = "wav" }, target) shouldBe
                whole.size.toLong()
            Files.readAllBytes(target) shouldBe whole
            server.requests("audio/speech").last().jsonObject shouldBe buildJsonObject {
                put("model", "tts-1")
                put("input", "Hello")
                put("voice", "alloy")
                put("response_format", "wav")
            }
        }
    }

    // Ktor ends the body channel normally when the server closes early; core's executeStreaming checks the bytes
    // against Content-Length, so the truncation fails the call.
    test("a connection closed half way through the audio fails the call and leaves no file") {
        withServer { server, client ->
            server.enqueue("audio/speech", Scripted.fault(Fault.closeAfterBytes(1000)))
            val dir = Files.createTempDirectory("socket-speech")
            shouldThrow<OpenAIConnectionException> {
                client.audio.speech.createTo(speechRequest(AudioModel.TTS_1, "Hello", Voice.ALLOY), dir.resolve("cut.wav"))
            }
            Files.list(dir).use { it.toList() } shouldBe emptyList()
        }
    }

    test("speech as server-sent events decodes to the audio pieces and the usage") {
        withServer { server, client ->
            val events = client.audio.speech.stream(speechRequest(AudioModel.GPT_4O_MINI_TTS, "two words", Voice.SAGE)).toList()
            server.requests("audio/speech").single().jsonObject!!["stream_format"].toString() shouldBe "\"sse\""
            val deltas = events.filterIsInstance<SpeechStreamEvent.AudioDelta>()
            deltas.size shouldBe 2
            deltas.sumOf { it.bytes().size } shouldBe 4800
            events.last().shouldBeInstanceOf<SpeechStreamEvent.AudioDone>().usage!!.outputTokens shouldBe 10
        }
    }

    test("a verbose transcription with word timestamps: repeated parts on the wire, words and segments back") {
        withServer { server, client ->
            val v = client.audio.transcriptions.createVerbose(transcriptionRequest(AudioModel.WHISPER_1, FileSource.of(clip, "talk.mp3")) {
                language = "de"
                timestampGranularities += listOf(TimestampGranularity.WORD, TimestampGranularity.SEGMENT)
            })
            val parts = server.requests("audio/transcriptions").single().parts
            parts.map { it.name } shouldBe listOf(
                "file", "model", "language", "response_format", "timestamp_granularities[]", "timestamp_granularities[]",
            )
            parts[0].filename shouldBe "talk.mp3"
            parts[0].contentType shouldBe "audio/mpeg"
            parts[0].bytes shouldBe clip
            parts.filter { it.name == "timestamp_granularities[]" }.map { it.text } shouldBe listOf("word", "segment")
            v.language shouldBe "german"
            v.text shouldContain "talk.mp3 (50000 bytes)"
            v.words.shouldNotBeEmpty()
            v.segments.single().text shouldBe v.text
        }
    }

    test("plain-text formats come back verbatim and JSON gives its text") {
        withServer { _, client ->
            val request = transcriptionRequest(AudioModel.WHISPER_1, FileSource.of(clip, "a.wav"))
            val json = client.audio.transcriptions.create(request)
            json.usage!!.type shouldBe "duration"
            client.audio.transcriptions.createText(request.copy(responseFormat = TranscriptionFormat.TEXT)) shouldBe json.text + "\n"
            client.audio.transcriptions.createText(request.copy(responseFormat = TranscriptionFormat.SRT)) shouldStartWith
                "1\n00:00:00,000 --> 00:00:01,000\n${json.text}"
            client.audio.translations.createText(translationRequest(AudioModel.WHISPER_1, FileSource.of(clip, "a.wav")) {
                responseFormat = TranscriptionFormat.VTT
            }) shouldStartWith "WEBVTT"
        }
    }

    test("a streamed transcription's deltas add up to the final text") {
        withServer { server, client ->
            val events = client.audio.transcriptions.stream(
                transcriptionRequest(AudioModel.GPT_4O_MINI_TRANSCRIBE, FileSource.of(clip.inputStream(), "s.wav")),
            ).toList()
            server.requests("audio/transcriptions").single().part("stream")!!.text shouldBe "true"
            val deltas = events.filterIsInstance<TranscriptionStreamEvent.TextDelta>()
            deltas.size shouldBe events.size - 1
            val done = events.last().shouldBeInstanceOf<TranscriptionStreamEvent.TextDone>()
            deltas.joinToString("") { it.delta } shouldBe done.text
            done.usage!!.totalTokens shouldBe done.usage!!.inputTokens!! + done.usage!!.outputTokens!!
        }
    }

    test("stopping a streamed transcription after its first delta closes the connection") {
        withServer { server, client ->
            val delta = """{"type":"transcript.text.delta","delta":"word "}"""
            server.enqueue("audio/transcriptions", Scripted.sse(List(5) { delta }, SseOptions.DEFAULT.withDelayMillis(300)))
            client.audio.transcriptions.stream(transcriptionRequest("gpt-4o-transcribe", FileSource.of(clip, "a.wav"))).first()
                .shouldBeInstanceOf<TranscriptionStreamEvent.TextDelta>().delta shouldBe "word "
            server.awaitDisconnects(1, 10.seconds) shouldBe true
        }
    }

    test("the server's own validation error arrives as BadRequestException") {
        withServer { server, client ->
            server.enqueue("audio/translations", Scripted.error(400))
            val e = shouldThrow<BadRequestException> {
                client.audio.translations.create(translationRequest(AudioModel.WHISPER_1, FileSource.of(clip, "a.wav")))
            }
            e.status shouldBe 400
            e.message!!.length shouldBe e.message!!.trim().length
        }
    }
})

/** Runs [block] against a fresh test server and a client pointed at it, both closed afterwards. */
internal suspend fun withServer(maxRetries: Int = 0, block: suspend (OpenAITestServer, OpenAI) -> Unit) {
    OpenAITestServer.start().use { server ->
        OpenAI {
            baseUrl = server.baseUrl
            apiKey = "sk-socket-test"
            this.maxRetries = maxRetries
        }.use { client -> withTimeout(30.seconds) { block(server, client) } }
    }
}
