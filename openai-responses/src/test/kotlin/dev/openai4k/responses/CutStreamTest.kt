package dev.openai4k.responses

import dev.openai4k.OpenAIConnectionException
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class CutStreamTest : FunSpec({
    test("a stream that ends cleanly without completed, failed or incomplete fails and carries the text so far") {
        val r = Recorded {
            sseEvents(
                data("""{"type":"response.created","sequence_number":0,"response":{"id":"resp_1","status":"in_progress","output":[]}}"""),
                data("""{"type":"response.output_text.delta","sequence_number":1,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Half "}"""),
                data("""{"type":"response.output_text.delta","sequence_number":2,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"an answer"}"""),
            )
        }
        val e = shouldThrow<OpenAIConnectionException> {
            r.client.responses.stream(responseRequest("m") { input("x") }).accumulate()
        }
        e.message shouldBe "The stream ended before the response finished"
        e.partialText shouldBe "Half an answer"
    }
})
