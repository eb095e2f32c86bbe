package dev.openai4k.audio

import dev.openai4k.OpenAIDecodeException
import dev.openai4k.OpenAIStreamException
import dev.openai4k.http.FileSource
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.ktor.http.HttpHeaders
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.toList

class TranscriptionStreamTest : FunSpec({
    val audio = binary(1000, 7)
    fun request() = transcriptionRequest(AudioModel.GPT_4O_MINI_TRANSCRIBE, FileSource.of(audio, "a.wav")) { language = "en" }

    test("transcribeStream adds stream=true to the form and decodes deltas, segments, done and unknown events") {
        val r = Recorded {
            sseText(
                "data: {\"type\":\"transcript.text.delta\",\"delta\":\"I see\",\"logprobs\":[{\"token\":\"I\",\"logprob\":-0.1,\"bytes\":[73]}]}\n\n",
                "data: {\"type\":\"transcript.text.delta\",\"delta\":\" skies\",\"segment_id\":\"seg_1\"}\n\n",
                "data: {\"type\":\"transcript.text.segment\",\"id\":\"seg_1\",\"start\":0.0,\"end\":1.5,\"text\":\"I see skies\",\"speaker\":\"A\"}\n\n",
                "event: transcript.text.future\ndata: {\"x\":1}\n\n",
                "data: {\"type\":\"transcript.text.done\",\"text\":\"I see skies\",\"usage\":{\"type\":\"tokens\",\"input_tokens\":14," +
                    "\"input_token_details\":{\"text_tokens\":10,\"audio_tokens\":4},\"output_tokens\":31,\"total_tokens\":45}}\n\n",
            )
        }
        val events = r.client.audio.transcriptions.stream(request()).toList()
        val sent = r.single
        sent.path shouldBe "/v1/audio/transcriptions"
        sent.data.headers[HttpHeaders.Accept] shouldBe "text/event-stream"
        sent.parts.map { it.name to (if (it.filename == null) it.text else "<file>") } shouldBe listOf(
            "file" to "<file>", "model" to "gpt-4o-mini-transcribe", "language" to "en", "stream" to "true",
        )
        events.size shouldBe 5
        val first = events[0].shouldBeInstanceOf<TranscriptionStreamEvent.TextDelta>()
        first.delta shouldBe "I see"
        first.type shouldBe "transcript.text.delta"
        first.logprobs shouldBe listOf(TranscriptionLogprob("I", -0.1, listOf(73)))
        events[1].shouldBeInstanceOf<TranscriptionStreamEvent.TextDelta>().segmentId shouldBe "seg_1"
        events[2] shouldBe TranscriptionStreamEvent.Segment("transcript.text.segment", "seg_1", 0.0, 1.5, "I see skies", "A")
        val unknown = events[3].shouldBeInstanceOf<TranscriptionStreamEvent.Unknown>()
        unknown.type shouldBe "transcript.text.future"
        unknown.json.toString() shouldBe "{\"x\":1}"
        val done = events[4].shouldBeInstanceOf<TranscriptionStreamEvent.TextDone>()
        done.text shouldBe "I see skies"
        done.usage shouldBe TranscriptionUsage("tokens", 14, AudioInputTokenDetails(10, 4), 31, 45)
    }

    test("an error mid-stream raises OpenAIStreamException with the text received so far") {
        val r = Recorded {
            sseText(
                "data: {\"type\":\"transcript.text.delta\",\"delta\":\"Hello\"}\n\n",
                "data: {\"type\":\"transcript.text.delta\",\"delta\":\" wor\"}\n\n",
                "data: {\"error\":{\"message\":\"audio decode failed\",\"type\":\"server_error\",\"code\":\"audio_error\"}}\n\n",
            )
        }
        val seen = mutableListOf<TranscriptionStreamEvent>()
        val e = shouldThrow<OpenAIStreamException> { r.client.audio.transcriptions.stream(request()).collect { seen += it } }
        e.code shouldBe "audio_error"
        e.type shouldBe "server_error"
        e.partialText shouldBe "Hello wor"
        seen.size shouldBe 2
    }

    test("whisper-1 ignoring stream=true and answering JSON is reported instead of an empty flow") {
        val r = Recorded { json("""{"text":"the whole thing"}""") }
        val e = shouldThrow<OpenAIDecodeException> { r.client.audio.transcriptions.stream(request()).toList() }
        e.message shouldContain "one JSON body"
        e.bodySnippet!! shouldContain "the whole thing"
    }

    test("a delta whose fields have the wrong shape is a decode error naming the event") {
        val r = Recorded { sseText("data: {\"type\":\"transcript.text.delta\",\"delta\":{\"text\":\"x\"}}\n\n") }
        val e = shouldThrow<OpenAIDecodeException> { r.client.audio.transcriptions.stream(request()).collect() }
        e.message shouldContain "TextDelta"
        e.bodySnippet!! shouldContain "transcript.text.delta"
    }

    test("a broken stream's exception gives the transcription so far through partialTranscription, typed") {
        val r = Recorded {
            sseText(
                "data: {\"type\":\"transcript.text.delta\",\"delta\":\"Hel\",\"logprobs\":[{\"token\":\"Hel\",\"logprob\":-0.5}]}\n\n",
                "data: {\"type\":\"transcript.text.delta\",\"delta\":\"lo\"}\n\n",
                "data: {\"type\":\"error\",\"error\":{\"message\":\"audio decode failed\"}}\n\n",
            )
        }
        val e = shouldThrow<OpenAIStreamException> { r.client.audio.transcriptions.stream(request()).toList() }
        val partial: Transcription = e.partialTranscription!!
        partial.text shouldBe "Hello"
        partial.logprobs shouldBe listOf(TranscriptionLogprob("Hel", -0.5))
        e.partialText shouldBe "Hello"
    }
})
