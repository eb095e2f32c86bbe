package dev.openai4k.testkit.http

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.nio.ByteBuffer

/** One row of the table: [input] must parse to [expected] however it is split (limit [maxBody] bytes of body). */
private class Case(val name: String, val input: String, val expected: List<String>, val maxBody: Int = 256 * 1024 * 1024)

/** Feeds [bytes] in the pieces that end at [cuts] (and at the end), reading every result as it becomes available. */
private fun parse(bytes: ByteArray, cuts: List<Int>, maxBody: Int): List<String> {
    val parser = RequestParser(maxBody)
    val results = mutableListOf<String>()
    var from = 0
    for (to in cuts + bytes.size) {
        parser.feed(ByteBuffer.wrap(bytes, from, to - from))
        from = to
        while (true) {
            when (val r = parser.next()) {
                RequestParser.Result.NeedMore -> break
                RequestParser.Result.Interim -> results += "100"
                is RequestParser.Result.Complete -> results += describe(r.request)
                is RequestParser.Result.Bad -> {
                    results += "bad ${r.error.status} ${r.error.message}"
                    return results
                }
            }
        }
    }
    return results
}

private fun describe(r: HttpRequest): String =
    "${r.method} ${r.target} ${r.version} ${r.headers.joinToString(",") { "${it.first}=${it.second}" }} [${r.body.decodeToString()}]"

private val BODY = "x".repeat(300)
private val BIG_HEADER = "X-Big: " + "h".repeat(40_000) + "\r\n"

private val CASES = listOf(
    Case("a GET", "GET /v1/models?limit=2 HTTP/1.1\r\nHost: a\r\nX-Empty:\r\n\r\n", listOf("GET /v1/models?limit=2 HTTP/1.1 Host=a,X-Empty= []")),
    Case(
        "blank lines before a request, LF line ends, a Content-Length body",
        "\r\n\nPOST /v1/files HTTP/1.1\nContent-Length: 300\n\n$BODY",
        listOf("POST /v1/files HTTP/1.1 Content-Length=300 [$BODY]"),
    ),
    Case(
        "pipelined: Content-Length, chunked, and an HTTP/1.0 GET",
        "POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc" +
            "POST /b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nxyz\r\n0\r\n\r\n" +
            "GET /c HTTP/1.0\r\n\r\n",
        listOf(
            "POST /a HTTP/1.1 Content-Length=3 [abc]",
            "POST /b HTTP/1.1 Transfer-Encoding=chunked [xyz]",
            "GET /c HTTP/1.0  []",
        ),
    ),
    Case(
        "chunked with extensions, an empty-looking chunk of CRLF, and trailers",
        "POST /x HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n5;a=b\r\nhello\r\n2\r\n\r\n\r\nA \r\n0123456789\r\n0\r\nx-trailer: 1\r\n\r\n",
        listOf("POST /x HTTP/1.1 Transfer-Encoding=Chunked [hello\r\n0123456789]"),
    ),
    Case(
        "Expect: 100-continue announces a chunked body",
        "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n1\r\n!\r\n0\r\n\r\n",
        listOf("100", "POST /x HTTP/1.1 Transfer-Encoding=chunked,Expect=100-continue [!]"),
    ),
    Case(
        "no interim answer without a body",
        "POST /x HTTP/1.1\r\nContent-Length: 0\r\nExpect: 100-continue\r\n\r\n",
        listOf("POST /x HTTP/1.1 Content-Length=0,Expect=100-continue []"),
    ),
    Case("a body that has not all arrived", "POST /x HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc", emptyList()),
    Case("a chunked body that has not ended", "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n", emptyList()),
    Case("a request line of two parts", "GET /v1/models\r\n\r\n", listOf("bad 400 Malformed request line")),
    Case("a request line of four parts", "GET  /v1/models HTTP/1.1\r\n\r\n", listOf("bad 400 Malformed request line")),
    Case("a request line without HTTP/", "GET /v1/models FTP/1.0\r\n\r\n", listOf("bad 400 Malformed request line")),
    Case("a header line without a colon", "GET / HTTP/1.1\r\nno colon\r\n\r\n", listOf("bad 400 Malformed header line")),
    Case("a header line with no name", "GET / HTTP/1.1\r\n: x\r\n\r\n", listOf("bad 400 Malformed header line")),
    Case("a Content-Length that is no number", "GET / HTTP/1.1\r\nContent-Length: 12x\r\n\r\n", listOf("bad 400 Bad Content-Length")),
    Case("a negative Content-Length", "GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", listOf("bad 400 Bad Content-Length")),
    Case("a chunk size that is no number", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", listOf("bad 400 Bad chunk size")),
    Case("a chunk longer than its size", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX\r\n", listOf("bad 400 Bad chunk end")),
    Case(
        "a good request, then a bad one",
        "GET /ok HTTP/1.1\r\n\r\nBROKEN\r\n\r\nGET /never HTTP/1.1\r\n\r\n",
        listOf("GET /ok HTTP/1.1  []", "bad 400 Malformed request line"),
    ),
    Case("a request line over 64 KiB", "GET /" + "a".repeat(70_000) + " HTTP/1.1\r\n\r\n", listOf("bad 431 Request line too long")),
    Case("a header line over 64 KiB", "GET / HTTP/1.1\r\nX: " + "b".repeat(70_000) + "\r\n\r\n", listOf("bad 431 Request line too long")),
    Case("headers over 64 KiB in all", "GET / HTTP/1.1\r\n$BIG_HEADER$BIG_HEADER\r\n", listOf("bad 431 Request headers too large")),
    Case("a Content-Length over the limit", "POST / HTTP/1.1\r\nContent-Length: 999999999999\r\n\r\n", listOf("bad 413 Request body too large")),
    Case(
        "a chunk over the limit",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n10000001\r\n",
        listOf("bad 413 Request body too large"),
    ),
    Case(
        "chunks that together pass a small limit",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n",
        listOf("bad 413 Request body too large"),
        maxBody = 8,
    ),
    Case(
        "a body exactly at a small limit",
        "POST / HTTP/1.1\r\nContent-Length: 8\r\n\r\n12345678",
        listOf("POST / HTTP/1.1 Content-Length=8 [12345678]"),
        maxBody = 8,
    ),
)

class RequestParserTest : FunSpec({

    test("every case parses the same all at once, byte at a time, and in pieces of 2, 3, 7 and 64 bytes") {
        for (case in CASES) {
            val bytes = case.input.toByteArray()
            withClue(case.name) {
                parse(bytes, emptyList(), case.maxBody) shouldBe case.expected
                for (step in listOf(1, 2, 3, 7, 64)) {
                    withClue("pieces of $step") { parse(bytes, (step until bytes.size step step).toList(), case.maxBody) shouldBe case.expected }
                }
            }
        }
    }

    test("every case under 2 KB parses the same split in two at every byte boundary") {
        for (case in CASES.filter { it.input.length < 2_048 }) {
            val bytes = case.input.toByteArray()
            for (cut in 1 until bytes.size) {
                withClue("${case.name}, split at $cut") { parse(bytes, listOf(cut), case.maxBody) shouldBe case.expected }
            }
        }
    }

    test("after an error the parser stays failed, whatever comes next") {
        val parser = RequestParser()
        parser.feed(ByteBuffer.wrap("NOT A REQUEST LINE\r\n".toByteArray()))
        (parser.next() as RequestParser.Result.Bad).error.status shouldBe 400
        parser.feed(ByteBuffer.wrap("GET / HTTP/1.1\r\n\r\n".toByteArray()))
        (parser.next() as RequestParser.Result.Bad).error.message shouldBe "Malformed request line"
    }

    test("a request that has been taken leaves nothing buffered; pipelined bytes stay buffered until taken") {
        val parser = RequestParser()
        parser.feed(ByteBuffer.wrap("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n".toByteArray()))
        (parser.next() as RequestParser.Result.Complete).request.target shouldBe "/a"
        parser.buffered shouldBe "GET /b HTTP/1.1\r\n\r\n".length
        (parser.next() as RequestParser.Result.Complete).request.target shouldBe "/b"
        parser.buffered shouldBe 0
        parser.next() shouldBe RequestParser.Result.NeedMore
    }
})
