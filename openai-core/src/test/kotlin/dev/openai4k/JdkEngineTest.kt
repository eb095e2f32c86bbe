package dev.openai4k

import dev.openai4k.http.ApiBody
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import dev.openai4k.http.FileSource
import dev.openai4k.http.MultipartForm
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.flow.collect
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import java.io.ByteArrayInputStream
import kotlin.random.Random

private val chatCall = ApiCall(ApiMethod.POST, ApiPath.fixed("chat/completions"), ApiBody.Json(JsonObject(mapOf("n" to JsonPrimitive(1)))))

/** The default engine (core's own java.net.http engine) over real sockets: what the shared SocketTest does not cover. */
class JdkEngineTest : FunSpec({
    test("JAVA is the default engine") {
        OpenAIConfig().httpEngine shouldBe HttpEngine.JAVA
        HttpEngine.DEFAULT shouldBe HttpEngine.JAVA
    }

    test("POSTs reuse one kept-alive connection") {
        RawServer { json("""{"ok":true}""") }.use { server ->
            OpenAI { baseUrl = server.baseUrl; maxRetries = 0 }.use { client ->
                repeat(5) { client.execute(chatCall, Echo.serializer()).ok shouldBe true }
            }
            server.requests.get() shouldBe 5
            server.connections.get() shouldBe 1
            server.received.forEach { (_, body) -> body.decodeToString() shouldBe """{"n":1}""" }
        }
    }

    test("maxConnections bounds the exchanges in flight; the others wait for a slot and then succeed") {
        val inFlight = java.util.concurrent.atomic.AtomicInteger()
        val peak = java.util.concurrent.atomic.AtomicInteger()
        RawServer {
            peak.accumulateAndGet(inFlight.incrementAndGet(), ::maxOf)
            Thread.sleep(300)
            inFlight.decrementAndGet()
            json("""{"ok":true}""")
        }.use { server ->
            OpenAI { baseUrl = server.baseUrl; maxRetries = 0; maxConnections = 2 }.use { client ->
                kotlinx.coroutines.coroutineScope {
                    (1..6).map { async { client.execute(chatCall, Echo.serializer()).ok } }.awaitAll()
                } shouldBe List(6) { true }
            }
            server.requests.get() shouldBe 6
            peak.get() shouldBe 2
            server.connections.get() shouldBe 2
        }
    }

    test("a multipart upload of a sized file is streamed with its Content-Length, byte for byte") {
        val bytes = Random(7).nextBytes(300_000)
        RawServer { json("""{"ok":true}""") }.use { server ->
            OpenAI { baseUrl = server.baseUrl; maxRetries = 0 }.use { client ->
                val form = MultipartForm().field("purpose", "batch").file("file", FileSource.of(bytes, "data.bin", "application/octet-stream"))
                client.execute(ApiCall(ApiMethod.POST, ApiPath.fixed("files"), ApiBody.Form(form)), Echo.serializer()).ok shouldBe true
            }
            val (head, body) = server.received.single()
            head.lowercase() shouldContain "content-length: ${body.size}"
            head.lowercase() shouldNotContain "transfer-encoding"
            val text = String(body, Charsets.ISO_8859_1)
            text shouldContain "name=\"purpose\""
            val start = text.indexOf("\r\n\r\n", text.indexOf("filename=\"data.bin\"")) + 4
            body.copyOfRange(start, start + bytes.size).contentEquals(bytes) shouldBe true
        }
    }

    test("an upload of unknown length goes chunked and arrives whole") {
        val bytes = Random(8).nextBytes(100_000)
        RawServer { json("""{"ok":true}""") }.use { server ->
            OpenAI { baseUrl = server.baseUrl; maxRetries = 0 }.use { client ->
                val form = MultipartForm().file("file", FileSource.of(ByteArrayInputStream(bytes), "a.bin", "application/octet-stream"))
                client.execute(ApiCall(ApiMethod.POST, ApiPath.fixed("files"), ApiBody.Form(form)), Echo.serializer()).ok shouldBe true
            }
            val (head, body) = server.received.single()
            head.lowercase() shouldContain "transfer-encoding: chunked"
            val text = String(body, Charsets.ISO_8859_1)
            val start = text.indexOf("\r\n\r\n") + 4
            body.copyOfRange(start, start + bytes.size).contentEquals(bytes) shouldBe true
        }
    }

    test("a chunked stream cut mid-answer delivers every event that arrived, then fails") {
        RawServer {
            write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
            for (i in 1..3) {
                val event = "data: {\"i\":$i}\n\n"
                write(Integer.toHexString(event.length) + "\r\n" + event + "\r\n")
            }
            close()
        }.use { server ->
            OpenAI { baseUrl = server.baseUrl; maxRetries = 2 }.use { client ->
                val seen = mutableListOf<String>()
                val e = shouldThrow<OpenAIConnectionException> {
                    client.events(chatCall).collect { seen += it.data }
                }
                seen shouldBe listOf("{\"i\":1}", "{\"i\":2}", "{\"i\":3}")
                io.kotest.assertions.withClue(e.stackTraceToString()) { e.attempts shouldBe 1 }
                server.requests.get() shouldBe 1
            }
        }
    }

    test("a closed client leaves no engine thread behind once it is collected") {
        fun selectors() = Thread.getAllStackTraces().keys.filter { it.name.endsWith("SelectorManager") && it.isAlive }.toSet()
        val before = selectors()
        RawServer { json("""{"ok":true}""") }.use { server ->
            suspend fun useAndClose() = OpenAI { baseUrl = server.baseUrl }.use { client -> client.execute(chatCall, Echo.serializer()).ok }
            useAndClose() shouldBe true
            // java.net.http's one selector thread ends when its client is unreachable (JDK 21+ also stops it on close).
            val deadline = System.currentTimeMillis() + 10_000
            while (System.currentTimeMillis() < deadline && (selectors() - before).isNotEmpty()) {
                System.gc()
                Thread.sleep(100)
            }
            (selectors() - before) shouldHaveSize 0
        }
    }
})
