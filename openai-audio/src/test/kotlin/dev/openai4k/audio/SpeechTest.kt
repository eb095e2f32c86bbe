package dev.openai4k.audio

import dev.openai4k.AuthenticationException
import dev.openai4k.ErrorKind
import dev.openai4k.OpenAIConnectionException
import dev.openai4k.OpenAIDecodeException
import dev.openai4k.RateLimitException
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.ktor.client.engine.mock.respond
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpMethod
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import io.ktor.utils.io.ByteChannel
import io.ktor.utils.io.writeFully
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.cancel
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.io.ByteArrayOutputStream
import java.io.IOException
import java.nio.file.Files
import java.util.Base64

class SpeechTest : FunSpec({
    val audio = binary(4096)
    fun audioResponse() = Recorded { respond(audio, HttpStatusCode.OK, headersOf(HttpHeaders.ContentType, "audio/mpeg")) }

    test("speak sends exactly model, input and voice to /audio/speech and returns the bytes untouched") {
        val r = audioResponse()
        r.client.audio.speech.create(AudioModel.TTS_1, Voice.ALLOY, "Hello there") shouldBe audio
        val sent = r.single
        sent.data.method shouldBe HttpMethod.Post
        sent.data.url.toString() shouldBe "https://api.example.test/v1/audio/speech"
        sent.data.headers[HttpHeaders.Accept] shouldBe "*/*"
        sent.json shouldBe buildJsonObject {
            put("model", "tts-1")
            put("input", "Hello there")
            put("voice", "alloy")
        }
    }

    test("every speech field travels under its wire name; extraBody can send a custom voice object") {
        val r = audioResponse()
        val custom = buildJsonObject { put("id", "voice_1234") }
        r.client.audio.speech.create(speechRequest(AudioModel.GPT_4O_MINI_TTS, "Hi", Voice.CORAL) {
            responseFormat = SpeechFormat.OPUS
            speed = 1.25
            instructions = "Speak cheerfully."
            streamFormat = SpeechStreamFormat.AUDIO
            extraBody["voice"] = custom
        })
        r.single.json shouldBe buildJsonObject {
            put("model", "gpt-4o-mini-tts")
            put("input", "Hi")
            put("voice", custom)
            put("response_format", "opus")
            put("speed", 1.25)
            put("instructions", "Speak cheerfully.")
            put("stream_format", "audio")
        }
    }

    test("the Java builder and the Kotlin DSL build the same speech request") {
        SpeechRequest.builder("tts-1", "x", "nova").responseFormat("wav").speed(0.5).instructions("slow")
            .streamFormat("audio").extraBody("seed", JsonPrimitive(1)).build() shouldBe
            speechRequest("tts-1", "x", "nova") {
                responseFormat = "wav"; speed = 0.5; instructions = "slow"; streamFormat = "audio"
                extraBody["seed"] = JsonPrimitive(1)
            }
    }

    test("speechTo an OutputStream copies the body and counts it") {
        val r = audioResponse()
        val out = ByteArrayOutputStream()
        r.client.audio.speech.createTo(speechRequest("tts-1", "x", "echo"), out) shouldBe audio.size.toLong()
        out.toByteArray() shouldBe audio
        r.single.json.keys shouldBe setOf("model", "input", "voice")
    }

    test("speechTo a path creates parent directories and replaces an existing file") {
        val r = audioResponse()
        val target = Files.createTempDirectory("speech").resolve("a/b/out.mp3")
        Files.createDirectories(target.parent)
        Files.write(target, byteArrayOf(9, 9, 9))
        r.client.audio.speech.createTo(speechRequest("tts-1", "x", "echo"), target) shouldBe audio.size.toLong()
        Files.readAllBytes(target) shouldBe audio
        Files.list(target.parent).use { it.toList() } shouldBe listOf(target)
    }

    test("an error status leaves the target file as it was and no temporary file behind") {
        val r = Recorded {
            json("""{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}""", 401)
        }
        val dir = Files.createTempDirectory("speech")
        val target = Files.write(dir.resolve("keep.mp3"), byteArrayOf(1, 2, 3))
        val e = shouldThrow<AuthenticationException> { r.client.audio.speech.createTo(speechRequest("tts-1", "x", "echo"), target) }
        e.code shouldBe "invalid_api_key"
        e.kind shouldBe ErrorKind.API
        Files.readAllBytes(target) shouldBe byteArrayOf(1, 2, 3)
        Files.list(dir).use { it.toList() } shouldBe listOf(target)
    }

    test("a body that breaks half way fails the call and never creates the target file") {
        val scope = CoroutineScope(Dispatchers.IO)
        val r = Recorded {
            val channel = ByteChannel()
            scope.launch {
                channel.writeFully(binary(100_000))
                channel.flush()
                channel.cancel(IOException("connection reset by peer"))
            }
            respond(channel, HttpStatusCode.OK, headersOf(HttpHeaders.ContentType, "audio/mpeg"))
        }
        val dir = Files.createTempDirectory("speech")
        val target = dir.resolve("broken.mp3")
        try {
            val e = shouldThrow<OpenAIConnectionException> { r.client.audio.speech.createTo(speechRequest("tts-1", "x", "echo"), target) }
            e.message shouldContain "reset by peer"
        } finally {
            scope.cancel()
        }
        Files.list(dir).use { it.toList() } shouldBe emptyList()
    }

    test("a 429 becomes RateLimitException with the request id") {
        val r = Recorded {
            json("""{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}""", 429, "x-request-id" to "req_9")
        }
        val e = shouldThrow<RateLimitException> { r.client.audio.speech.create("tts-1", "alloy", "x") }
        e.requestId shouldBe "req_9"
        e.type shouldBe "requests"
        e.message shouldContain "Rate limit reached"
    }

    test("speechStream asks for stream_format=sse and decodes audio deltas, done with usage, and unknown events") {
        val a = binary(30, 1)
        val b = binary(40, 2)
        val enc = Base64.getEncoder()
        val r = Recorded {
            sseText(
                "data: {\"type\":\"speech.audio.delta\",\"audio\":\"${enc.encodeToString(a)}\"}\n\n",
                "data: {\"type\":\"speech.audio.delta\",\"audio\":\"${enc.encodeToString(b)}\"}\n\n",
                "data: {\"type\":\"speech.audio.marker\",\"at\":1.5}\n\n",
                "data: {\"type\":\"speech.audio.done\",\"usage\":{\"input_tokens\":14,\"output_tokens\":101,\"total_tokens\":115}}\n\n",
            )
        }
        val events = r.client.audio.speech.stream(speechRequest(AudioModel.GPT_4O_MINI_TTS, "Hi", Voice.ASH)).toList()
        r.single.json["stream_format"] shouldBe JsonPrimitive("sse")
        r.single.json.keys shouldBe setOf("model", "input", "voice", "stream_format")
        r.single.data.headers[HttpHeaders.Accept] shouldBe "text/event-stream"
        events.size shouldBe 4
        events[0].shouldBeInstanceOf<SpeechStreamEvent.AudioDelta>().bytes() shouldBe a
        events[1].shouldBeInstanceOf<SpeechStreamEvent.AudioDelta>().bytes() shouldBe b
        events[2].shouldBeInstanceOf<SpeechStreamEvent.Unknown>().type shouldBe "speech.audio.marker"
        events[3].shouldBeInstanceOf<SpeechStreamEvent.AudioDone>().usage shouldBe SpeechUsage(14, 101, 115)
    }

    test("a speech stream answered with raw audio instead of events is a decode error, not an empty flow") {
        val r = audioResponse()
        shouldThrow<OpenAIDecodeException> { r.client.audio.speech.stream(speechRequest("tts-1", "x", "echo")).toList() }
    }

    test("a refused connection surfaces as OpenAIConnectionException") {
        val r = Recorded { throw java.net.ConnectException("Connection refused") }
        shouldThrow<OpenAIConnectionException> { r.client.audio.speech.create("tts-1", "alloy", "x") }
    }
})
