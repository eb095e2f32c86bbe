package dev.openai4k.chat

import dev.openai4k.schema.Description
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonObject

@Serializable
data class CityInfo(
    @Description("The city's name") val name: String,
    val population: Long,
    val landmarks: List<String>,
    val nickname: String? = null,
)

class ParseTest : FunSpec({
    test("parse sends a strict json_schema derived from the type and decodes the answer") {
        val answer = """{"name":"Paris","population":2100000,"landmarks":["Eiffel Tower","Louvre"],"nickname":null}"""
        val r = Recorded { json(completionJson(answer)) }
        val info = r.client.chat.parse<CityInfo>(chatRequest("gpt-4o-mini") { user("Tell me about Paris"); responseFormat = ResponseFormat.TEXT })
        info shouldBe CityInfo("Paris", 2_100_000, listOf("Eiffel Tower", "Louvre"), null)
        val format = r.json()["response_format"]!!.jsonObject
        format["type"] shouldBe JsonPrimitive("json_schema")
        format["json_schema"] shouldBe parse(
            """
            {"name":"CityInfo","strict":true,"schema":{"type":"object","properties":{
               "name":{"type":"string","description":"The city's name"},
               "population":{"type":"integer"},
               "landmarks":{"type":"array","items":{"type":"string"}},
               "nickname":{"type":["string","null"]}},
             "required":["name","population","landmarks","nickname"],"additionalProperties":false}}
            """,
        )
        r.json()["messages"].toString() shouldBe """[{"role":"user","content":"Tell me about Paris"}]"""
    }

    test("parseCompletion keeps the completion next to the parsed value") {
        val r = Recorded { json(completionJson("""{"name":"Oslo","population":700000,"landmarks":[]}""")) }
        val parsed = r.client.chat.parseCompletion(chatRequest("m") { user("x") }, CityInfo.serializer())
        parsed.parsed.name shouldBe "Oslo"
        parsed.completion.usage!!.totalTokens shouldBe 15
    }

    test("a refusal raises ChatRefusalException carrying the refusal") {
        val r = Recorded { json(completionJson(null, refusal = "I can't assist with that request.")) }
        val e = shouldThrow<ChatRefusalException> { r.client.chat.parse<CityInfo>(chatRequest("m") { user("x") }) }
        e.refusal shouldBe "I can't assist with that request."
        e.completion!!.id shouldBe "chatcmpl-1"
        e.kind shouldBe dev.openai4k.ErrorKind.API
    }

    test("an answer that does not fit raises StructuredOutputException carrying the raw content") {
        val raw = """{"name":"Paris","population":"many"}"""
        val r = Recorded { json(completionJson(raw)) }
        val e = shouldThrow<StructuredOutputException> { r.client.chat.parse<CityInfo>(chatRequest("m") { user("x") }) }
        e.content shouldBe raw
        e.kind shouldBe dev.openai4k.ErrorKind.DECODE
        e.message shouldContain "does not decode as dev.openai4k.chat.CityInfo"

        val truncated = Recorded { json(completionJson("""{"name":"Par""", finishReason = "length")) }
        val t = shouldThrow<StructuredOutputException> { truncated.client.chat.parse<CityInfo>(chatRequest("m") { user("x") }) }
        t.content shouldBe """{"name":"Par"""
        t.message shouldContain "cut off by the token limit"
    }
})
