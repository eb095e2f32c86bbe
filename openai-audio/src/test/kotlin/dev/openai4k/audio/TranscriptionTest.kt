package dev.openai4k.audio

import dev.openai4k.BadRequestException
import dev.openai4k.OpenAIDecodeException
import dev.openai4k.http.FileSource
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.ktor.client.engine.mock.respond
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpMethod
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.nio.file.Files

class TranscriptionTest : FunSpec({
    val wav = binary(10_000)

    test("a minimal transcription sends the file part and the model, nothing else") {
        val r = Recorded { json("""{"text":"hello"}""") }
        val dir = Files.createTempDirectory("stt")
        val path = Files.write(dir.resolve("meeting.mp3"), wav)
        r.client.audio.transcriptions.create(TranscriptionRequest.builder(AudioModel.WHISPER_1, path).build()).text shouldBe "hello"
        val sent = r.single
        sent.data.method shouldBe HttpMethod.Post
        sent.data.url.toString() shouldBe "https://api.example.test/v1/audio/transcriptions"
        sent.contentType!! shouldStartWith "multipart/form-data"
        val parts = sent.parts
        parts.map { it.name } shouldBe listOf("file", "model")
        parts[0].filename shouldBe "meeting.mp3"
        parts[0].contentType shouldBe "audio/mpeg"
        parts[0].bytes shouldBe wav
        parts[1].filename.shouldBeNull()
        parts[1].text shouldBe "whisper-1"
    }

    test("every field goes as its own part; list fields repeat their bracketed name") {
        val r = Recorded { json("""{"text":"x"}""") }
        r.client.audio.transcriptions.create(transcriptionRequest(AudioModel.GPT_4O_TRANSCRIBE, FileSource.of(wav, "a.wav")) {
            language = "de"
            prompt = "Namen: Jürgen"
            responseFormat = TranscriptionFormat.JSON
            temperature = 0.2
            timestampGranularities += listOf(TimestampGranularity.WORD, TimestampGranularity.SEGMENT)
            include += TranscriptionInclude.LOGPROBS
            chunkingStrategy = ChunkingStrategy.AUTO
            extraFields["vad_filter"] = "true"
        })
        val parts = r.single.parts
        parts.map { it.name } shouldBe listOf(
            "file", "model", "language", "prompt", "response_format", "temperature",
            "timestamp_granularities[]", "timestamp_granularities[]", "include[]", "chunking_strategy", "vad_filter",
        )
        parts[0].contentType shouldBe "audio/wav"
        parts.drop(1).map { it.text } shouldBe listOf(
            "gpt-4o-transcribe", "de", "Namen: Jürgen", "json", "0.2", "word", "segment", "logprobs", "auto", "true",
        )
    }

    test("a server_vad chunking strategy is sent as bracketed fields with only the set parameters") {
        val r = Recorded { json("""{"text":"x"}""") }
        r.client.audio.transcriptions.create(
            TranscriptionRequest.builder("gpt-4o-transcribe", FileSource.of(wav, "a.wav"))
                .chunkingStrategy(ChunkingStrategy.serverVad(threshold = 0.6, silenceDurationMs = 500)).build(),
        )
        r.single.parts.filter { it.name.startsWith("chunking_strategy") }.map { it.name to it.text } shouldBe listOf(
            "chunking_strategy[type]" to "server_vad",
            "chunking_strategy[threshold]" to "0.6",
            "chunking_strategy[silence_duration_ms]" to "500",
        )
    }

    test("audio from a stream is sent once, byte for byte; extra fields replace modelled ones") {
        val r = Recorded { json("""{"text":"x"}""") }
        val request = transcriptionRequest("whisper-1", FileSource.of(wav.inputStream(), "clip.ogg")) {
            language = "en"
            extraFields["language"] = "auto"
        }
        r.client.audio.transcriptions.create(request)
        val parts = r.single.parts
        parts.map { it.name } shouldBe listOf("file", "model", "language")
        parts[0].contentType shouldBe "audio/ogg"
        parts[0].bytes shouldBe wav
        parts[2].text shouldBe "auto"
    }

    test("the Java builder and the Kotlin DSL build the same transcription request") {
        val file = FileSource.of(wav, "a.wav")
        TranscriptionRequest.builder("m", file).language("en").prompt("p").responseFormat("json").temperature(0.1)
            .timestampGranularities("word").include("logprobs").chunkingStrategy(ChunkingStrategy.AUTO)
            .extraField("k", "v").build() shouldBe
            transcriptionRequest("m", file) {
                language = "en"; prompt = "p"; responseFormat = "json"; temperature = 0.1
                timestampGranularities += "word"; include += "logprobs"; chunkingStrategy = ChunkingStrategy.AUTO
                extraFields["k"] = "v"
            }
    }

    test("OpenAI's JSON with token usage and logprobs decodes") {
        val r = Recorded {
            json(
                """{"text":"Imagine the wildest idea","logprobs":[{"token":"Imagine","logprob":-0.01,"bytes":[73,109]}],
                   "usage":{"type":"tokens","input_tokens":14,"input_token_details":{"text_tokens":10,"audio_tokens":4},
                   "output_tokens":101,"total_tokens":115}}""",
            )
        }
        val t = r.client.audio.transcriptions.create(transcriptionRequest("gpt-4o-transcribe", FileSource.of(wav, "a.wav")))
        t.text shouldBe "Imagine the wildest idea"
        t.logprobs shouldBe listOf(TranscriptionLogprob("Imagine", -0.01, listOf(73, 109)))
        t.usage shouldBe TranscriptionUsage("tokens", 14, AudioInputTokenDetails(10, 4), 101, 115, null)
    }

    test("whisper.cpp's minimal {\"text\"} and whisper-1's duration usage decode") {
        val r1 = Recorded { json("""{"text":" And so my fellow Americans\n"}""") }
        val t1 = r1.client.audio.transcriptions.create(transcriptionRequest("ggml-base.en", FileSource.of(wav, "a.wav")))
        t1.text shouldBe " And so my fellow Americans\n"
        t1.usage.shouldBeNull()
        t1.logprobs.shouldBeEmpty()
        val r2 = Recorded { json("""{"text":"hi","usage":{"type":"duration","seconds":9}}""") }
        r2.client.audio.transcriptions.create(transcriptionRequest("whisper-1", FileSource.of(wav, "a.wav"))).usage shouldBe
            TranscriptionUsage(type = "duration", seconds = 9.0)
    }

    test("transcribeText returns text, srt and vtt bodies verbatim, asked for with Accept */*") {
        val srt = "1\n00:00:00,000 --> 00:00:02,500\nGrüße aus Köln\n\n"
        for (format in listOf(TranscriptionFormat.TEXT, TranscriptionFormat.SRT, TranscriptionFormat.VTT)) {
            val r = Recorded { respond(srt.encodeToByteArray(), HttpStatusCode.OK, headersOf(HttpHeaders.ContentType, "text/plain; charset=utf-8")) }
            r.client.audio.transcriptions.createText(transcriptionRequest("whisper-1", FileSource.of(wav, "a.wav")) {
                responseFormat = format
            }) shouldBe srt
            r.single.parts.single { it.name == "response_format" }.text shouldBe format
            r.single.data.headers[HttpHeaders.Accept] shouldBe "*/*"
        }
    }

    test("transcribeText with a JSON format (or none) extracts the text field") {
        val r = Recorded { json("""{"text":"from json","usage":{"type":"duration","seconds":1}}""") }
        r.client.audio.transcriptions.createText(transcriptionRequest("whisper-1", FileSource.of(wav, "a.wav"))) shouldBe "from json"
        r.single.parts.map { it.name } shouldBe listOf("file", "model")
    }

    test("transcribe refuses a plain-text format before sending anything") {
        val r = Recorded { json("""{"text":"x"}""") }
        val e = shouldThrow<IllegalArgumentException> {
            r.client.audio.transcriptions.create(transcriptionRequest("whisper-1", FileSource.of(wav, "a.wav")) { responseFormat = "srt" })
        }
        e.message shouldContain "audio.transcriptions.createText"
        r.requests.shouldBeEmpty()
    }

    test("transcribeVerbose forces verbose_json and decodes language, duration, segments and words") {
        val r = Recorded {
            json(
                """{"task":"transcribe","language":"english","duration":8.470000267028809,"text":"The beach was popular.",
                   "segments":[{"id":0,"seek":0,"start":0.0,"end":3.319999933242798,"text":" The beach was popular.",
                     "tokens":[50364,440,7534],"temperature":0.0,"avg_logprob":-0.2860786020755768,
                     "compression_ratio":1.2363636493682861,"no_speech_prob":0.00985979475080967}],
                   "words":[{"word":"The","start":0.0,"end":0.24},{"word":"beach","start":0.24,"end":0.6}],
                   "usage":{"type":"duration","seconds":9}}""",
            )
        }
        val v = r.client.audio.transcriptions.createVerbose(transcriptionRequest("whisper-1", FileSource.of(wav, "a.wav")) {
            responseFormat = TranscriptionFormat.TEXT
            timestampGranularities += TimestampGranularity.WORD
        })
        r.single.parts.associate { it.name to it.text }["response_format"] shouldBe "verbose_json"
        v.task shouldBe "transcribe"
        v.language shouldBe "english"
        v.duration shouldBe 8.470000267028809
        v.text shouldBe "The beach was popular."
        v.segments shouldBe listOf(
            TranscriptionSegment(0, 0, 0.0, 3.319999933242798, " The beach was popular.", listOf(50364, 440, 7534), 0.0,
                -0.2860786020755768, 1.2363636493682861, 0.00985979475080967),
        )
        v.words shouldBe listOf(TranscriptionWord("The", 0.0, 0.24), TranscriptionWord("beach", 0.24, 0.6))
        v.usage shouldBe TranscriptionUsage(type = "duration", seconds = 9.0)
    }

    test("a local server's verbose answer with sparse segments decodes with defaults") {
        val r = Recorded {
            json("""{"text":"hi there","language":"en","segments":[{"id":0,"start":0.0,"end":1.5,"text":"hi there","speaker":"A"}]}""")
        }
        val v = r.client.audio.transcriptions.createVerbose(transcriptionRequest("Systran/faster-whisper-small", FileSource.of(wav, "a.wav")))
        v.duration.shouldBeNull()
        v.words.shouldBeEmpty()
        v.segments.single() shouldBe TranscriptionSegment(id = 0, start = 0.0, end = 1.5, text = "hi there")
    }

    test("a 400 on a transcription becomes BadRequestException with the blamed parameter") {
        val r = Recorded {
            json("""{"error":{"message":"Invalid file format. Supported formats: ['flac', 'mp3']","type":"invalid_request_error","param":"file","code":null}}""", 400)
        }
        val e = shouldThrow<BadRequestException> {
            r.client.audio.transcriptions.create(transcriptionRequest("whisper-1", FileSource.of(wav, "a.bin")))
        }
        e.param shouldBe "file"
        e.code.shouldBeNull()
        e.message shouldContain "Invalid file format"
        r.single.parts[0].contentType shouldBe "application/octet-stream"
    }

    test("a body that is not a transcription is a decode error carrying the body") {
        val r = Recorded { json("""{"text":{"nested":true}}""") }
        val e = shouldThrow<OpenAIDecodeException> {
            r.client.audio.transcriptions.create(transcriptionRequest("whisper-1", FileSource.of(wav, "a.wav")))
        }
        e.bodySnippet!! shouldContain "nested"
    }
})
