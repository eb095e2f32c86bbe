package dev.openai4k.testkit

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.ints.shouldBeLessThanOrEqual
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.serialization.json.buildJsonArray
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.io.ByteArrayOutputStream
import java.io.File
import java.net.InetSocketAddress
import java.net.Socket
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger
import kotlin.concurrent.thread
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

private fun nioServer(maxRecorded: Int = Int.MAX_VALUE) =
    OpenAITestServer.start(transport = ServerTransport.NIO, maxRecordedRequests = maxRecorded)

private fun chatJson(text: String, stream: Boolean = false): String = buildJsonObject {
    put("model", "gpt-4o-mini")
    if (stream) put("stream", true)
    put("messages", buildJsonArray { add(buildJsonObject { put("role", "user"); put("content", text) }) })
}.toString()

/** The server's own threads (named after its port). */
private fun serverThreads(server: OpenAITestServer): List<String> =
    Thread.getAllStackTraces().keys.filter { it.isAlive && it.name.startsWith("openai-testkit-${server.port}-") }.map { it.name }

private fun openFds(): Int = File("/proc/self/fd").list()!!.size

/** The assistant text of a streamed chat answer: the `delta.content` of every chunk, in order. */
private fun streamedContent(body: String): String {
    val events = sseEvents(body)
    events.last().data shouldBe "[DONE]"
    return events.dropLast(1).joinToString("") { event ->
        parse(event.data)["choices"]!!.arr.firstOrNull()?.obj?.get("delta")?.obj?.get("content")
            ?.takeUnless { it.isNull }?.str.orEmpty()
    }
}

/** Polls [condition] every 10 ms until it holds or [millis] pass. */
private fun eventually(millis: Long, condition: () -> Boolean): Boolean {
    val deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis)
    while (System.nanoTime() < deadline) {
        if (condition()) return true
        Thread.sleep(10)
    }
    return condition()
}

class NioTransportTest : FunSpec({

    test("the default transport is the one the system property names") {
        val expected = if (System.getProperty(ServerTransport.PROPERTY) == "nio") ServerTransport.NIO else ServerTransport.BLOCKING
        OpenAITestServer.start().use { it.transport shouldBe expected }
        val saved = System.getProperty(ServerTransport.PROPERTY)
        try {
            System.setProperty(ServerTransport.PROPERTY, "NIO")
            ServerTransport.configuredDefault() shouldBe ServerTransport.NIO
            System.setProperty(ServerTransport.PROPERTY, "epoll")
            shouldThrow<IllegalArgumentException> { ServerTransport.configuredDefault() }.message shouldContain "blocking or nio"
        } finally {
            if (saved == null) System.clearProperty(ServerTransport.PROPERTY) else System.setProperty(ServerTransport.PROPERTY, saved)
        }
    }

    test("a NIO server runs on a selector thread and a worker thread") {
        nioServer().use { server ->
            server.transport shouldBe ServerTransport.NIO
            server.post("chat/completions", chatJson("hello")).statusCode() shouldBe 200
            serverThreads(server).sorted() shouldBe listOf("openai-testkit-${server.port}-nio-selector", "openai-testkit-${server.port}-nio-worker")
            server.serverThreads shouldBe 2
            server.openConnections shouldBe 1 // the JDK client's kept-alive connection
        }
    }

    test("keep-alive: sequential and pipelined requests reuse one connection") {
        nioServer().use { server ->
            Socket().use { socket ->
                socket.connect(InetSocketAddress("127.0.0.1", server.port), 2_000)
                socket.soTimeout = 5_000
                val out = socket.getOutputStream()
                val input = socket.getInputStream()
                out.write(rawPost("chat/completions", chatJson("first")).toByteArray())
                readRawResponse(input).let {
                    it.ending shouldBe RawResponse.Ending.COMPLETE
                    parse(it.text)["choices"]!!.arr[0].obj["message"]!!.obj["content"]!!.str shouldBe "first"
                }
                // two requests in one write: answered in order on the same connection
                out.write((rawPost("chat/completions", chatJson("second", stream = true)) + rawPost("chat/completions", chatJson("third"))).toByteArray())
                readRawResponse(input).let {
                    it.ending shouldBe RawResponse.Ending.COMPLETE
                    streamedContent(it.text) shouldBe "second"
                }
                readRawResponse(input).let {
                    it.ending shouldBe RawResponse.Ending.COMPLETE
                    parse(it.text)["choices"]!!.arr[0].obj["message"]!!.obj["content"]!!.str shouldBe "third"
                }
            }
            server.connections shouldBe 1
            server.requests.map { it.connectionId }.distinct().size shouldBe 1
            server.requests.size shouldBe 3
            // a JDK client keeps its connection alive too
            val fresh = nioServer()
            fresh.use {
                repeat(3) { i -> it.post("chat/completions", chatJson("again $i")).statusCode() shouldBe 200 }
                it.connections shouldBe 1
            }
        }
    }

    test("a streamed chat answer with delays arrives event by event, paced") {
        nioServer().use { server ->
            server.enqueue("chat/completions", Scripted.text("one two three four", SseOptions.DEFAULT.withDelayMillis(150)))
            Socket().use { socket ->
                socket.connect(InetSocketAddress("127.0.0.1", server.port), 2_000)
                socket.soTimeout = 5_000
                socket.getOutputStream().write(rawPost("chat/completions", chatJson("ignored", stream = true)).toByteArray())
                val reader = ByteReader(socket.getInputStream())
                reader.line() shouldBe "HTTP/1.1 200 OK"
                val payload = StringBuilder()
                val arrivals = mutableListOf<Long>()
                while (true) {
                    val line = reader.line() ?: break
                    if (line.startsWith("data: ")) {
                        arrivals += System.nanoTime()
                        payload.append(line).append("\n\n")
                        if (line == "data: [DONE]") break
                    }
                }
                val events = arrivals.size
                events shouldBe 7 // role, four words, finish, [DONE]
                // six pauses of 150 ms between the first event and [DONE]
                ((arrivals.last() - arrivals.first()) / 1_000_000) shouldBeGreaterThanOrEqual 800L
                streamedContent(payload.toString()) shouldBe "one two three four"
            }
            server.disconnects shouldBe 0
        }
    }

    test("a scripted error with its headers, and the connection stays usable") {
        nioServer().use { server ->
            server.enqueue("chat/completions", Scripted.error(429, null, mapOf("retry-after" to "2", "x-request-id" to "req_scripted")))
            val limited = server.post("chat/completions", chatJson("hi"))
            limited.statusCode() shouldBe 429
            limited.headers().firstValue("retry-after").get() shouldBe "2"
            limited.headers().firstValue("x-request-id").get() shouldBe "req_scripted"
            val error = parse(limited.body())["error"]!!.obj
            error["code"]!!.str shouldBe "rate_limit_exceeded"
            error["type"]!!.str shouldBe "requests"
            server.post("chat/completions", chatJson("after")).body() shouldContain "\"content\":\"after\""
            server.connections shouldBe 1
        }
    }

    test("request bodies over 64 KiB, sent in small pieces, Content-Length and chunked with 100-continue") {
        nioServer().use { server ->
            val big = (0 until 20_000).joinToString(" ") { "w$it" } // ~130 KB
            val json = chatJson(big)
            json.length shouldBeGreaterThan 64 * 1024
            Socket().use { socket ->
                socket.connect(InetSocketAddress("127.0.0.1", server.port), 2_000)
                socket.soTimeout = 10_000
                socket.tcpNoDelay = true
                val bytes = rawPost("chat/completions", json).toByteArray()
                var at = 0
                while (at < bytes.size) {
                    val n = minOf(1_000, bytes.size - at)
                    socket.getOutputStream().write(bytes, at, n)
                    socket.getOutputStream().flush()
                    at += n
                }
                val r = readRawResponse(socket.getInputStream())
                parse(r.text)["choices"]!!.arr[0].obj["message"]!!.obj["content"]!!.str shouldBe big

                // chunked, announced with Expect: 100-continue: the body is sent only after the interim answer
                val body = json.toByteArray()
                val head = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
                    "Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n"
                socket.getOutputStream().write(head.toByteArray())
                val reader = ByteReader(socket.getInputStream())
                reader.line() shouldBe "HTTP/1.1 100 Continue"
                reader.line() shouldBe ""
                val chunked = ByteArrayOutputStream()
                var from = 0
                for (size in listOf(70_000, 1, body.size - 70_001)) {
                    chunked.write("${Integer.toHexString(size)};ext=1\r\n".toByteArray())
                    chunked.write(body, from, size)
                    chunked.write("\r\n".toByteArray())
                    from += size
                }
                chunked.write("0\r\nx-trailer: t\r\n\r\n".toByteArray())
                socket.getOutputStream().write(chunked.toByteArray())
                val second = readRawResponse(socket.getInputStream())
                second.status shouldBe 200
                parse(second.text)["choices"]!!.arr[0].obj["message"]!!.obj["content"]!!.str shouldBe big
            }
            server.requests.map { it.bodyText } shouldBe listOf(json, json)
            server.connections shouldBe 1
        }
    }

    test("clients hanging up mid-stream are counted and leave no connection, descriptor or thread behind") {
        nioServer().use { server ->
            val hangUps = 20
            val words = (1..40).joinToString(" ") { "w$it" }
            server.enqueue("chat/completions", List(hangUps) { Scripted.text(words, SseOptions.DEFAULT.withDelayMillis(50)) })
            server.get("models").statusCode() shouldBe 200 // warm up the JDK client's own descriptors and threads
            // Descriptors of earlier tests' connections close asynchronously: wait for the count to settle.
            var settled = openFds()
            eventually(3_000) {
                Thread.sleep(200)
                openFds().let { now -> (now == settled).also { settled = now } }
            }
            val fds0 = openFds()
            val threads0 = serverThreads(server).size
            val open0 = server.openConnections // the JDK client keeps its connection alive
            repeat(hangUps) {
                Socket().use { socket ->
                    socket.connect(InetSocketAddress("127.0.0.1", server.port), 2_000)
                    socket.soTimeout = 5_000
                    socket.getOutputStream().write(rawPost("chat/completions", chatJson("x", stream = true)).toByteArray())
                    val reader = ByteReader(socket.getInputStream())
                    var line = reader.line()
                    while (line != null && !line.startsWith("data:")) line = reader.line()
                    (line != null) shouldBe true
                }
            }
            server.awaitDisconnects(hangUps, 10.seconds) shouldBe true
            server.disconnects shouldBe hangUps
            withClue("open connections before $open0") { eventually(5_000) { server.openConnections == open0 } shouldBe true }
            withClue("open descriptors before $fds0") { eventually(5_000) { openFds() <= fds0 } shouldBe true }
            serverThreads(server).size shouldBe threads0
            server.requestCount shouldBe (hangUps + 1).toLong()
        }
    }

    test("openConnections and serverThreads on both transports") {
        for (transport in ServerTransport.entries) {
            OpenAITestServer.start(transport = transport).use { server ->
                server.openConnections shouldBe 0
                val idle = server.serverThreads
                Socket().use { socket ->
                    socket.connect(InetSocketAddress("127.0.0.1", server.port), 2_000)
                    socket.soTimeout = 5_000
                    socket.getOutputStream().write(rawPost("chat/completions", chatJson("x")).toByteArray())
                    readRawResponse(socket.getInputStream()).ending shouldBe RawResponse.Ending.COMPLETE
                    server.openConnections shouldBe 1
                    // blocking: an answering thread and an input pump for this connection; NIO: none more
                    server.serverThreads shouldBe if (transport == ServerTransport.NIO) 2 else idle + 2
                }
                withClue(transport) { eventually(5_000) { server.openConnections == 0 } shouldBe true }
            }
        }
    }

    test("maxRecordedRequests keeps the most recent requests; requestCount counts them all") {
        for (transport in ServerTransport.entries) {
            OpenAITestServer.start(transport = transport, maxRecordedRequests = 2).use { server ->
                repeat(5) { i -> server.post("chat/completions", chatJson("m$i")).statusCode() shouldBe 200 }
                server.maxRecordedRequests shouldBe 2
                server.requests.map { it.jsonObject!!["messages"]!!.arr[0].obj["content"]!!.str } shouldBe listOf("m3", "m4")
                server.requestCount shouldBe 5L
                server.clearRequests()
                server.requests shouldBe emptyList()
                server.requestCount shouldBe 5L
            }
            OpenAITestServer.start(transport = transport, maxRecordedRequests = 0).use { server ->
                server.post("chat/completions", chatJson("kept nowhere")).body() shouldContain "\"content\":\"kept nowhere\""
                server.requests shouldBe emptyList()
                server.requestCount shouldBe 1L
            }
        }
        shouldThrow<IllegalArgumentException> { OpenAITestServer.start(maxRecordedRequests = -1) }
    }

    test("standalone: --nio and --max-recorded") {
        parseStandaloneArgs(arrayOf())!!.let {
            it.transport shouldBe ServerTransport.BLOCKING
            it.maxRecorded shouldBe 1_000
        }
        parseStandaloneArgs(arrayOf("--nio", "--max-recorded", "5", "--port", "0"))!!.let {
            it.transport shouldBe ServerTransport.NIO
            it.maxRecorded shouldBe 5
        }
        parseStandaloneArgs(arrayOf("--max-recorded=0"))!!.maxRecorded shouldBe 0
        shouldThrow<IllegalArgumentException> { parseStandaloneArgs(arrayOf("--max-recorded", "-1")) }
        val printed = ByteArrayOutputStream()
        launchStandalone(arrayOf("--port", "0", "--nio"), java.io.PrintStream(printed, true))!!.use { server ->
            server.transport shouldBe ServerTransport.NIO
            printed.toString().trim() shouldBe "openai-testkit listening on ${server.baseUrl} (nio)"
            server.post("chat/completions", chatJson("standalone")).body() shouldContain "\"content\":\"standalone\""
        }
    }

    test("2,000 concurrent streams, each answered exactly, on at most 4 server threads").config(timeout = 3.minutes) {
        val streams = 2_000
        nioServer().use { server ->
            // Each stream is the default echo, trickled 256 bytes every 100 ms: about 0.7 s each, so they overlap.
            server.enqueue("chat/completions", List(streams) { Scripted.fault(Fault.trickle(256, 100)) })
            val client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30)).build()
            val peakThreads = AtomicInteger()
            val peakOpen = AtomicInteger()
            val sampling = AtomicBoolean(true)
            val sampler = thread(isDaemon = true, name = "nio-test-sampler") {
                while (sampling.get()) {
                    peakThreads.accumulateAndGet(maxOf(serverThreads(server).size, server.serverThreads), ::maxOf)
                    peakOpen.accumulateAndGet(server.openConnections, ::maxOf)
                    Thread.sleep(20)
                }
            }
            val started = System.nanoTime()
            val futures = (0 until streams).map { i ->
                client.sendAsync(
                    HttpRequest.newBuilder(URI.create("${server.baseUrl}/chat/completions"))
                        .timeout(Duration.ofSeconds(120))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(chatJson("stream $i says hello", stream = true)))
                        .build(),
                    HttpResponse.BodyHandlers.ofString(),
                )
            }
            val answers = futures.map { it.get(150, TimeUnit.SECONDS) }
            val millis = (System.nanoTime() - started) / 1_000_000
            sampling.set(false)
            sampler.join(1_000)
            answers.forEachIndexed { i, r ->
                r.statusCode() shouldBe 200
                streamedContent(r.body()) shouldBe "stream $i says hello"
            }
            server.requestCount shouldBe streams.toLong()
            server.requests.map { parse(it.bodyText)["messages"]!!.arr[0].obj["content"]!!.str }.sorted() shouldContainExactly
                (0 until streams).map { "stream $it says hello" }.sorted()
            server.pendingTotal shouldBe 0
            withClue("server threads at peak") { peakThreads.get() shouldBeLessThanOrEqual 4 }
            // they really overlapped: most were open at once, and 2,000 x 0.7 s took far less than 1,400 s
            withClue("peak open connections") { peakOpen.get() shouldBeGreaterThan streams / 2 }
            withClue("wall time $millis ms") { (millis < 120_000) shouldBe true }
            server.disconnects shouldBe 0
        }
    }
})

