package dev.openai4k

import dev.openai4k.http.ApiBody
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import dev.openai4k.http.FileSource
import dev.openai4k.http.MultipartForm
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.serialization.Serializable

@Serializable
data class Item(val id: String)

class PagingAndMultipartTest : FunSpec({
    test("autoPaging walks pages by last_id until has_more is false") {
        val afters = mutableListOf<String?>()
        val pages = mapOf(
            null to CursorPage(listOf(Item("a"), Item("b")), hasMore = true, lastId = "b"),
            "b" to CursorPage(listOf(Item("c")), hasMore = true),
            "c" to CursorPage(listOf(Item("d")), hasMore = false),
        )
        val all = autoPaging<Item>({ it.id }) { after -> afters += after; pages.getValue(after) }.toList()
        all.map { it.id } shouldBe listOf("a", "b", "c", "d")
        afters shouldBe listOf(null, "b", "c")
    }

    test("autoPaging is lazy: taking two items fetches one page") {
        var fetches = 0
        autoPaging<Item>({ it.id }) { fetches++; CursorPage(listOf(Item("x$fetches"), Item("y$fetches")), hasMore = true) }
            .take(2).toList()
        fetches shouldBe 1
    }

    test("a page decodes from OpenAI's list shape and from a bare data list") {
        val s = CursorPage.serializer(Item.serializer())
        OpenAIJson.decodeFromString(s, """{"object":"list","data":[{"id":"f1"}],"has_more":true,"first_id":"f1","last_id":"f1"}""") shouldBe
            CursorPage(listOf(Item("f1")), true, "f1", "f1")
        OpenAIJson.decodeFromString(s, """{"data":[{"id":"m"}]}""") shouldBe CursorPage(listOf(Item("m")))
    }

    test("multipart: fields and files reach the wire with names, filenames and content types") {
        val r = Recorded { json("""{"ok":true}""") }
        val form = MultipartForm()
            .field("model", "whisper-1")
            .fields("timestamp_granularities[]", listOf("word", "segment"))
            .field("absent", null)
            .file("file", FileSource.of("RIFF....".encodeToByteArray(), "clip.wav"))
        r.client.execute(ApiCall(ApiMethod.POST, ApiPath.fixed("audio/transcriptions"), ApiBody.Form(form)), Echo.serializer())
        val req = r.requests.single()
        req.body.contentType.toString() shouldContain "multipart/form-data"
        val text = req.bodyText()
        text shouldContain "Content-Disposition: form-data; name=\"model\"\r\nContent-Length: 9\r\n\r\nwhisper-1"
        text shouldContain "whisper-1"
        Regex("name=\"?timestamp_granularities\\[]\"?").findAll(text).count() shouldBe 2
        text shouldContain "filename=\"clip.wav\""
        text shouldContain "Content-Type: audio/wav"
        text shouldContain "RIFF...."
        (text.contains("absent")) shouldBe false
    }

    test("usage adds up field by field") {
        val a = Usage(10, 5, 15, PromptTokensDetails(cachedTokens = 4), CompletionTokensDetails(reasoningTokens = 2))
        val b = Usage(1, 2, 3, null, CompletionTokensDetails(reasoningTokens = 1))
        val sum = a + b
        sum.promptTokens shouldBe 11
        sum.totalTokens shouldBe 18
        sum.promptTokensDetails?.cachedTokens shouldBe 4
        sum.completionTokensDetails?.reasoningTokens shouldBe 3
    }
})
