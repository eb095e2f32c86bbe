package dev.openai4k.responses

import dev.openai4k.OpenAIDecodeException
import dev.openai4k.OpenAIStreamException
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.flow.toList
import kotlinx.serialization.json.JsonPrimitive

private fun created(seq: Int) =
    data("""{"type":"response.created","sequence_number":$seq,"response":{"id":"resp_s","status":"in_progress","model":"gpt-4.1","output":[]}}""")

/** The events of a response that writes "Hello, world!" in three fragments and calls get_weather({"city":"Oslo"}). */
private val fragmented = arrayOf(
    created(0),
    data("""{"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_s","status":"in_progress"}}"""),
    data("""{"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"type":"message","id":"msg_1","status":"in_progress","role":"assistant","content":[]}}"""),
    data("""{"type":"response.content_part.added","sequence_number":3,"item_id":"msg_1","output_index":0,"content_index":0,"part":{"type":"output_text","text":"","annotations":[]}}"""),
    data("""{"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hel"}"""),
    data("""{"type":"response.output_text.delta","sequence_number":5,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"lo, wor"}"""),
    data("""{"type":"response.output_text.delta","sequence_number":6,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"ld!"}"""),
    data("""{"type":"response.output_item.added","sequence_number":7,"output_index":1,"item":{"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_weather","arguments":"","status":"in_progress"}}"""),
    data("""{"type":"response.function_call_arguments.delta","sequence_number":8,"item_id":"fc_1","output_index":1,"delta":"{\"ci"}"""),
    data("""{"type":"response.function_call_arguments.delta","sequence_number":9,"item_id":"fc_1","output_index":1,"delta":"ty\":\"Os"}"""),
    data("""{"type":"response.function_call_arguments.delta","sequence_number":10,"item_id":"fc_1","output_index":1,"delta":"lo\"}"}"""),
)

private val COMPLETED_OUTPUT = """[
  {"type":"message","id":"msg_1","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Hello, world!","annotations":[]}]},
  {"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_weather","arguments":"{\"city\":\"Oslo\"}","status":"completed"}]""".replace("\n", "")

class StreamingTest : FunSpec({
    test("stream sends stream:true and yields typed events in order") {
        val r = Recorded { sseEvents(*fragmented, data("""{"type":"response.completed","sequence_number":11,"response":{"id":"resp_s","status":"completed","output":$COMPLETED_OUTPUT}}"""), "data: [DONE]") }
        val events = r.client.responses.stream(responseRequest("gpt-4.1") { input("hi") }).toList()
        r.json(0) shouldBe parseJson("""{"model":"gpt-4.1","input":"hi","stream":true}""")
        r.requests.single().headers["Accept"] shouldBe "text/event-stream"
        events.map { it.sequenceNumber } shouldBe (0..11).toList()
        events[0].shouldBeInstanceOf<ResponseStreamEvent.Created>().response.id shouldBe "resp_s"
        events[4] shouldBe ResponseStreamEvent.OutputTextDelta("msg_1", 0, 0, "Hel", null, 4)
        events[8] shouldBe ResponseStreamEvent.FunctionCallArgumentsDelta("fc_1", 1, "{\"ci", 8)
        events.last().shouldBeInstanceOf<ResponseStreamEvent.Completed>().response.status shouldBe "completed"
    }

    test("text and function-call arguments arriving in fragments reassemble exactly, even when no completed event comes") {
        val r = Recorded { sseEvents(*fragmented) }
        // Without a terminal event the stream is cut: it fails, and the failure carries everything reassembled.
        val e = shouldThrow<dev.openai4k.OpenAIConnectionException> {
            r.client.responses.stream(responseRequest("gpt-4.1") { input("hi") }).accumulate()
        }
        val response = e.partial.shouldBeInstanceOf<Response>()
        response.id shouldBe "resp_s"
        response.model shouldBe "gpt-4.1"
        response.outputText shouldBe "Hello, world!"
        response.functionCalls.single() shouldBe
            ResponseItem.FunctionCall("call_1", "get_weather", """{"city":"Oslo"}""", "fc_1", "in_progress")
    }

    test("the completed event's response wins; an empty output there is filled from the events") {
        val r = Recorded {
            sseEvents(
                *fragmented,
                data("""{"type":"response.output_item.done","sequence_number":11,"output_index":1,"item":{"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_weather","arguments":"{\"city\":\"Oslo\"}","status":"completed"}}"""),
                data("""{"type":"response.completed","sequence_number":12,"response":{"id":"resp_s","status":"completed","output":[],"usage":{"input_tokens":5,"output_tokens":7,"total_tokens":12}}}"""),
            )
        }
        val response = r.client.responses.stream(responseRequest("gpt-4.1") { input("hi") }).accumulate()
        response.status shouldBe "completed"
        response.usage?.totalTokens shouldBe 12
        response.outputText shouldBe "Hello, world!"
        response.functionCalls.single().status shouldBe "completed"
    }

    test("an unknown event type passes through as a raw event and does not disturb accumulation") {
        val r = Recorded {
            sseEvents(
                created(0),
                data("""{"type":"response.image_generation_call.partial_image","sequence_number":1,"item_id":"ig_1","partial_image_b64":"AAA"}"""),
                "event: response.future_thing\ndata: {\"sequence_number\":2,\"payload\":{\"x\":1}}",
                data("""{"type":"response.output_text.delta","sequence_number":3,"item_id":"m","output_index":0,"content_index":0,"delta":"ok"}"""),
                data("""{"type":"response.completed","sequence_number":4,"response":{"id":"resp_1","status":"completed","output":[]}}"""),
            )
        }
        val events = r.client.responses.stream(responseRequest("m") { input("x") }).toList()
        val partial = events[1].shouldBeInstanceOf<ResponseStreamEvent.Unknown>()
        partial.type shouldBe "response.image_generation_call.partial_image"
        partial.json["partial_image_b64"] shouldBe JsonPrimitive("AAA")
        partial.sequenceNumber shouldBe 1
        // No "type" in the data: the SSE event name names it.
        events[2].shouldBeInstanceOf<ResponseStreamEvent.Unknown>().type shouldBe "response.future_thing"
        val acc = ResponseAccumulator()
        events.forEach(acc::add)
        acc.result().outputText shouldBe "ok"
    }

    test("reasoning summaries, refusals, annotations and done events accumulate") {
        val acc = ResponseAccumulator()
        listOf(
            ResponseStreamEvent.OutputItemAdded(0, ResponseItem.Reasoning(id = "rs_1")),
            ResponseStreamEvent.ReasoningSummaryTextDelta("rs_1", 0, 0, "Think"),
            ResponseStreamEvent.ReasoningSummaryTextDelta("rs_1", 0, 0, "ing."),
            ResponseStreamEvent.ReasoningSummaryTextDelta("rs_1", 0, 1, "More."),
            ResponseStreamEvent.OutputTextDelta("msg_1", 1, 0, "Cited"),
            ResponseStreamEvent.OutputTextAnnotationAdded("msg_1", 1, 0, 0, TextAnnotation("url_citation", url = "https://a")),
            ResponseStreamEvent.RefusalDelta("msg_1", 1, 1, "Can"),
            ResponseStreamEvent.RefusalDelta("msg_1", 1, 1, "not."),
            ResponseStreamEvent.OutputTextDelta("msg_2", 2, 0, "draft"),
            ResponseStreamEvent.OutputTextDone("msg_2", 2, 0, "final"),
        ).forEach(acc::add)
        val r = acc.result()
        r.reasoningSummary shouldBe "Thinking.\n\nMore."
        val message = r.output[1].shouldBeInstanceOf<ResponseItem.Message>()
        message.content[0] shouldBe ResponseContentPart.OutputText("Cited", listOf(TextAnnotation("url_citation", url = "https://a")))
        message.content[1] shouldBe ResponseContentPart.Refusal("Cannot.")
        r.outputText shouldBe "Citedfinal"
        acc.isDone shouldBe false
    }

    test("events without indexes are placed by item id") {
        val acc = ResponseAccumulator()
        listOf(
            ResponseStreamEvent.OutputTextDelta(itemId = "a", delta = "one "),
            ResponseStreamEvent.FunctionCallArgumentsDelta(itemId = "b", delta = "{}"),
            ResponseStreamEvent.OutputTextDelta(itemId = "a", delta = "two"),
            ResponseStreamEvent.FunctionCallArgumentsDone(itemId = "b", arguments = "{\"x\":1}", name = "f"),
        ).forEach(acc::add)
        val r = acc.result()
        r.output.size shouldBe 2
        r.outputText shouldBe "one two"
        r.functionCalls.single().arguments shouldBe "{\"x\":1}"
        r.functionCalls.single().name shouldBe "f"
    }

    test("an error event mid-stream raises OpenAIStreamException carrying the partial response and text") {
        val r = Recorded {
            sseEvents(
                *fragmented.copyOfRange(0, 6),
                "event: error\ndata: {\"type\":\"error\",\"code\":\"server_error\",\"message\":\"The model crashed\",\"param\":null}",
            )
        }
        val e = shouldThrow<OpenAIStreamException> {
            r.client.responses.stream(responseRequest("m") { input("x") }).accumulate()
        }
        e.code shouldBe "server_error"
        e.message shouldBe "stream error: The model crashed"
        e.partialText shouldBe "Hello, wor"
        e.partial.shouldBeInstanceOf<Response>().id shouldBe "resp_s"
    }

    test("an error event whose type is not its first key is still raised, with its fields") {
        val r = Recorded {
            sseEvents(
                created(0),
                data("""{"sequence_number":1,"type":"error","code":"rate_limit_exceeded","message":"Slow down","param":"model"}"""),
            )
        }
        val events = mutableListOf<ResponseStreamEvent>()
        val e = shouldThrow<OpenAIStreamException> {
            r.client.responses.stream(responseRequest("m") { input("x") }).collect { events += it }
        }
        e.code shouldBe "rate_limit_exceeded"
        e.param shouldBe "model"
        e.partialText shouldBe ""
        events.single().shouldBeInstanceOf<ResponseStreamEvent.Created>()
    }

    test("a response.failed event is delivered and accumulates to the failed response") {
        val r = Recorded {
            sseEvents(created(0), data("""{"type":"response.failed","sequence_number":1,"response":{"id":"resp_s","status":"failed","error":{"code":"server_error","message":"oops"}}}"""))
        }
        val response = r.client.responses.stream(responseRequest("m") { input("x") }).accumulate()
        response.status shouldBe ResponseStatus.FAILED
        response.error shouldBe ResponseError("server_error", "oops")
    }

    test("malformed event data raises OpenAIDecodeException with the partial text") {
        val r = Recorded { sseEvents(*fragmented.copyOfRange(0, 5), "data: {not json") }
        val e = shouldThrow<OpenAIDecodeException> {
            r.client.responses.stream(responseRequest("m") { input("x") }).accumulate()
        }
        e.partialText shouldBe "Hel"
        e.bodySnippet shouldBe "{not json"
    }

    test("a broken stream's exception gives the partial response through partialResponse, typed") {
        val r = Recorded {
            sseEvents(*fragmented.copyOfRange(0, 6), "event: error\ndata: {\"type\":\"error\",\"code\":\"server_error\",\"message\":\"crashed\"}")
        }
        val e = shouldThrow<OpenAIStreamException> { r.client.responses.stream(responseRequest("m") { input("x") }).toList() }
        val partial: Response = e.partialResponse!!
        partial.id shouldBe "resp_s"
        partial.outputText shouldBe "Hello, wor"
    }
})
