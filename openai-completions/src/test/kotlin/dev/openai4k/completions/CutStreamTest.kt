package dev.openai4k.completions

import dev.openai4k.OpenAIConnectionException
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class CutStreamTest : FunSpec({
    test("a stream that ends cleanly before any finish_reason fails and carries the text so far") {
        val r = Recorded { sse("""{"choices":[{"text":"Once ","index":0}]}""", """{"choices":[{"text":"upon","index":0}]}""", done = false) }
        val e = shouldThrow<OpenAIConnectionException> {
            r.client.completions.stream(completionRequest("m") { prompt("p") }).accumulate()
        }
        e.message shouldBe "The stream ended before the completion finished (no finish_reason)"
        e.partialText shouldBe "Once upon"
    }
})
