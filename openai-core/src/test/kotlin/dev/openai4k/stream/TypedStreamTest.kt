package dev.openai4k.stream

import dev.openai4k.OpenAIConnectionException
import dev.openai4k.OpenAIDecodeException
import dev.openai4k.OpenAIException
import dev.openai4k.OpenAIJson
import dev.openai4k.OpenAIStreamException
import dev.openai4k.Recorded
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import dev.openai4k.http.ServerSentEvent
import dev.openai4k.partial
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import io.ktor.client.engine.mock.respond
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.flowOf
import kotlinx.coroutines.flow.toList
import kotlinx.serialization.DeserializationStrategy
import kotlinx.serialization.Serializable
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject

/** The events of a made-up stream: one known type and the fallback. */
sealed interface TestEvent {
    @Serializable
    data class Ping(val type: String? = null, val n: Int = 0) : TestEvent

    data class Unknown(val type: String?, val json: JsonObject) : TestEvent
}

private val decoder = TypedEventDecoder(
    "test",
    mapOf<String, DeserializationStrategy<TestEvent>>("ping" to TestEvent.Ping.serializer()),
) { type, json -> TestEvent.Unknown(type, json) }

private fun sse(data: String, event: String? = null) = ServerSentEvent(event, data)

/** Counts pings; its partial result is the count, its text the pings' numbers. */
private class PingCount(private val requireTwo: Boolean = false) : StreamAccumulator<TestEvent, Int> {
    private var count = 0
    private val text = StringBuilder()

    override fun add(element: TestEvent) {
        if (element is TestEvent.Ping) {
            count++
            text.append(element.n)
        }
    }

    override fun partial(): Int? = count.takeIf { it > 0 }

    override fun partialText(): String? = text.takeIf { it.isNotEmpty() }?.toString()

    override fun endFailure(): OpenAIException? = if (requireTwo && count < 2) OpenAIConnectionException("cut after $count") else null
}

/** Two pings, then [failure]. */
private fun broken(failure: OpenAIException): Flow<TestEvent> = flow {
    emit(TestEvent.Ping("ping", 1))
    emit(TestEvent.Ping("ping", 2))
    throw failure
}

class TypedStreamTest : FunSpec({
    test("the type comes from the data's type member, before the event name") {
        decoder.decode(sse("""{"type":"ping","n":1}""", event = "other")) shouldBe TestEvent.Ping("ping", 1)
    }

    test("without a type member the SSE event name gives the type, and the decoded event learns it") {
        decoder.decode(sse("""{"n":2}""", event = "ping")) shouldBe TestEvent.Ping("ping", 2)
    }

    test("an unknown type becomes Unknown with its type and the JSON object as received") {
        val data = """{"type":"future.thing","x":[1,{"y":null}]}"""
        decoder.decode(sse(data, event = "ignored")) shouldBe TestEvent.Unknown("future.thing", OpenAIJson.parseToJsonElement(data).jsonObject)
        // Neither a type member nor an event name: the type is null, nothing is added to the JSON.
        decoder.decode(sse("""{"x":1}""")) shouldBe TestEvent.Unknown(null, OpenAIJson.parseToJsonElement("""{"x":1}""").jsonObject)
        decoder.decode(sse("""{"x":1}""", event = "later")).shouldBeInstanceOf<TestEvent.Unknown>().json.keys shouldBe setOf("x")
    }

    test("an error event, by type member or by event name, raises OpenAIStreamException with its fields") {
        val nested = shouldThrow<OpenAIStreamException> {
            decoder.decode(sse("""{"type":"error","error":{"message":"boom","type":"server_error","code":"c1","param":"p"}}"""))
        }
        nested.message shouldBe "stream error: boom"
        nested.code shouldBe "c1"
        nested.type shouldBe "server_error"
        nested.param shouldBe "p"
        val flat = shouldThrow<OpenAIStreamException> { decoder.decode(sse("""{"message":"Slow down","code":"rate"}""", event = "error")) }
        flat.message shouldBe "stream error: Slow down"
        flat.code shouldBe "rate"
        flat.bodySnippet shouldBe """{"message":"Slow down","code":"rate"}"""
    }

    test("a known event that does not fit its class: one message shape naming stream, type and class, the cause kept") {
        val data = """{"type":"ping","n":"not a number"}"""
        val e = shouldThrow<OpenAIDecodeException> { decoder.decode(sse(data)) }
        val cause = e.cause.shouldBeInstanceOf<SerializationException>()
        e.message shouldBe "Could not decode a test stream event of type 'ping' as ${TestEvent.Ping.serializer().descriptor.serialName}: " +
            cause.message!!.lines().first()
        e.bodySnippet shouldBe data
    }

    test("data that is not JSON, or not an object, is a decode failure of the same shape; the snippet is capped") {
        val notJson = shouldThrow<OpenAIDecodeException> { decoder.decode(sse("{not json", event = "ping")) }
        notJson.message!! shouldStartWith "Could not decode a test stream event of type 'ping': "
        notJson.cause.shouldBeInstanceOf<SerializationException>()
        notJson.bodySnippet shouldBe "{not json"
        shouldThrow<OpenAIDecodeException> { decoder.decode(sse("[1,2]")) }.message shouldBe
            "Could not decode a test stream event: the data is not a JSON object"
        val long = "[" + "1,".repeat(3000) + "1]"
        shouldThrow<OpenAIDecodeException> { decoder.decode(sse(long)) }.bodySnippet shouldBe long.take(2048) + "..."
    }

    test("blank data (a keep-alive) is skipped") {
        decoder.decode(sse("")).shouldBeNull()
        decoder.decode(sse("  \n ")).shouldBeNull()
        flowOf(sse(""), sse("""{"type":"ping","n":3}"""), sse(" ")).decodeEvents(decoder).toList() shouldBe
            listOf(TestEvent.Ping("ping", 3))
    }

    test("a failure carries the accumulator's partial result and text") {
        val e = shouldThrow<OpenAIConnectionException> {
            broken(OpenAIConnectionException("reset")).attachPartial("test", PingCount()).collect()
        }
        e.partial shouldBe 2
        e.partialText shouldBe "12"
    }

    test("a partial result or text already set is never overwritten; nothing is set when the accumulator has none") {
        val early = OpenAIConnectionException("reset").apply { partial = "inner layer's" }
        val e = shouldThrow<OpenAIConnectionException> {
            broken(early).attachPartial("test", PingCount()).attachPartial("test", PingCount()).collect()
        }
        e.partial shouldBe "inner layer's"
        e.partialText shouldBe "12"
        val none = shouldThrow<OpenAIConnectionException> {
            flow<TestEvent> { throw OpenAIConnectionException("refused") }.attachPartial("test", PingCount()).collect()
        }
        none.partial.shouldBeNull()
        none.partialText.shouldBeNull()
    }

    test("endFailure fails a stream that ended short, with the partial result; an empty stream fails only when asked") {
        val cut = shouldThrow<OpenAIConnectionException> {
            flowOf<TestEvent>(TestEvent.Ping("ping", 7)).attachPartial("test", PingCount(requireTwo = true)).collect()
        }
        cut.message shouldBe "cut after 1"
        cut.partial shouldBe 1
        val empty = shouldThrow<OpenAIDecodeException> {
            flowOf<TestEvent>().attachPartial("test", PingCount(), failWhenEmpty = true).collect()
        }
        empty.message!! shouldStartWith "The test stream ended without any event"
        flowOf<TestEvent>().attachPartial("test", null).toList() shouldBe emptyList()
    }

    test("the typed reader gives the partial result only as its own type") {
        val e = OpenAIConnectionException("reset")
        e.partial(String::class.java).shouldBeNull()
        e.partial = 42
        e.partial(Int::class.javaObjectType) shouldBe 42
        e.partial(String::class.java).shouldBeNull()
        e.partial<Int>() shouldBe 42
        e.partial<String>().shouldBeNull()
        e.partial<Number>() shouldBe 42
    }

    test("through a client: a decode failure mid-stream carries the request id and the partial result") {
        val body = "data: {\"type\":\"ping\",\"n\":4}\n\n: keep-alive\n\ndata: \n\ndata: {\"type\":\"ping\",\"n\":[]}\n\n"
        val r = Recorded {
            respond(body, HttpStatusCode.OK, headersOf("Content-Type" to listOf("text/event-stream"), "x-request-id" to listOf("req_t")))
        }
        val seen = mutableListOf<TestEvent>()
        val e = shouldThrow<OpenAIDecodeException> {
            r.client.events(ApiCall(ApiMethod.POST, ApiPath.fixed("things")))
                .decodeEvents(decoder).attachPartial("test", PingCount()).collect { seen += it }
        }
        seen shouldBe listOf(TestEvent.Ping("ping", 4))
        e.message!! shouldStartWith "Could not decode a test stream event of type 'ping'"
        e.requestId shouldBe "req_t"
        e.partial shouldBe 1
        e.partialText shouldBe "4"
    }
})
