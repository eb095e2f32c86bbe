package dev.openai4k.reliability

import com.code_intelligence.jazzer.api.FuzzedDataProvider
import com.code_intelligence.jazzer.junit.FuzzTest
import dev.openai4k.OpenAIDecodeException
import dev.openai4k.http.ServerSentEvent
import dev.openai4k.http.SseParser

/**
 * The SSE parser fed arbitrary bytes in arbitrary splits: it raises nothing but [OpenAIDecodeException] (an
 * oversized line or event), and how the bytes are split never changes the events it produces.
 */
class SseParserFuzzTest {
    @FuzzTest(maxDuration = "5s")
    fun sseParser(data: FuzzedDataProvider) {
        val limit = data.consumeInt(8, 4096)
        val cuts = data.consumeInts(16).map { Math.floorMod(it, 64) + 1 }
        val bytes = data.consumeRemainingAsBytes()
        val whole = parse(limit, bytes, listOf(bytes.size.coerceAtLeast(1)))
        val split = parse(limit, bytes, cuts.ifEmpty { listOf(1) })
        if (whole.second == null && split.second == null) {
            check(whole.first == split.first) { "Splitting changed the events: ${whole.first} vs ${split.first}" }
        }
        // A bound breached whole is breached split, and the other way round.
        check((whole.second == null) == (split.second == null)) { "Only one of whole/split failed: ${whole.second} / ${split.second}" }
    }

    private fun parse(limit: Int, bytes: ByteArray, cuts: List<Int>): Pair<List<ServerSentEvent>, OpenAIDecodeException?> {
        val events = mutableListOf<ServerSentEvent>()
        val parser = SseParser(limit) { events += it }
        var at = 0
        var i = 0
        return try {
            while (at < bytes.size) {
                val n = minOf(cuts[i++ % cuts.size], bytes.size - at)
                parser.feed(bytes, at, n)
                at += n
            }
            events to null
        } catch (e: OpenAIDecodeException) {
            events to e
        }
    }
}
