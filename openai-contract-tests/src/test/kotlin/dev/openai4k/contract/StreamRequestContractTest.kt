package dev.openai4k.contract

import dev.openai4k.OpenAIStatusException
import dev.openai4k.UnprocessableEntityException
import dev.openai4k.audio.SpeechStreamFormat
import dev.openai4k.audio.audio
import dev.openai4k.audio.speechRequest
import dev.openai4k.audio.transcriptionRequest
import dev.openai4k.common.StreamOptions
import dev.openai4k.chat.chat
import dev.openai4k.chat.chatRequest
import dev.openai4k.completions.completionRequest
import dev.openai4k.completions.completions
import dev.openai4k.images.imageEditRequest
import dev.openai4k.images.imageGenerationRequest
import dev.openai4k.images.images
import dev.openai4k.responses.responseRequest
import dev.openai4k.responses.responses
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.collect

/**
 * Prism cannot stream, but it validates a streaming request before it gives up: a valid one answers 500
 * `NO_COMPLEX_OBJECT_TEXT` ("cannot serialise complex objects as text"), or 406 `NOT_ACCEPTABLE` where the spec
 * declares no `text/event-stream` answer (`/completions`); an invalid one answers 422. So each stream API is
 * called here, and its request (with `stream: true` and the stream-only options) must get past validation.
 * The events themselves are tested against `openai-testkit`.
 */
@EnabledIf(PrismAvailable::class)
class StreamRequestContractTest : FunSpec({
    val openai = { ContractClient.openai }

    test("chat.stream with stream_options") {
        streamChecked(Operations.CHAT_CREATE) {
            openai().chat.stream(
                chatRequest("gpt-4o-mini") {
                    user("Hello")
                    streamOptions = StreamOptions(includeUsage = true, includeObfuscation = false)
                },
            )
        }
    }

    test("completions.stream with include_usage") {
        streamChecked(Operations.COMPLETIONS_CREATE) {
            openai().completions.stream(completionRequest("gpt-3.5-turbo-instruct") { prompt("Say hi"); includeUsage(true) })
        }
    }

    test("responses.stream") {
        streamChecked(Operations.RESPONSES_CREATE) {
            openai().responses.stream(responseRequest("gpt-4.1-mini") { input("Hello") })
        }
    }

    test("images.generateStream with partial images") {
        streamChecked(Operations.IMAGES_GENERATE) {
            openai().images.generateStream(imageGenerationRequest("A cat") { model = "gpt-image-1"; partialImages = 2 })
        }
    }

    test("images.editStream with partial images") {
        streamChecked(Operations.IMAGES_EDIT) {
            openai().images.editStream(imageEditRequest("Add a hat") { image(Fixtures.png()); model = "gpt-image-1"; partialImages = 1 })
        }
    }

    test("audio.speech.stream (stream_format sse)") {
        streamChecked(Operations.AUDIO_SPEECH) {
            openai().audio.speech.stream(speechRequest("gpt-4o-mini-tts", "Hello", "alloy") { streamFormat = SpeechStreamFormat.SSE })
        }
    }

    test("audio.transcriptions.stream (stream=true form field)") {
        streamChecked(Operations.AUDIO_TRANSCRIPTION) {
            openai().audio.transcriptions.stream(transcriptionRequest("gpt-4o-mini-transcribe", Fixtures.mp3()) { language = "en" })
        }
    }
})

/**
 * Collects the stream [open] returns and records how Prism took the request: its 500 "cannot serialise", its 406
 * "no event-stream content" (or, if it ever streams, a normal end) mean the request was valid; a 422 fails with
 * Prism's validation list.
 */
private suspend fun streamChecked(operation: Operation, open: () -> Flow<*>) {
    val mark = PrismLog.mark()
    try {
        open().collect()
        ContractResults.recordStream(operation, Cell(Outcome.PASSED))
    } catch (e: UnprocessableEntityException) {
        ContractResults.recordStream(operation, Cell(Outcome.FAILED))
        val messages = PrismLog.validationSince(mark).ifEmpty { validationMessages(e.bodySnippet) }
        val report = "Prism rejected the streaming request of $operation with 422:\n" + messages.joinToString("\n") { "  $it" }
        println(report)
        throw AssertionError(report)
    } catch (e: OpenAIStatusException) {
        val cannotStream = (e.status == 500 && e.bodySnippet?.contains("NO_COMPLEX_OBJECT_TEXT") == true) ||
            (e.status == 406 && e.bodySnippet?.contains("NOT_ACCEPTABLE") == true)
        if (cannotStream) {
            ContractResults.recordStream(operation, Cell(Outcome.PASSED))
        } else {
            ContractResults.recordStream(operation, Cell(Outcome.FAILED))
            throw AssertionError("Prism answered the streaming request of $operation with ${e.status}: ${e.bodySnippet}", e)
        }
    }
}
