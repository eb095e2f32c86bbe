package dev.openai4k.reliability

import io.kotest.core.spec.style.FunSpec

/**
 * The fuzz harness's property on a fixed set of hostile bodies, in every normal test run: each public call, for
 * each body and status, returns or raises an OpenAIException (never another exception, never a hang).
 * Crashing inputs found by fuzzing are added to [bodies] as regression cases.
 */
class DecodeRobustnessTest : FunSpec({
    val bodies = listOf(
        "", " ", "null", "[]", "{}", "\"text\"", "0", "1e999999", "-0", "true",
        "{\"error\":null}", "{\"error\":5}", "{\"error\":\"plain\"}", "{\"error\":{\"message\":[1],\"code\":{}}}",
        "{\"choices\":null,\"data\":null,\"output\":null,\"results\":null}",
        "{\"choices\":[null],\"data\":[null],\"output\":[null]}",
        "{\"choices\":[{\"message\":{\"content\":[{\"type\":\"text\",\"text\":1}]}}]}",
        "{\"data\":[{\"embedding\":\"!!not base64!!\"}]}", "{\"data\":[{\"embedding\":\"AAA\"}]}",
        "{\"data\":[{\"embedding\":[\"x\"]}]}", "{\"created\":99999999999999999999999}",
        "{\"output\":[{\"type\":\"unknown_kind\",\"x\":1}]}", "{\"tools\":[{\"type\":\"mystery\"}]}",
        "{\"status\":\"requires_action\",\"required_action\":{}}", "{".repeat(2_000), "[".repeat(2_000),
        "\uFEFF{}", "{\"a\":\"\\uD800\"}", "<html><body>502 Bad Gateway</body></html>",
    )
    val streamBodies = listOf(
        "", "data: [DONE]\n\n", "data:\n\n", "data: null\n\n", "data: []\n\n", "data: {}\n\n",
        "data: {\"choices\":[{\"index\":-1,\"delta\":{}}]}\n\n",
        "data: {\"choices\":[{\"index\":2147483647,\"delta\":{\"tool_calls\":[{\"index\":2147483647}]}}]}\n\n",
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":-5}]}}]}\n\n",
        "event: error\ndata: oops\n\n", "data: {\"type\":\"error\"}\n\n", "data: {\"type\":\"response.completed\"}\n\n",
        "data: {\"type\":\"response.output_text.delta\",\"output_index\":999999,\"content_index\":-1,\"delta\":\"x\"}\n\n",
        "data: {\"type\":\"response.failed\",\"response\":null}\n\n", "data: \"just a string\"\n\n", "\r\r\r\n\n:\n",
        "data: " + "{".repeat(2_000) + "\n\n",
    )
    for ((name, call) in nonStreamingCalls) context(name) {
        for (status in listOf(200, 400, 429, 500)) test("status $status, ${bodies.size} hostile bodies") {
            bodies.forEach { body -> answerWith(status, "application/json", body.toByteArray(), call) }
        }
    }
    for ((name, call) in streamingCalls) test("$name: ${streamBodies.size} hostile streams") {
        streamBodies.forEach { body -> answerWith(200, "text/event-stream", body.toByteArray(), call) }
    }
})
