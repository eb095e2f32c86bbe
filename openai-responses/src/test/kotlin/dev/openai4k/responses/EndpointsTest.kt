package dev.openai4k.responses

import dev.openai4k.common.ListQuery
import dev.openai4k.common.ListOrder
import dev.openai4k.BadRequestException
import dev.openai4k.NotFoundException
import dev.openai4k.requestOptions
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.ktor.http.HttpMethod
import kotlinx.coroutines.flow.toList

private const val RESPONSE = """
{"id":"resp_1","object":"response","created_at":1741476542,"status":"completed","model":"gpt-4.1-mini",
 "output":[{"type":"message","id":"msg_1","status":"completed","role":"assistant",
            "content":[{"type":"output_text","text":"Hello there","annotations":[]}]}],
 "usage":{"input_tokens":10,"input_tokens_details":{"cached_tokens":4},"output_tokens":3,
          "output_tokens_details":{"reasoning_tokens":1},"total_tokens":13}}
"""

class EndpointsTest : FunSpec({
    test("create posts the request to /responses and decodes the response") {
        val r = Recorded { json(RESPONSE) }
        val response = r.client.responses.create(
            responseRequest("gpt-4.1-mini") { input("Hi") },
            requestOptions { header("X-Trace", "t-1") },
        )
        val req = r.requests.single()
        req.method shouldBe HttpMethod.Post
        req.url.toString() shouldBe "https://api.example.test/v1/responses"
        req.headers["X-Trace"] shouldBe "t-1"
        r.json(0) shouldBe parseJson("""{"model":"gpt-4.1-mini","input":"Hi"}""")
        response.id shouldBe "resp_1"
        response.outputText shouldBe "Hello there"
        response.usage?.inputTokens shouldBe 10
        response.usage?.cachedTokens shouldBe 4
        response.usage?.reasoningTokens shouldBe 1
        response.usage?.totalTokens shouldBe 13
    }

    test("retrieve reads /responses/{id} with include[] and keeps the id one segment") {
        val r = Recorded { json(RESPONSE) }
        r.client.responses.retrieve("resp/1 x", include = listOf(ResponseInclude.FILE_SEARCH_RESULTS)).id shouldBe "resp_1"
        val req = r.requests.single()
        req.method shouldBe HttpMethod.Get
        req.url.encodedPath shouldBe "/v1/responses/resp%2F1%20x"
        req.url.parameters.getAll("include[]") shouldBe listOf("file_search_call.results")
        r.bodies.single() shouldBe ""
    }

    test("delete sends DELETE and decodes the answer; an empty body counts as deleted") {
        val r = Recorded { json("""{"id":"resp_1","object":"response.deleted","deleted":true}""") }
        val deleted = r.client.responses.delete("resp_1")
        deleted shouldBe ResponseDeleted("resp_1", "response.deleted", true)
        r.requests.single().method shouldBe HttpMethod.Delete
        r.requests.single().url.encodedPath shouldBe "/v1/responses/resp_1"

        val empty = Recorded { json("") }
        empty.client.responses.delete("resp_2") shouldBe ResponseDeleted(id = "resp_2", deleted = true)
    }

    test("delete of a missing response raises NotFoundException with the server's message") {
        val r = Recorded { json("""{"error":{"message":"No response with id 'x'","type":"invalid_request_error","code":null}}""", 404) }
        val e = shouldThrow<NotFoundException> { r.client.responses.delete("x") }
        e.message shouldBe "404: No response with id 'x'"
        e.type shouldBe "invalid_request_error"
    }

    test("cancel posts to /responses/{id}/cancel with no body") {
        val r = Recorded { json("""{"id":"resp_1","status":"cancelled","background":true}""") }
        val response = r.client.responses.cancel("resp_1")
        response.status shouldBe ResponseStatus.CANCELLED
        response.background shouldBe true
        val req = r.requests.single()
        req.method shouldBe HttpMethod.Post
        req.url.encodedPath shouldBe "/v1/responses/resp_1/cancel"
        r.bodies.single() shouldBe ""
    }

    test("cancel of a foreground response surfaces the 400") {
        val r = Recorded { json("""{"error":{"message":"Only background responses can be cancelled.","type":"invalid_request_error","param":null,"code":null}}""", 400) }
        shouldThrow<BadRequestException> { r.client.responses.cancel("resp_1") }.message shouldBe
            "400: Only background responses can be cancelled."
    }

    test("inputItems.list sends the paging parameters and decodes the page") {
        val r = Recorded {
            json(
                """{"object":"list","data":[
                     {"type":"message","id":"msg_a","role":"user","content":[{"type":"input_text","text":"Hi"}]},
                     {"type":"function_call_output","id":"fco_1","call_id":"c1","output":"42"}],
                   "first_id":"msg_a","last_id":"fco_1","has_more":true}""",
            )
        }
        val page = r.client.responses.inputItems.list("resp_1", ListQuery(after = "msg_0", limit = 2, order = ListOrder.ASC), include = listOf("a.b"))
        val url = r.requests.single().url
        url.encodedPath shouldBe "/v1/responses/resp_1/input_items"
        url.parameters["after"] shouldBe "msg_0"
        url.parameters["limit"] shouldBe "2"
        url.parameters["order"] shouldBe "asc"
        url.parameters.getAll("include[]") shouldBe listOf("a.b")
        url.parameters["before"] shouldBe null
        page.hasMore shouldBe true
        page.lastId shouldBe "fco_1"
        page.data[0] shouldBe ResponseItem.Message("user", listOf(ResponseContentPart.InputText("Hi")), id = "msg_a")
        page.data[1] shouldBe ResponseItem.FunctionCallOutput("c1", "42", id = "fco_1")
    }

    test("inputItems.listAll follows the cursor across pages and stops at has_more false") {
        val r = Recorded { req ->
            when (req.url.parameters["after"]) {
                null -> json("""{"data":[{"type":"message","id":"m1","role":"user","content":"one"}],"last_id":"m1","has_more":true}""")
                "m1" -> json("""{"data":[{"type":"message","id":"m2","role":"user","content":"two"}],"last_id":"m2","has_more":false}""")
                else -> json("""{"error":{"message":"unexpected cursor"}}""", 400)
            }
        }
        val items = r.client.responses.inputItems.listAll("resp_1", ListQuery(limit = 1)).toList()
        items.map { it.id } shouldBe listOf("m1", "m2")
        // A plain-string content decodes as one input_text part.
        (items[0] as ResponseItem.Message).text shouldBe "one"
        r.requests.map { it.url.parameters["after"] } shouldBe listOf(null, "m1")
        r.requests.map { it.url.parameters["limit"] } shouldBe listOf("1", "1")
    }
})
