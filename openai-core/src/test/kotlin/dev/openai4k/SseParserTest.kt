package dev.openai4k

import dev.openai4k.http.ServerSentEvent
import dev.openai4k.http.SseParser
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlin.random.Random

/** Feeds [text] in reads whose sizes come from [sizes] (cycled) and returns the events. */
private fun parseInReads(text: String, sizes: IntArray, max: Int = 1 shl 20): List<ServerSentEvent> {
    val out = mutableListOf<ServerSentEvent>()
    val parser = SseParser(max) { out += it }
    val bytes = text.encodeToByteArray()
    var i = 0
    var k = 0
    while (i < bytes.size) {
        val n = minOf(sizes[k++ % sizes.size], bytes.size - i)
        parser.feed(bytes, i, n)
        i += n
    }
    return out
}

class SseParserTest : FunSpec({
    // Lines parsed in place (whole in one read) and lines gathered across reads must give the same events.
    val stream = "data: {\"a\":1}\n\n" +
        ": comment\r\n" +
        "event: delta\r\nid: 42\r\ndata: first\r\ndata:second\r\ndata:\r\n\r\n" +
        "data: après 世界 🎉\r\r" +
        "retry: 100\nunknown: x\nnocolon\ndata\n\n" +
        "data: {\"b\":2}\n\n" +
        "id: bad\u0000id\ndata: last\n\n"
    val expected = listOf(
        ServerSentEvent(null, "{\"a\":1}"),
        ServerSentEvent("delta", "first\nsecond\n", "42"),
        ServerSentEvent(null, "après 世界 🎉", "42"),
        ServerSentEvent(null, "", "42"),
        ServerSentEvent(null, "{\"b\":2}", "42"),
        ServerSentEvent(null, "last", "42"),
    )

    test("every fixed read size gives the same events as one read") {
        parseInReads(stream, intArrayOf(Int.MAX_VALUE)) shouldBe expected
        for (size in 1..stream.length) {
            withClue("read size $size") { parseInReads(stream, intArrayOf(size)) shouldBe expected }
        }
    }

    test("random read sizes give the same events as one read") {
        val random = Random(7)
        repeat(300) {
            val sizes = IntArray(8) { 1 + random.nextInt(40) }
            withClue(sizes.joinToString()) { parseInReads(stream, sizes) shouldBe expected }
        }
    }

    test("bytes near CR and LF in value are not taken for line ends, at every alignment") {
        // VT, FF, SO, 0x8A and 0x8D (in the UTF-8 of U+008A, U+010A, U+010D), DEL: none of them ends a line.
        val tricky = "\u000B\u000C\u000E\u008A\u008D\u010A\u010D\u007F\u0009\u001A"
        for (pad in 0..16) {
            val value = "p".repeat(pad) + tricky + "q".repeat(pad)
            val text = "data: $value\n\ndata: $value\r\n\r\n"
            withClue("pad $pad") {
                for (size in listOf(Int.MAX_VALUE, 1, 7, 8, 9)) {
                    parseInReads(text, intArrayOf(size)) shouldBe listOf(ServerSentEvent(null, value), ServerSentEvent(null, value))
                }
            }
        }
    }

    test("a multi-line event does not leak its lines into the next event") {
        parseInReads("data: a\ndata: b\n\ndata: c\n\ndata: d\ndata: e\ndata: f\n\n", intArrayOf(Int.MAX_VALUE)) shouldBe
            listOf(ServerSentEvent(null, "a\nb"), ServerSentEvent(null, "c"), ServerSentEvent(null, "d\ne\nf"))
    }

    test("a line over the bound raises whether it lies in one read or spans several") {
        val long = "data: " + "x".repeat(2000) + "\n\n"
        shouldThrow<OpenAIDecodeException> { parseInReads(long, intArrayOf(Int.MAX_VALUE), 1024) }
            .message shouldContain "line exceeds 1024 bytes"
        shouldThrow<OpenAIDecodeException> { parseInReads(long, intArrayOf(100), 1024) }
            .message shouldContain "line exceeds 1024 bytes"
        // Lines within the bound whose event is over it.
        shouldThrow<OpenAIDecodeException> { parseInReads("data: 0123456789\n".repeat(200) + "\n", intArrayOf(Int.MAX_VALUE), 1024) }
            .message shouldContain "event exceeds 1024 bytes"
        // Exactly at the bound is accepted.
        parseInReads("x".repeat(1024) + "\ndata: ok\n\n", intArrayOf(Int.MAX_VALUE), 1024) shouldBe listOf(ServerSentEvent(null, "ok"))
    }

    test("a CR ending one read and the LF starting the next are one line end") {
        val out = mutableListOf<ServerSentEvent>()
        val parser = SseParser { out += it }
        parser.feed("data: a\r".encodeToByteArray())
        parser.feed("\n\r".encodeToByteArray())
        parser.feed("\ndata: b\n\n".encodeToByteArray())
        out shouldBe listOf(ServerSentEvent(null, "a"), ServerSentEvent(null, "b"))
    }

    test("feeding a slice of a larger array reads only that slice") {
        val out = mutableListOf<ServerSentEvent>()
        val parser = SseParser { out += it }
        val bytes = "XXdata: in\n\nYY".encodeToByteArray()
        parser.feed(bytes, 2, bytes.size - 4)
        out shouldBe listOf(ServerSentEvent(null, "in"))
    }
})
