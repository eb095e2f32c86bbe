package dev.openai4k.bench

import java.io.File
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.util.Base64
import kotlin.random.Random

/**
 * The canned answers the benchmark server serves, and what every client must decode from them. Generated
 * deterministically, so the harness knows the expected values without reading the files back.
 */
object Payloads {
    const val MODEL = "gpt-4o-mini"
    const val EMBEDDING_MODEL = "text-embedding-3-small"
    const val PROMPT = "Say hello."
    const val CHAT_TEXT = "Hello! This is the canned answer of the benchmark server, the same for every client."
    const val STREAM_CHUNKS = 20_000
    const val PACED_CHUNKS = 100
    const val DIMENSIONS = 1536

    /** The bytes of one paced event; nginx sends one per write and waits 5 ms (see run.sh). */
    const val PACED_EVENT_BYTES = 320

    val streamText: String by lazy { buildString { for (i in 0 until STREAM_CHUNKS) append(piece(i)) } }
    val pacedText: String by lazy { buildString { for (i in 0 until PACED_CHUNKS) append("p$i ") } }
    val vector: FloatArray by lazy {
        val r = Random(1536)
        FloatArray(DIMENSIONS) { r.nextFloat() * 0.2f - 0.1f }
    }

    fun piece(i: Int): String = "w$i "

    private const val CREATED = 1_735_000_000L

    fun chatJson(): String =
        """{"id":"chatcmpl-bench0001","object":"chat.completion","created":$CREATED,"model":"$MODEL-2024-07-18",""" +
            """"choices":[{"index":0,"message":{"role":"assistant","content":"$CHAT_TEXT","refusal":null,"annotations":[]},""" +
            """"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":11,"completion_tokens":19,"total_tokens":30,""" +
            """"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,""" +
            """"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"service_tier":"default",""" +
            """"system_fingerprint":"fp_bench00001"}"""

    private fun chunkJson(content: String, first: Boolean, last: Boolean): String {
        val delta = if (first) """{"role":"assistant","content":"$content","refusal":null}""" else """{"content":"$content"}"""
        val finish = if (last) "\"stop\"" else "null"
        return """{"id":"chatcmpl-bench0002","object":"chat.completion.chunk","created":$CREATED,"model":"$MODEL-2024-07-18",""" +
            """"service_tier":"default","system_fingerprint":"fp_bench00001","choices":[{"index":0,"delta":$delta,""" +
            """"logprobs":null,"finish_reason":$finish}]}"""
    }

    /** The 20,000-chunk stream of scenario C: one event per chunk, then `[DONE]`. */
    fun streamSse(): String = buildString {
        for (i in 0 until STREAM_CHUNKS) {
            append("data: ").append(chunkJson(piece(i), i == 0, i == STREAM_CHUNKS - 1)).append("\n\n")
        }
        append("data: [DONE]\n\n")
    }

    /** The 100-chunk stream of scenario D, every event padded to [PACED_EVENT_BYTES] so nginx paces one per write. */
    fun pacedSse(): String = buildString {
        for (i in 0 until PACED_CHUNKS) {
            val json = chunkJson("p$i ", i == 0, i == PACED_CHUNKS - 1)
            val pad = PACED_EVENT_BYTES - "data: ".length - json.length - 2
            require(pad >= 0) { "paced event too long: ${json.length}" }
            // Whitespace inside the object keeps it valid JSON for every parser.
            append("data: {").append(" ".repeat(pad)).append(json, 1, json.length).append("\n\n")
        }
        // The last write pads with a comment line: `[DONE]` itself must arrive exactly as OpenAI sends it.
        val done = "data: [DONE]\n\n"
        append(":").append(" ".repeat(PACED_EVENT_BYTES - done.length - 2)).append("\n").append(done)
    }

    private fun embeddingJson(embedding: String): String =
        """{"object":"list","data":[{"object":"embedding","index":0,"embedding":$embedding}],""" +
            """"model":"$EMBEDDING_MODEL","usage":{"prompt_tokens":3,"total_tokens":3}}"""

    fun embeddingFloatJson(): String = embeddingJson(
        vector.joinToString(",", "[", "]") { f ->
            val s = f.toString()
            // Every client must read the same float whether it parses to float directly or through double.
            check(s.toFloat() == f && s.toDouble().toFloat() == f) { "$f does not round-trip as $s" }
            s
        },
    )

    fun embeddingBase64Json(): String {
        val buf = ByteBuffer.allocate(DIMENSIONS * 4).order(ByteOrder.LITTLE_ENDIAN)
        for (f in vector) buf.putFloat(f)
        return embeddingJson("\"" + Base64.getEncoder().encodeToString(buf.array()) + "\"")
    }

    /** Writes the server's document root: one file per path the clients call. */
    fun writeTo(root: File) {
        fun put(path: String, text: String) {
            val f = File(root, path)
            f.parentFile.mkdirs()
            f.writeText(text)
        }
        put("v1/chat/completions", chatJson())
        put("stream/v1/chat/completions", streamSse())
        put("paced/v1/chat/completions", pacedSse())
        put("v1/embeddings", embeddingFloatJson())
        put("b64/v1/embeddings", embeddingBase64Json())
    }
}

/** `Payloads <dir>`: writes the canned payloads for nginx. */
fun main(args: Array<String>) {
    val root = File(args.single())
    Payloads.writeTo(root)
    println("payloads written to $root")
}
