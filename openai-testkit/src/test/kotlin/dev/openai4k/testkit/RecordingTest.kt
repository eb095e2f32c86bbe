package dev.openai4k.testkit

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.serialization.json.JsonPrimitive
import java.io.ByteArrayOutputStream
import java.net.InetSocketAddress
import java.net.Socket
import java.net.URI
import java.net.http.HttpRequest
import java.net.http.HttpResponse

class RecordingTest : FunSpec({

    test("a JSON request is recorded with method, raw path, query, lowercased headers, body text and parsed JSON") {
        OpenAITestServer.start().use { server ->
            val request = HttpRequest.newBuilder(URI.create("${server.baseUrl}/chat/completions?api-version=2024-10-21&x=a+b%21"))
                .header("Content-Type", "application/json")
                .header("X-Custom-Header", "Value-1")
                .header("Authorization", "Bearer sk-test")
                .POST(HttpRequest.BodyPublishers.ofString("""{"model":"m","messages":[{"role":"user","content":"héllo"}]}"""))
                .build()
            http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() shouldBe 200
            val recorded = server.requests.single()
            recorded.method shouldBe "POST"
            recorded.path shouldBe "/v1/chat/completions"
            recorded.relativePath shouldBe "chat/completions"
            recorded.query shouldBe "api-version=2024-10-21&x=a+b%21"
            recorded.queryParameter("api-version") shouldBe "2024-10-21"
            recorded.queryParameter("x") shouldBe "a b!"
            recorded.headers["x-custom-header"] shouldBe listOf("Value-1")
            recorded.header("AUTHORIZATION") shouldBe "Bearer sk-test"
            recorded.headers.keys.all { it == it.lowercase() } shouldBe true
            recorded.bodyText shouldBe """{"model":"m","messages":[{"role":"user","content":"héllo"}]}"""
            recorded.jsonObject!!["model"] shouldBe JsonPrimitive("m")
            recorded.jsonObject!!["messages"]!!.arr[0].obj["content"]!!.str shouldBe "héllo"
            recorded.parts shouldBe emptyList()
        }
    }

    test("a percent-encoded id is recorded raw and matched decoded") {
        OpenAITestServer.start().use { server ->
            server.get("models/ft%3Agpt-4o%3Aorg%3A%3Aid")
            val recorded = server.requests.single()
            recorded.path shouldBe "/v1/models/ft%3Agpt-4o%3Aorg%3A%3Aid"
            recorded.json shouldBe null
            server.requests("models/ft:gpt-4o:org::id").size shouldBe 1
            server.requests("GET models/{id}").size shouldBe 1
            server.requests("DELETE models/{id}").size shouldBe 0
        }
    }

    test("multipart parts are recorded with name, filename, content type and exact bytes") {
        OpenAITestServer.start().use { server ->
            val binary = ByteArray(256) { it.toByte() } + "\r\n--not-the-boundary\r\n".toByteArray()
            val form = Form().file("file", "clip.wav", "audio/wav", binary).field("model", "whisper-1")
                .field("timestamp_granularities[]", "word").field("timestamp_granularities[]", "segment")
            server.postForm("audio/transcriptions", form).statusCode() shouldBe 200
            val recorded = server.requests("audio/transcriptions").single()
            recorded.parts.map { it.name } shouldBe listOf("file", "model", "timestamp_granularities[]", "timestamp_granularities[]")
            val file = recorded.part("file")!!
            file.filename shouldBe "clip.wav"
            file.contentType shouldBe "audio/wav"
            file.bytes.toList() shouldBe binary.toList()
            recorded.part("model")!!.filename shouldBe null
            recorded.part("model")!!.text shouldBe "whisper-1"
            recorded.parts.filter { it.name == "timestamp_granularities[]" }.map { it.text } shouldBe listOf("word", "segment")
        }
    }

    test("a UTF-8 filename* parameter is decoded") {
        OpenAITestServer.start().use { server ->
            val boundary = "b0undary"
            val body = "--$boundary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"fallback.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9.txt\r\n" +
                "Content-Type: text/plain\r\n\r\nhello\r\n--$boundary\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n--$boundary--\r\n"
            val response = http.send(
                HttpRequest.newBuilder(URI.create("${server.baseUrl}/files"))
                    .header("Content-Type", "multipart/form-data; boundary=\"$boundary\"")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString(),
            )
            parse(response.body())["filename"]!!.str shouldBe "résumé.txt"
            server.requests.single().part("file")!!.filename shouldBe "résumé.txt"
        }
    }

    test("requests(path) filters, and clearRequests forgets") {
        OpenAITestServer.start().use { server ->
            server.post("embeddings", """{"model":"m","input":"a","dimensions":2}""")
            server.get("models")
            server.post("embeddings", """{"model":"m","input":"b","dimensions":2}""")
            server.requests("embeddings").map { it.jsonObject!!["input"]!!.str } shouldBe listOf("a", "b")
            server.requests("models").size shouldBe 1
            server.requests.size shouldBe 3
            server.clearRequests()
            server.requests.size shouldBe 0
            server.get("models")
            server.requests.size shouldBe 1
        }
    }

    test("a chunked request body is de-chunked, and two requests on one socket share a connection") {
        OpenAITestServer.start().use { server ->
            Socket().use { socket ->
                socket.connect(InetSocketAddress("127.0.0.1", server.port), 2_000)
                socket.soTimeout = 5_000
                val out = socket.getOutputStream()
                val json = """{"model":"m","input":"chunky","dimensions":2}"""
                out.write(
                    ("POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
                        "10\r\n${json.substring(0, 16)}\r\n${Integer.toHexString(json.length - 16)}\r\n${json.substring(16)}\r\n0\r\n\r\n").toByteArray(),
                )
                out.flush()
                val first = readRawResponse(socket.getInputStream())
                first.status shouldBe 200
                first.ending shouldBe RawResponse.Ending.COMPLETE
                out.write("GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n".toByteArray())
                out.flush()
                readRawResponse(socket.getInputStream()).status shouldBe 200
            }
            server.requests[0].bodyText shouldBe """{"model":"m","input":"chunky","dimensions":2}"""
            server.requests.map { it.connectionId }.distinct().size shouldBe 1
            server.connections shouldBe 1
        }
    }

    test("Expect: 100-continue gets an interim 100 before the body is sent") {
        OpenAITestServer.start().use { server ->
            Socket().use { socket ->
                socket.connect(InetSocketAddress("127.0.0.1", server.port), 2_000)
                socket.soTimeout = 5_000
                val json = """{"model":"m","input":"x","dimensions":2}"""
                val out = socket.getOutputStream()
                out.write("POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${json.length}\r\nExpect: 100-continue\r\n\r\n".toByteArray())
                out.flush()
                val reader = ByteReader(socket.getInputStream())
                reader.line() shouldBe "HTTP/1.1 100 Continue"
                reader.line() shouldBe ""
                out.write(json.toByteArray())
                out.flush()
                readRawResponse(socket.getInputStream()).status shouldBe 200
            }
            server.requests.single().bodyText shouldBe """{"model":"m","input":"x","dimensions":2}"""
        }
    }

    test("a malformed request line is answered 400 and closed") {
        OpenAITestServer.start().use { server ->
            val r = rawExchange(server.port, "NONSENSE\r\n\r\n")
            r.status shouldBe 400
            r.headers["connection"] shouldBe "close"
            server.requests.size shouldBe 0
        }
    }

    test("concurrent clients, HTTP/2-preferring ones included, are all answered and recorded") {
        OpenAITestServer.start().use { server ->
            val client = java.net.http.HttpClient.newHttpClient()
            val futures = (1..30).map { i ->
                client.sendAsync(
                    HttpRequest.newBuilder(URI.create("${server.baseUrl}/embeddings"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""{"model":"m","input":"text $i","dimensions":4}"""))
                        .build(),
                    HttpResponse.BodyHandlers.ofString(),
                )
            }
            val bodies = futures.map { it.get(20, java.util.concurrent.TimeUnit.SECONDS) }
            bodies.forEach {
                it.statusCode() shouldBe 200
                it.version() shouldBe java.net.http.HttpClient.Version.HTTP_1_1
            }
            server.requests("embeddings").map { it.jsonObject!!["input"]!!.str }.toSet() shouldBe (1..30).map { "text $it" }.toSet()
        }
    }

    test("a large binary upload arrives intact") {
        OpenAITestServer.start().use { server ->
            val big = ByteArray(3 * 1024 * 1024) { (it * 31).toByte() }
            val r = server.postForm("files", Form().file("file", "big.bin", "application/octet-stream", big).field("purpose", "user_data"))
            parse(r.body())["bytes"]!!.long shouldBe big.size.toLong()
            val id = parse(r.body())["id"]!!.str
            val content = server.getBytes("${server.baseUrl}/files/$id/content").body()
            content.contentEquals(big) shouldBe true
            val collected = ByteArrayOutputStream().apply { write(server.requests("files").single().part("file")!!.bytes) }
            collected.size() shouldBe big.size
        }
    }
})
