package dev.openai4k.bench

import com.openai.core.jsonMapper
import com.openai.models.chat.completions.ChatCompletionCreateParams
import dev.openai4k.OpenAI
import dev.openai4k.OpenAIJson
import dev.openai4k.chat.ChatCompletionAccumulator
import dev.openai4k.chat.ChatChunkDecoder
import dev.openai4k.chat.ChatCompletionChunk
import dev.openai4k.chat.accumulate
import dev.openai4k.chat.chat
import dev.openai4k.chat.ChatRequest
import dev.openai4k.chat.chatRequest
import dev.openai4k.encodeRequestBody
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import dev.openai4k.http.SseParser
import io.ktor.client.engine.HttpClientEngineBase
import io.ktor.client.engine.HttpClientEngineCapability
import io.ktor.client.engine.HttpClientEngineConfig
import io.ktor.client.engine.callContext
import io.ktor.client.plugins.HttpTimeoutCapability
import io.ktor.client.request.HttpRequestData
import io.ktor.client.request.HttpResponseData
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpProtocolVersion
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import io.ktor.util.date.GMTDate
import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.InternalAPI
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.json.JsonObject

/**
 * The work the JMH benchmarks (Java, under src/main/java) measure, written once in Kotlin. Each function does one
 * whole unit and returns something derived from every part, so the JIT cannot drop any of it.
 */
object Micro {
    /** The 20,000-chunk stream's bytes, fed in 8 KiB reads as a socket would hand them over. */
    val streamBytes: ByteArray by lazy { Payloads.streamSse().encodeToByteArray() }
    private const val READ = 8192

    /** The data lines of the stream, for decode-only runs. */
    val chunkData: List<String> by lazy {
        val out = ArrayList<String>()
        feed(SseParser { out += it.data })
        out.filter { it != "[DONE]" }
    }

    private fun feed(parser: SseParser) {
        var off = 0
        while (off < streamBytes.size) {
            val n = minOf(READ, streamBytes.size - off)
            parser.feed(streamBytes, off, n)
            off += n
        }
    }

    /** SSE parsing alone: every event of the stream; returns the total data length. */
    fun parse(): Long {
        var total = 0L
        feed(SseParser { total += it.data.length })
        return total
    }

    /** SSE parsing plus chunk decoding, as `chat.stream` does per event; returns the total text length. */
    fun parseAndDecode(): Long {
        var total = 0L
        val decoder = ChatChunkDecoder()
        feed(SseParser { ev -> if (ev.data != "[DONE]") total += decoder.decode(ev.data).text.length })
        return total
    }

    /** The stream's chunks decoded once, for accumulate-only runs. */
    val decodedChunks: List<ChatCompletionChunk> by lazy {
        chunkData.map { OpenAIJson.decodeFromString(ChatCompletionChunk.serializer(), it) }
    }

    /** The accumulator alone: every chunk added, then the completion built once; returns the text length. */
    fun accumulate(): Long {
        val acc = ChatCompletionAccumulator()
        for (c in decodedChunks) acc.add(c)
        return acc.result().text!!.length.toLong()
    }

    /**
     * The whole per-chunk path of `chat.stream` + `accumulate()` outside the HTTP layer: bytes to events, events to
     * chunks, chunks into an accumulator, the completion built at the end; returns the text length.
     */
    fun streamPath(): Long {
        val acc = ChatCompletionAccumulator()
        val decoder = ChatChunkDecoder()
        feed(SseParser { ev -> if (ev.data != "[DONE]") acc.add(decoder.decode(ev.data)) })
        return acc.result().text!!.length.toLong()
    }

    /** [streamPath] with the generated kotlinx serializer in place of [ChatChunkDecoder], for comparison. */
    fun streamPathSerializer(): Long {
        val acc = ChatCompletionAccumulator()
        feed(SseParser { ev -> if (ev.data != "[DONE]") acc.add(OpenAIJson.decodeFromString(ChatCompletionChunk.serializer(), ev.data)) })
        return acc.result().text!!.length.toLong()
    }

    /** Chunk decoding alone as `chat.stream` does it (one [ChatChunkDecoder] per stream); returns the text length. */
    fun decodeOurs(): Long {
        val decoder = ChatChunkDecoder()
        var total = 0L
        for (d in chunkData) total += decoder.decode(d).text.length
        return total
    }

    /** Chunk decoding alone with the generated kotlinx serializer (what `chat.stream` used before the decoder). */
    fun decodeSerializer(data: String): Int = OpenAIJson.decodeFromString(ChatCompletionChunk.serializer(), data).text.length

    /**
     * `chat.stream(...).accumulate()` end to end above the socket: the client, its exchange and the flows, on an
     * engine that answers every request with the 20,000-chunk stream from memory; returns the text length.
     */
    fun chatStream(): Long = runBlocking { memoryClient.chat.stream(streamRequest).accumulate().text!!.length.toLong() }

    /**
     * openai-core's `events()` alone on the same in-memory engine (bytes to events, through the exchange and its
     * flow, no chunk decoding): what [chatStream] costs below openai-chat; returns the total data length.
     */
    fun events(): Long = runBlocking {
        var total = 0L
        memoryClient.events(eventsCall).collect { total += it.data.length }
        total
    }

    private val eventsCall = ApiCall(ApiMethod.POST, ApiPath.fixed("chat/completions"))

    private val streamRequest = chatRequest(Payloads.MODEL) { user("stream") }

    private val memoryClient: OpenAI by lazy {
        OpenAI {
            apiKey = "sk-bench"
            baseUrl = "http://memory.invalid/v1"
            maxRetries = 0
            engine = MemoryEngine(streamBytes)
        }
    }

    private val jackson = jsonMapper()

    /** The same chunk decoded with openai-java's model and mapper, for comparison. */
    fun decodeOpenAIJava(data: String): Int =
        jackson.readValue(data, com.openai.models.chat.completions.ChatCompletionChunk::class.java)
            .choices()[0].delta().content().map { it.length }.orElse(0)

    /** A typical request: a system and a user message, temperature and max tokens. */
    val request: ChatRequest = chatRequest(Payloads.MODEL) {
        system("You are a terse assistant. Answer in one sentence.")
        user("What is the capital of France, and what river runs through it?")
        temperature = 0.2
        maxCompletionTokens = 256
    }

    /** Request encoding as the SDK does it today: a JSON tree with extras merged, then its text, as bytes. */
    fun encodeOurs(): Int =
        encodeRequestBody(ChatRequest.serializer(), request, request.extraBody).toString().encodeToByteArray().size

    /** Request encoding straight to text, skipping the tree (possible whenever there are no extras). */
    fun encodeOursDirect(): Int = OpenAIJson.encodeToString(ChatRequest.serializer(), request).encodeToByteArray().size

    private val javaParams = ChatCompletionCreateParams.builder().model(Payloads.MODEL)
        .addSystemMessage("You are a terse assistant. Answer in one sentence.")
        .addUserMessage("What is the capital of France, and what river runs through it?")
        .temperature(0.2).maxCompletionTokens(256).build()

    /** openai-java's encoding of the same request, for comparison. */
    fun encodeOpenAIJava(): Int = jackson.writeValueAsBytes(javaParams._body()).size

    /** The JSON our encoder produces, so a reader can see both encoders send the same fields. */
    fun oursJson(): JsonObject = encodeRequestBody(ChatRequest.serializer(), request, request.extraBody)
}

/** A Ktor engine that answers every request with [body] as an event stream, from memory: no socket, no server. */
private class MemoryEngine(private val body: ByteArray) : HttpClientEngineBase("bench-memory") {
    override val config: HttpClientEngineConfig = HttpClientEngineConfig()
    override val supportedCapabilities: Set<HttpClientEngineCapability<*>> = setOf(HttpTimeoutCapability)

    @OptIn(InternalAPI::class)
    override suspend fun execute(data: HttpRequestData): HttpResponseData = HttpResponseData(
        HttpStatusCode.OK,
        GMTDate(),
        headersOf(HttpHeaders.ContentType, "text/event-stream"),
        HttpProtocolVersion.HTTP_1_1,
        ByteReadChannel(body),
        callContext(),
    )
}

/**
 * `MicroKt [stage...]`: the per-chunk cost of each stage of [Micro] in CPU time and bytes allocated, both of the
 * calling thread (every stage runs there; the GC's own work is not counted, the bytes stand for it), a complement to
 * JMH's wall-clock scores on a machine shared with other work, where they swing with the load. Each stage warms up
 * for 5 s, then the median and the lowest of 7 rounds of about 1 s are printed.
 */
fun main(args: Array<String>) {
    val stages: Map<String, () -> Long> = linkedMapOf(
        "parse" to Micro::parse,
        "decodeOurs" to Micro::decodeOurs,
        "decodeSerializer" to { Micro.chunkData.sumOf { Micro.decodeSerializer(it).toLong() } },
        "accumulate" to Micro::accumulate,
        "parseAndDecode" to Micro::parseAndDecode,
        "streamPath" to Micro::streamPath,
        "streamPathSerializer" to Micro::streamPathSerializer,
        "events" to Micro::events,
        "chatStream" to Micro::chatStream,
        "decodeOpenAIJava" to { Micro.chunkData.sumOf { Micro.decodeOpenAIJava(it).toLong() } },
    )
    val chosen = if (args.isEmpty()) stages.keys.toList() else args.toList()
    val threads = java.lang.management.ManagementFactory.getThreadMXBean() as com.sun.management.ThreadMXBean
    val chunks = Micro.chunkData.size
    var sink = 0L
    println("stage\tcpu ns/chunk (median)\tcpu ns/chunk (lowest)\tB/chunk")
    for (name in chosen) {
        val stage = stages[name] ?: error("unknown stage $name; known: ${stages.keys}")
        val warmEnd = System.nanoTime() + 5_000_000_000L
        var perRound = 0
        while (System.nanoTime() < warmEnd) {
            val t = System.nanoTime()
            sink += stage()
            perRound = maxOf(1, (1_000_000_000L / maxOf(1L, System.nanoTime() - t)).toInt())
        }
        val cpu = ArrayList<Double>()
        val bytes = ArrayList<Double>()
        repeat(7) {
            val c0 = threads.currentThreadCpuTime
            val b0 = threads.currentThreadAllocatedBytes
            repeat(perRound) { sink += stage() }
            bytes += (threads.currentThreadAllocatedBytes - b0).toDouble() / perRound / chunks
            cpu += (threads.currentThreadCpuTime - c0).toDouble() / perRound / chunks
        }
        println("%s\t%.0f\t%.0f\t%.0f".format(name, cpu.sorted()[3], cpu.min(), bytes.sorted()[3]))
    }
    if (sink == 42L) println()
}
