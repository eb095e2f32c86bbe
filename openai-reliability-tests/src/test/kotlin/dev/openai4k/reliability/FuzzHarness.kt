package dev.openai4k.reliability

import dev.openai4k.OpenAI
import dev.openai4k.OpenAIException
import dev.openai4k.assistants.assistants
import dev.openai4k.audio.SpeechRequest
import dev.openai4k.audio.TranscriptionRequest
import dev.openai4k.audio.TranslationRequest
import dev.openai4k.audio.audio
import dev.openai4k.chat.accumulate
import dev.openai4k.chat.chat
import dev.openai4k.completions.CompletionPrompt
import dev.openai4k.completions.CompletionRequest
import dev.openai4k.completions.completions
import dev.openai4k.completions.accumulate as accumulateCompletion
import dev.openai4k.embeddings.EmbeddingInput
import dev.openai4k.embeddings.EmbeddingRequest
import dev.openai4k.embeddings.embeddings
import dev.openai4k.files.files
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import dev.openai4k.http.FileSource
import dev.openai4k.images.ImageEditRequest
import dev.openai4k.images.ImageGenerationRequest
import dev.openai4k.images.images
import dev.openai4k.models.models
import dev.openai4k.moderations.moderations
import dev.openai4k.responses.ResponseInput
import dev.openai4k.responses.ResponseRequest
import dev.openai4k.responses.responses
import dev.openai4k.responses.accumulate as accumulateResponse
import io.ktor.client.engine.mock.MockEngine
import io.ktor.client.engine.mock.respond
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlinx.serialization.json.JsonElement
import kotlin.time.Duration.Companion.seconds

/** How long one fuzz input may take before it counts as a hang (libFuzzer's -timeout is the hard limit behind it). */
private const val PER_INPUT_MILLIS = 10_000L

/** How long the one-off warm-up of every call may take (class loading and, under Jazzer, instrumentation). */
private const val WARM_UP_MILLIS = 120_000L

/** The statuses a fuzz input chooses from with its second byte (the last one: any status 100..599). */
private val STATUSES = intArrayOf(200, 200, 200, 201, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503)

/**
 * Runs [call] against a client whose server (a MockEngine) answers [body] with [status] and [contentType], and
 * fails unless it returns or raises an [OpenAIException] within the per-input time limit: anything else escaping
 * the public API is a finding.
 */
fun answerWith(status: Int, contentType: String, body: ByteArray, call: suspend (OpenAI) -> Unit) {
    warmUp
    exchange(status, contentType, body, call, PER_INPUT_MILLIS)
}

/**
 * Every call answered once with a success and an error body before the first timed input: the first use of a
 * decoder loads (and, while fuzzing, instruments) hundreds of classes, which on a loaded machine took longer than
 * the per-input limit and was reported as a hang of whichever input came first.
 */
private val warmUp: Unit by lazy {
    val error = """{"error":{"message":"m","type":"t","code":"c"}}""".toByteArray()
    for ((_, call) in nonStreamingCalls) {
        exchange(200, "application/json", "{}".toByteArray(), call, WARM_UP_MILLIS)
        exchange(400, "application/json", error, call, WARM_UP_MILLIS)
    }
    for ((_, call) in streamingCalls) {
        exchange(200, "text/event-stream", "data: {}\n\ndata: [DONE]\n\n".toByteArray(), call, WARM_UP_MILLIS)
        exchange(400, "application/json", error, call, WARM_UP_MILLIS)
    }
}

private fun exchange(status: Int, contentType: String, body: ByteArray, call: suspend (OpenAI) -> Unit, limitMillis: Long) {
    val engine = MockEngine { respond(body, HttpStatusCode.fromValue(status), headersOf(HttpHeaders.ContentType, contentType)) }
    OpenAI {
        apiKey = TEST_KEY
        baseUrl = "https://fuzz.invalid/v1"
        this.engine = engine
        maxRetries = 0
        timeout = 30.seconds
        streamIdleTimeout = 30.seconds
        maxResponseBytes = 1L shl 20
        maxEventBytes = 64 * 1024
    }.use { client ->
        runBlocking {
            try {
                withTimeout(limitMillis) { call(client) }
            } catch (e: TimeoutCancellationException) {
                throw AssertionError("Hang: no answer within $limitMillis ms\n${threadDump()}", e)
            } catch (_: OpenAIException) {
                // The one failure the public API may raise.
            }
        }
    }
    engine.close()
}

/** Every live thread with the top of its stack, for a hang's report (what was the call waiting for?). */
fun threadDump(maxFrames: Int = 12): String = Thread.getAllStackTraces().entries
    .sortedBy { it.key.name }
    .joinToString("\n") { (thread, frames) ->
        "\"${thread.name}\" ${thread.state}" + frames.take(maxFrames).joinToString("") { "\n    at $it" }
    }

/**
 * Runs one fuzz input through [check], turning anything it throws into an [AssertionError] that names [what] and
 * carries the input in base64 (so a finding reported outside libFuzzer's crash file can still be replayed).
 */
fun reportingInput(what: () -> String, input: ByteArray, check: () -> Unit) {
    try {
        check()
    } catch (e: Throwable) {
        val base64 = java.util.Base64.getEncoder().encodeToString(input)
        throw AssertionError("${what()} escaped with ${e::class.qualifiedName}: ${e.message}\ninput (base64): $base64", e)
    }
}

/** The status chosen by [selector]. */
fun statusOf(selector: Int): Int = STATUSES.getOrElse(selector % (STATUSES.size + 1)) { 100 + selector % 500 }

private val audioFile = FileSource.of(ByteArray(16), "a.wav", "audio/wav")
private val imageFile = FileSource.of(ByteArray(16), "a.png", "image/png")

/** Every non-streaming decoder reachable from the public API, each as the call a user makes. */
val nonStreamingCalls: List<Pair<String, suspend (OpenAI) -> Unit>> = listOf(
    "chat.create" to { c -> c.chat.create(ask("x")) },
    "embeddings.create" to { c -> c.embeddings.create(EmbeddingRequest("m", EmbeddingInput.Text("x"))) },
    "embeddings.embed" to { c -> c.embeddings.embed("m", "x") },
    "models.list" to { c -> c.models.list() },
    "models.retrieve" to { c -> c.models.retrieve("m") },
    "completions.create" to { c -> c.completions.create(CompletionRequest("m", CompletionPrompt.Text("x"))) },
    "moderations.create" to { c -> c.moderations.create("x") },
    "images.generate" to { c -> c.images.generate(ImageGenerationRequest("a cat")) },
    "audio.transcriptions.create" to { c -> c.audio.transcriptions.create(TranscriptionRequest("whisper-1", audioFile)) },
    "audio.transcriptions.createVerbose" to { c -> c.audio.transcriptions.createVerbose(TranscriptionRequest("whisper-1", audioFile)) },
    "responses.create" to { c -> c.responses.create(ResponseRequest("m", ResponseInput.of("x"))) },
    "files.retrieve" to { c -> c.files.retrieve("file-1") },
    "assistants.retrieve" to { c -> c.assistants.retrieve("asst_1") },
    "runs.retrieve" to { c -> c.assistants.threads.runs.retrieve("thread_1", "run_1") },
    "execute(raw)" to { c -> c.execute(ApiCall(ApiMethod.GET, ApiPath.fixed("anything")), JsonElement.serializer()) },
    // Appended after the first 15 so that the seeds' first byte still picks the same call.
    "models.delete" to { c -> c.models.delete("m") },
    "files.list" to { c -> c.files.list() },
    "files.listAll" to { c -> c.files.listAll().toList() },
    "files.delete" to { c -> c.files.delete("file-1") },
    "files.content" to { c -> c.files.content("file-1") },
    "audio.transcriptions.createText" to { c -> c.audio.transcriptions.createText(TranscriptionRequest("whisper-1", audioFile, responseFormat = "text")) },
    "audio.translations.create" to { c -> c.audio.translations.create(TranslationRequest("whisper-1", audioFile)) },
    "audio.translations.createVerbose" to { c -> c.audio.translations.createVerbose(TranslationRequest("whisper-1", audioFile)) },
    "audio.speech.create" to { c -> c.audio.speech.create(SpeechRequest("tts-1", "x", "alloy")) },
    "responses.delete" to { c -> c.responses.delete("resp_1") },
    "responses.inputItems" to { c -> c.responses.inputItems.list("resp_1") },
    "assistants.list" to { c -> c.assistants.list() },
    "assistants.listAll" to { c -> c.assistants.listAll().toList() },
    "assistants.delete" to { c -> c.assistants.delete("asst_1") },
    "threads.retrieve" to { c -> c.assistants.threads.retrieve("thread_1") },
    "messages.retrieve" to { c -> c.assistants.threads.messages.retrieve("thread_1", "msg_1") },
    "messages.list" to { c -> c.assistants.threads.messages.list("thread_1") },
    "runs.list" to { c -> c.assistants.threads.runs.list("thread_1") },
    "chat.text" to { c -> c.chat.text("m", "x") },
    "completions.complete" to { c -> c.completions.complete("m", "x") },
    "embeddings.embedAll" to { c -> c.embeddings.embedAll("m", listOf("a", "b")) },
)

/** Every stream decoder reachable from the public API. */
val streamingCalls: List<Pair<String, suspend (OpenAI) -> Unit>> = listOf(
    "chat.stream.accumulate" to { c -> c.chat.stream(ask("x")).accumulate() },
    "completions.stream" to { c -> c.completions.stream(CompletionRequest("m", CompletionPrompt.Text("x"))).collect() },
    "responses.stream" to { c -> c.responses.stream(ResponseRequest("m", ResponseInput.of("x"))).collect() },
    "events(raw)" to { c -> c.events(ApiCall(ApiMethod.GET, ApiPath.fixed("anything"))).collect() },
    // Appended after the first 4 so that the seeds' first byte still picks the same call.
    "chat.stream" to { c -> c.chat.stream(ask("x")).collect() },
    "completions.stream.accumulate" to { c -> c.completions.stream(CompletionRequest("m", CompletionPrompt.Text("x"))).accumulateCompletion() },
    "responses.stream.accumulate" to { c -> c.responses.stream(ResponseRequest("m", ResponseInput.of("x"))).accumulateResponse() },
    "audio.speech.stream" to { c -> c.audio.speech.stream(SpeechRequest("gpt-4o-mini-tts", "x", "alloy")).collect() },
    "audio.transcriptions.stream" to { c -> c.audio.transcriptions.stream(TranscriptionRequest("gpt-4o-transcribe", audioFile)).collect() },
    // Appended after the first 9, likewise.
    "images.generateStream" to { c -> c.images.generateStream(ImageGenerationRequest("a cat", model = "gpt-image-1")).collect() },
    "images.editStream" to { c -> c.images.editStream(ImageEditRequest("a hat", listOf(imageFile), model = "gpt-image-1")).collect() },
)
