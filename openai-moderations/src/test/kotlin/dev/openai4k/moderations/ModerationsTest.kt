package dev.openai4k.moderations

import dev.openai4k.BadRequestException
import dev.openai4k.OpenAIDecodeException
import dev.openai4k.RateLimitException
import dev.openai4k.requestOptions
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.serialization.json.Json

private const val OMNI_ANSWER = """{"id":"modr-970d409ef3bef3b70c73d8232df86e7d","model":"omni-moderation-latest","results":[{
  "flagged":true,
  "categories":{"sexual":false,"sexual/minors":false,"harassment":false,"harassment/threatening":false,"hate":false,
    "hate/threatening":false,"illicit":false,"illicit/violent":false,"self-harm":false,"self-harm/intent":true,
    "self-harm/instructions":false,"violence":true,"violence/graphic":false},
  "category_scores":{"sexual":2.34e-7,"sexual/minors":1.6e-7,"harassment":0.0011,"harassment/threatening":0.0022,
    "hate":3.2e-7,"hate/threatening":2.4e-7,"illicit":0.0135,"illicit/violent":0.0096,"self-harm":0.0033,
    "self-harm/intent":0.87,"self-harm/instructions":0.0021,"violence":0.8599,"violence/graphic":0.0771},
  "category_applied_input_types":{"sexual":["text","image"],"sexual/minors":["text"],"harassment":["text"],
    "harassment/threatening":["text"],"hate":["text"],"hate/threatening":["text"],"illicit":["text"],"illicit/violent":["text"],
    "self-harm":["text","image"],"self-harm/intent":["text","image"],"self-harm/instructions":["text","image"],
    "violence":["text","image"],"violence/graphic":["text","image"]}}]}"""

class ModerationsTest : FunSpec({
    test("create posts to /moderations and decodes OpenAI's omni answer with typed accessors") {
        val r = Recorded { json(OMNI_ANSWER) }
        val response = r.client.moderations.create(moderationRequest { text("..."); imageUrl("https://example.test/x.png") })
        val seen = r.requests.single()
        seen.data.method.value shouldBe "POST"
        seen.path shouldBe "/v1/moderations"
        seen.json shouldBe Json.parseToJsonElement(
            """{"input":[{"type":"text","text":"..."},{"type":"image_url","image_url":{"url":"https://example.test/x.png"}}]}""",
        )
        response.id shouldBe "modr-970d409ef3bef3b70c73d8232df86e7d"
        response.model shouldBe "omni-moderation-latest"
        response.flagged shouldBe true
        val result = response.results.single()
        result.flagged shouldBe true
        result.categories.size shouldBe 13
        result.categories["self-harm/intent"] shouldBe true
        result.categories.selfHarmIntent shouldBe true
        result.categories.violence shouldBe true
        result.categories.flaggedNames shouldBe listOf("self-harm/intent", "violence")
        listOf(
            result.categories.hate, result.categories.hateThreatening, result.categories.harassment,
            result.categories.harassmentThreatening, result.categories.selfHarm, result.categories.selfHarmInstructions,
            result.categories.sexual, result.categories.sexualMinors, result.categories.violenceGraphic,
            result.categories.illicit, result.categories.illicitViolent,
        ).all { !it } shouldBe true
        val s = result.categoryScores
        listOf(
            s.sexual, s.sexualMinors, s.harassment, s.harassmentThreatening, s.hate, s.hateThreatening, s.illicit,
            s.illicitViolent, s.selfHarm, s.selfHarmIntent, s.selfHarmInstructions, s.violence, s.violenceGraphic,
        ) shouldBe listOf(2.34e-7, 1.6e-7, 0.0011, 0.0022, 3.2e-7, 2.4e-7, 0.0135, 0.0096, 0.0033, 0.87, 0.0021, 0.8599, 0.0771)
        s["violence/graphic"] shouldBe 0.0771
        result.categoryAppliedInputTypes["violence"] shouldBe listOf("text", "image")
        result.categoryAppliedInputTypes["hate"] shouldBe listOf("text")
    }

    test("several texts give one result each; the response is flagged if any is") {
        val r = Recorded {
            json("""{"id":"modr-2","model":"text-moderation-007","results":[
                {"flagged":false,"categories":{"hate":false},"category_scores":{"hate":0.01}},
                {"flagged":true,"categories":{"hate":true},"category_scores":{"hate":0.99}}]}""")
        }
        val response = r.client.moderations.create(moderationRequest { inputs(listOf("fine", "not fine")) })
        r.requests.single().json shouldBe Json.parseToJsonElement("""{"input":["fine","not fine"]}""")
        response.results.map { it.flagged } shouldBe listOf(false, true)
        response.results[1].categories.hate shouldBe true
        response.results[0].categoryScores.hate shouldBe 0.01
        response.flagged shouldBe true
    }

    test("Mistral's answer (its own categories, no flagged field) decodes, flagged derived from the categories") {
        val r = Recorded {
            json("""{"id":"e8ff0f1a","model":"mistral-moderation-latest","results":[
                {"categories":{"sexual":false,"hate_and_discrimination":false,"violence_and_threats":true,
                  "dangerous_and_criminal_content":false,"selfharm":false,"health":false,"financial":false,"law":false,"pii":false},
                 "category_scores":{"sexual":0.001,"hate_and_discrimination":0.002,"violence_and_threats":0.91,
                  "dangerous_and_criminal_content":0.05,"selfharm":0.0,"health":0.0,"financial":0.0,"law":0.0,"pii":0.0}},
                {"categories":{"sexual":false,"pii":false},"category_scores":{"sexual":0.0,"pii":0.0}}]}""")
        }
        val response = r.client.moderations.create(moderationRequest { inputs(listOf("a", "b")); model = "mistral-moderation-latest" })
        response.results.map { it.flagged } shouldBe listOf(true, false)
        response.flagged shouldBe true
        response.results[0].categories["violence_and_threats"] shouldBe true
        response.results[0].categories.violence shouldBe false
        response.results[0].categoryScores["violence_and_threats"] shouldBe 0.91
        response.results[0].categoryScores.violence shouldBe 0.0
        response.results[0].categoryAppliedInputTypes shouldBe emptyMap()
    }

    test("null and non-boolean category values are dropped instead of failing") {
        val r = Recorded {
            json("""{"results":[{"flagged":false,"categories":{"hate":null,"sexual":false,"x":"yes"},
                    "category_scores":{"hate":null,"sexual":0.5,"x":"high"}}]}""")
        }
        val result = r.client.moderations.create("x").results.single()
        result.categories shouldBe mapOf("sexual" to false)
        result.categoryScores shouldBe mapOf("sexual" to 0.5)
        r.requests.single().json shouldBe Json.parseToJsonElement("""{"input":"x"}""")
    }

    test("error statuses map to their exception types") {
        val bad = Recorded {
            json("""{"error":{"message":"Invalid image URL","type":"invalid_request_error","param":"input","code":"invalid_image_url"}}""", 400)
        }
        val e = shouldThrow<BadRequestException> { bad.client.moderations.create(moderationRequest { imageUrl("nope") }) }
        e.code shouldBe "invalid_image_url"
        e.param shouldBe "input"
        shouldThrow<RateLimitException> { Recorded { json("""{"error":{"message":"slow"}}""", 429) }.client.moderations.create("x") }
    }

    test("an answer that is not JSON is a decode error") {
        val r = Recorded { json("<html>oops</html>") }
        shouldThrow<OpenAIDecodeException> { r.client.moderations.create("x") }.bodySnippet shouldBe "<html>oops</html>"
    }

    test("request options reach the wire") {
        val r = Recorded { json("""{"results":[]}""") }
        r.client.moderations.create("x", requestOptions { header("X-Trace", "t-3") }).flagged shouldBe false
        r.requests.single().data.headers["X-Trace"] shouldBe "t-3"
    }
})
