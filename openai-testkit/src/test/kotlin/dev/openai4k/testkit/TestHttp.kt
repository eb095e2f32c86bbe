package dev.openai4k.testkit

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.io.ByteArrayOutputStream
import java.io.InputStream
import java.net.InetSocketAddress
import java.net.Socket
import java.net.SocketException
import java.net.SocketTimeoutException
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration

/** A plain JDK HTTP/1.1 client: nothing of the SDK is involved in these tests. */
val http: HttpClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build()

fun OpenAITestServer.post(path: String, json: String, headers: Map<String, String> = emptyMap()): HttpResponse<String> {
    val builder = HttpRequest.newBuilder(URI.create("$baseUrl/$path")).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
    headers.forEach { (k, v) -> builder.header(k, v) }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString())
}

fun OpenAITestServer.get(path: String): HttpResponse<String> =
    http.send(HttpRequest.newBuilder(URI.create("$baseUrl/$path")).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString())

fun OpenAITestServer.getBytes(url: String): HttpResponse<ByteArray> =
    http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofByteArray())

fun OpenAITestServer.delete(path: String): HttpResponse<String> =
    http.send(HttpRequest.newBuilder(URI.create("$baseUrl/$path")).timeout(Duration.ofSeconds(10)).DELETE().build(), HttpResponse.BodyHandlers.ofString())

fun OpenAITestServer.postBytes(path: String, json: String): HttpResponse<ByteArray> = http.send(
    HttpRequest.newBuilder(URI.create("$baseUrl/$path")).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
    HttpResponse.BodyHandlers.ofByteArray(),
)

/** A multipart/form-data body built by hand. */
class Form {
    val boundary = "----testkit-boundary-7MA4YWxkTrZu0gW"
    private val out = ByteArrayOutputStream()

    fun field(name: String, value: String) = apply {
        out.write("--$boundary\r\nContent-Disposition: form-data; name=\"$name\"\r\n\r\n$value\r\n".toByteArray())
    }

    fun file(name: String, filename: String, contentType: String, bytes: ByteArray) = apply {
        out.write(
            ("--$boundary\r\nContent-Disposition: form-data; name=\"$name\"; filename=\"$filename\"\r\n" +
                "Content-Type: $contentType\r\n\r\n").toByteArray(),
        )
        out.write(bytes)
        out.write("\r\n".toByteArray())
    }

    fun bytes(): ByteArray = out.toByteArray() + "--$boundary--\r\n".toByteArray()
}

fun OpenAITestServer.postForm(path: String, form: Form): HttpResponse<String> = http.send(
    HttpRequest.newBuilder(URI.create("$baseUrl/$path")).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "multipart/form-data; boundary=${form.boundary}")
        .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())).build(),
    HttpResponse.BodyHandlers.ofString(),
)

fun parse(text: String): JsonObject = Json.parseToJsonElement(text).jsonObject

val JsonElement.obj: JsonObject get() = jsonObject
val JsonElement.arr: JsonArray get() = jsonArray
val JsonElement.str: String get() = jsonPrimitive.also { require(it.isString) { "not a string: $it" } }.content
val JsonElement.num: Double get() = jsonPrimitive.also { require(!it.isString) { "not a number: $it" } }.content.toDouble()
val JsonElement.long: Long get() = jsonPrimitive.also { require(!it.isString) { "not a number: $it" } }.content.toLong()
val JsonElement.bool: Boolean get() = jsonPrimitive.also { require(!it.isString) { "not a boolean: $it" } }.content.toBooleanStrict()
val JsonElement.isNull: Boolean get() = this is kotlinx.serialization.json.JsonNull

/** One parsed SSE event. */
data class Event(val event: String?, val data: String)

/** Parses an SSE body (LF or CRLF) into events; comment lines are dropped. */
fun sseEvents(body: String): List<Event> {
    val events = mutableListOf<Event>()
    var name: String? = null
    val data = mutableListOf<String>()
    for (line in body.split("\r\n", "\n")) {
        when {
            line.isEmpty() -> {
                if (data.isNotEmpty()) events += Event(name, data.joinToString("\n"))
                name = null
                data.clear()
            }
            line.startsWith(":") -> {}
            line.startsWith("event:") -> name = line.removePrefix("event:").trim()
            line.startsWith("data:") -> data += line.removePrefix("data:").removePrefix(" ")
        }
    }
    return events
}

/** What a raw socket received: the head, the payload bytes (chunked framing removed), and how it ended. */
class RawResponse(val status: Int, val headers: Map<String, String>, val body: ByteArray, val ending: Ending) {
    enum class Ending { COMPLETE, EOF, RESET, TIMEOUT }

    val text: String get() = body.decodeToString()
}

/** Sends [request] on a fresh socket and reads one response, noting whether it ended cleanly, by EOF, or by reset. */
fun rawExchange(port: Int, request: String, readTimeoutMillis: Int = 5_000): RawResponse =
    Socket().use { socket ->
        socket.connect(InetSocketAddress("127.0.0.1", port), 5_000)
        socket.soTimeout = readTimeoutMillis
        socket.getOutputStream().write(request.toByteArray())
        socket.getOutputStream().flush()
        readRawResponse(socket.getInputStream())
    }

fun rawPost(path: String, json: String): String =
    "POST /v1/$path HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${json.toByteArray().size}\r\n\r\n$json"

fun readRawResponse(input: InputStream): RawResponse {
    val reader = ByteReader(input)
    val statusLine = try {
        reader.line()
    } catch (e: SocketException) {
        return RawResponse(0, emptyMap(), ByteArray(0), RawResponse.Ending.RESET)
    } catch (e: SocketTimeoutException) {
        return RawResponse(0, emptyMap(), ByteArray(0), RawResponse.Ending.TIMEOUT)
    } ?: return RawResponse(0, emptyMap(), ByteArray(0), RawResponse.Ending.EOF)
    val status = statusLine.split(' ')[1].toInt()
    val headers = linkedMapOf<String, String>()
    while (true) {
        val line = reader.line() ?: break
        if (line.isEmpty()) break
        headers[line.substringBefore(':').trim().lowercase()] = line.substringAfter(':').trim()
    }
    val body = ByteArrayOutputStream()
    val ending = try {
        if (headers["transfer-encoding"] == "chunked") {
            var end = RawResponse.Ending.EOF
            while (true) {
                val sizeLine = reader.line() ?: break
                val size = sizeLine.trim().toInt(16)
                if (size == 0) {
                    reader.line()
                    end = RawResponse.Ending.COMPLETE
                    break
                }
                val got = reader.bytes(size)
                body.write(got)
                if (got.size < size) break
                reader.line() ?: break
            }
            end
        } else {
            val length = headers["content-length"]?.toInt()
            if (length == null) {
                body.write(reader.bytes(Int.MAX_VALUE))
                RawResponse.Ending.EOF
            } else {
                val got = reader.bytes(length)
                body.write(got)
                if (got.size == length) RawResponse.Ending.COMPLETE else RawResponse.Ending.EOF
            }
        }
    } catch (e: SocketException) {
        body.write(reader.partial())
        RawResponse.Ending.RESET
    } catch (e: SocketTimeoutException) {
        body.write(reader.partial())
        RawResponse.Ending.TIMEOUT
    }
    return RawResponse(status, headers, body.toByteArray(), ending)
}

/** Reads lines and byte runs, keeping what a partial run got before an exception. */
class ByteReader(private val input: InputStream) {
    private var pending = ByteArrayOutputStream()

    fun line(): String? {
        val buffer = ByteArrayOutputStream()
        while (true) {
            val b = input.read()
            if (b < 0) return if (buffer.size() == 0) null else buffer.toString(Charsets.UTF_8)
            if (b == '\n'.code) break
            buffer.write(b)
        }
        return buffer.toString(Charsets.UTF_8).removeSuffix("\r")
    }

    /** Up to [n] bytes, fewer at EOF. */
    fun bytes(n: Int): ByteArray {
        pending = ByteArrayOutputStream()
        val chunk = ByteArray(8192)
        while (pending.size() < n) {
            val r = input.read(chunk, 0, minOf(chunk.size, n - pending.size()))
            if (r < 0) break
            pending.write(chunk, 0, r)
        }
        return pending.toByteArray().also { pending = ByteArrayOutputStream() }
    }

    fun partial(): ByteArray = pending.toByteArray()
}

/** Every JSON key of [o] with a JSON type name, to compare shapes. */
fun JsonObject.shape(): Map<String, String> = mapValues { (_, v) ->
    when (v) {
        is kotlinx.serialization.json.JsonNull -> "null"
        is JsonObject -> "object"
        is JsonArray -> "array"
        is JsonPrimitive -> when {
            v.isString -> "string"
            v.content == "true" || v.content == "false" -> "boolean"
            else -> "number"
        }
        else -> "null"
    }
}
