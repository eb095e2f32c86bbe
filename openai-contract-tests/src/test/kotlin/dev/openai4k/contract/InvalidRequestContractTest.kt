package dev.openai4k.contract

import dev.openai4k.UnprocessableEntityException
import dev.openai4k.audio.audio
import dev.openai4k.audio.transcriptionRequest
import dev.openai4k.chat.chat
import dev.openai4k.chat.chatRequest
import dev.openai4k.files.files
import dev.openai4k.files.fileListRequest
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

/**
 * Requests that break the spec on purpose, sent through the extra-fields escape hatches: Prism must answer 422
 * naming the field, for a JSON body, a multipart form and a query string alike. This is what makes a passing
 * contract check mean something.
 */
@EnabledIf(PrismAvailable::class)
class InvalidRequestContractTest : FunSpec({
    test("a chat temperature sent as a string is rejected with Prism's message naming temperature") {
        val request = chatRequest("gpt-4o-mini") {
            user("Hello")
            extraBody("temperature", "hot")
        }
        val e = shouldThrow<UnprocessableEntityException> { ContractClient.openai.chat.create(request) }
        println("expected 422 from Prism for temperature=\"hot\":\n" + validationMessages(e.bodySnippet).joinToString("\n") { "  $it" })
        e.status shouldBe 422
        val entries = validationEntries(e.bodySnippet).orEmpty()
        entries.map { it.first } shouldContain "body.temperature"
        entries.first { it.first == "body.temperature" }.second shouldContain "temperature must be number"
    }

    test("a multipart transcription temperature that is not a number is rejected naming temperature") {
        val request = transcriptionRequest("whisper-1", Fixtures.mp3()) { extraField("temperature", "hot") }
        val e = shouldThrow<UnprocessableEntityException> { ContractClient.openai.audio.transcriptions.create(request) }
        val entries = validationEntries(e.bodySnippet).orEmpty()
        entries.map { it.first } shouldContain "body.temperature"
        entries.first { it.first == "body.temperature" }.second shouldContain "must be number"
    }

    test("a files list order outside asc/desc is rejected naming the query parameter") {
        val e = shouldThrow<UnprocessableEntityException> {
            ContractClient.openai.files.list(fileListRequest { order = "sideways" })
        }
        val entries = validationEntries(e.bodySnippet).orEmpty()
        entries.map { it.first } shouldContain "query.order"
        entries.first { it.first == "query.order" }.second shouldContain "asc, desc"
    }
})
