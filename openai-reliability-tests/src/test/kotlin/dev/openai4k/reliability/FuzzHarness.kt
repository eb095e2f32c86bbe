package dev.openai4k.reliability

import dev.openai4k.OpenAI
import dev.openai4k.OpenAIException
import dev.openai4k.assistants.assistants
import dev.openai4k.audio.TranscriptionRequest
import dev.openai4k.audio.audio
import dev.openai4k.chat.accumulate
import dev.openai4k.chat.chat
import dev.openai4k.completions.CompletionPrompt
import dev.openai4k.completions.CompletionRequest
import dev.openai4k.completions.completions
import dev.openai4k.embeddings.EmbeddingInput
import dev.openai4k.embeddings.EmbeddingRequest
import dev.openai4k.embeddings.embeddings
import dev.openai4k.files.files
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import dev.openai4k.http.FileSource
import dev.openai4k.images.ImageGenerationRequest
import dev.openai4k.images.images
import dev.openai4k.models.models
import dev.openai4k.moderations.moderations
import dev.openai4k.responses.ResponseInput
import dev.openai4k.responses.ResponseRequest
import dev.openai4k.responses.responses
import io.ktor.client.engine.mock.MockEngine
import io.ktor.client.engine.mock.respond
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlinx.serialization.json.JsonElement
import kotlin.time.Duration.Companion.seconds

/** How long one fuzz input may take before it counts as a hang. */
private const val PER_INPUT_MILLIS = 10_000L

/** The statuses a fuzz input chooses from with its second byte (the last one: any status 100..599). */
private val STATUSES = intArrayOf(200, 200, 200, 201, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503)

/**
 * Runs [call] against a client whose server (a MockEngine) answers [body] with [status] and [contentType], and
 * fails unless it returns or raises an [OpenAIException] within the per-input time limit: anything else escaping
 * the public API is a finding.
 */
fun answerWith(status: Int, contentType: String, body: ByteArray, call: suspend (OpenAI) -> Unit) {
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
                withTimeout(PER_INPUT_MILLIS) { call(client) }
            } catch (e: TimeoutCancellationException) {
                throw AssertionError("Hang: no answer within $PER_INPUT_MILLIS ms", e)
            } catch (_: OpenAIException) {
                // The one failure the public API may raise.
            }
        }
    }
    engine.close()
}

/** The status chosen by [selector]. */
fun statusOf(selector: Int): Int = STATUSES.getOrElse(selector % (STATUSES.size + 1)) { 100 + selector % 500 }

private val audioFile = FileSource.of(ByteArray(16), "a.wav", "audio/wav")

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
    "audio.transcribe" to { c -> c.audio.transcribe(TranscriptionRequest("whisper-1", audioFile)) },
    "audio.transcribeVerbose" to { c -> c.audio.transcribeVerbose(TranscriptionRequest("whisper-1", audioFile)) },
    "responses.create" to { c -> c.responses.create(ResponseRequest("m", ResponseInput.of("x"))) },
    "files.retrieve" to { c -> c.files.retrieve("file-1") },
    "assistants.retrieve" to { c -> c.assistants.retrieve("asst_1") },
    "runs.retrieve" to { c -> c.assistants.threads.runs.retrieve("thread_1", "run_1") },
    "execute(raw)" to { c -> c.execute(ApiCall(ApiMethod.GET, ApiPath.fixed("anything")), JsonElement.serializer()) },
)

/** Every stream decoder reachable from the public API. */
val streamingCalls: List<Pair<String, suspend (OpenAI) -> Unit>> = listOf(
    "chat.stream.accumulate" to { c -> c.chat.stream(ask("x")).accumulate() },
    "completions.stream" to { c -> c.completions.stream(CompletionRequest("m", CompletionPrompt.Text("x"))).collect() },
    "responses.stream" to { c -> c.responses.stream(ResponseRequest("m", ResponseInput.of("x"))).collect() },
    "events(raw)" to { c -> c.events(ApiCall(ApiMethod.GET, ApiPath.fixed("anything"))).collect() },
)
