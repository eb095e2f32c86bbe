package dev.openai4k.moderations

import dev.openai4k.OpenAIJson
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class AppliedInputTypesTest : FunSpec({
    test("an applied-input-types entry that is not a list of strings is skipped, not fatal") {
        val json = """{"id":"m","results":[{"flagged":false,"categories":{"hate":false},"category_scores":{"hate":0.1},
            "category_applied_input_types":{"hate":["text"],"violence":["text","image"],"vendor_x":{"a":1},"vendor_y":7}}]}"""
        val r = OpenAIJson.decodeFromString(ModerationResponse.serializer(), json).results.single()
        r.categoryAppliedInputTypes shouldBe mapOf("hate" to listOf("text"), "violence" to listOf("text", "image"))
    }
})
