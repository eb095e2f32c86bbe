package dev.openai4k.vision

import dev.openai4k.chat.ChatMessage
import dev.openai4k.chat.ChatRequest
import dev.openai4k.common.ImageDetail
import dev.openai4k.chat.chat
import dev.openai4k.chat.chatRequest
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import java.util.Base64

class UserMessageTest : FunSpec({
    val png = ImageInput.bytes(Images.png)
    val pngUrl = "data:image/png;base64," + Base64.getEncoder().encodeToString(Images.png)

    test("Vision.userMessage in a request of one's own: text part, then images, beside other messages and fields") {
        val r = Recorded { json(completionJson("Two cats.")) }
        val request = chatRequest("gpt-4o") {
            system("Be brief.")
            user("Count the cats.", listOf(ImageInput.url("https://example.test/1.jpg"), png), ImageDetail.HIGH)
            temperature = 0.2
        }
        r.client.chat.create(request).text shouldBe "Two cats."
        r.json() shouldBe parse(
            """{"model":"gpt-4o","messages":[
                 {"role":"system","content":"Be brief."},
                 {"role":"user","content":[
                   {"type":"text","text":"Count the cats."},
                   {"type":"image_url","image_url":{"url":"https://example.test/1.jpg","detail":"high"}},
                   {"type":"image_url","image_url":{"url":"$pngUrl","detail":"high"}}]}],
               "temperature":0.2}""",
        )
    }

    test("Java-style: builder.message(Vision.userMessage(...)); an empty text adds no text part; per-image detail by parts") {
        val request = ChatRequest.builder("gpt-4o")
            .message(Vision.userMessage("", png))
            .user(png.toContentPart(ImageDetail.LOW), ImageInput.url("https://example.test/b.png").toContentPart(ImageDetail.HIGH))
            .build()
        val r = Recorded { json(completionJson("ok")) }
        r.client.chat.create(request)
        val messages = r.json()["messages"]!!.jsonArray.map { it.jsonObject }
        messages[0] shouldBe parse("""{"role":"user","content":[{"type":"image_url","image_url":{"url":"$pngUrl"}}]}""")
        messages[1]["content"]!!.jsonArray.map { it.jsonObject["image_url"]!!.jsonObject["detail"] } shouldBe
            listOf(JsonPrimitive("low"), JsonPrimitive("high"))
    }

    test("Vision.request is exactly what describe sends, and can be extended") {
        val base = Vision.request("gpt-4o", "What?", listOf(png), maxTokens = 50)
        base.maxTokens shouldBe 50
        base.messages shouldBe listOf(Vision.userMessage("What?", png))
        val warmer = base.toBuilder().temperature(0.9).build()
        val r = Recorded { json(completionJson("ok")) }
        r.client.chat.create(warmer)
        r.json().keys shouldBe setOf("model", "messages", "max_tokens", "temperature")
    }

    test("a session sends the image message and keeps it in its history for the next turn") {
        var turn = 0
        val r = Recorded { turn++; json(completionJson(if (turn == 1) "A red square." else "Yes, red.")) }
        val session = r.client.chat.session { model = "gpt-4o" }
        session.send("What is this?", listOf(png), ImageDetail.LOW).text shouldBe "A red square."
        session.send("Is it red?").text shouldBe "Yes, red."

        val second = r.json(1)["messages"]!!.jsonArray.map { it.jsonObject }
        second.map { it["role"]!!.let { role -> (role as JsonPrimitive).content } } shouldBe listOf("user", "assistant", "user")
        second[0] shouldBe parse(
            """{"role":"user","content":[{"type":"text","text":"What is this?"},
                 {"type":"image_url","image_url":{"url":"$pngUrl","detail":"low"}}]}""",
        )
        session.messages.first() shouldBe Vision.userMessage("What is this?", listOf(png), ImageDetail.LOW)
    }

    test("the helper rejects an empty image list and a blank detail") {
        shouldThrow<IllegalArgumentException> { Vision.userMessage("x", emptyList<ImageInput>()) }
        shouldThrow<IllegalArgumentException> { Vision.userMessage("x", png, "") }
        (Vision.userMessage("x", png) as ChatMessage).role shouldBe "user"
    }
})
