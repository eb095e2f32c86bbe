package dev.openai4k.reliability

import io.kotest.core.spec.style.FunSpec

/**
 * The fuzz harness's property on a fixed set of hostile bodies, in every normal test run: each public call, for
 * each body and status, returns or raises an OpenAIException (never another exception, never a hang).
 * Crashing inputs found by fuzzing are added to `bodies` or `streamBodies` as regression cases (and their input
 * files to the target's `*Inputs` directory, which Jazzer replays in every normal run). A failure names the call and
 * the status and carries the body in base64.
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
        // Deletions, pages (autoPaging must stop on a page that repeats), embedAll's index bookkeeping, chat.text.
        "{\"deleted\":\"yes\",\"id\":7}", "{\"object\":\"list\",\"data\":[{\"id\":\"a\"}],\"has_more\":true}",
        "{\"data\":[{\"id\":\"a\"}],\"has_more\":true,\"last_id\":null}", "{\"data\":[],\"has_more\":true,\"last_id\":\"z\"}",
        "{\"data\":[{\"index\":5,\"embedding\":[1]},{\"index\":-1,\"embedding\":[1]}]}",
        "{\"data\":[{\"index\":0,\"embedding\":[1]},{\"index\":0,\"embedding\":[2]}]}",
        "{\"data\":[{\"index\":2147483647,\"embedding\":\"AAAAAA==\"}]}",
        "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,\"refusal\":null}}]}",
        "{\"content\":[{\"type\":\"text\",\"text\":null},{\"type\":\"image_file\"}],\"role\":5}",
        "{\"data\":[{\"type\":\"function_call\"},{\"type\":\"message\",\"content\":\"x\"}],\"has_more\":false}",
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
        "data: {\"choices\":[{\"text\":\"a\",\"index\":2147483647}]}\n\ndata: [DONE]\n\n",
        "data: {\"type\":\"response.output_item.added\",\"output_index\":2147483647,\"item\":{\"type\":\"message\"}}\n\n",
        "data: {\"type\":\"response.output_item.done\",\"output_index\":-1,\"item\":{\"type\":\"function_call\"}}\n\n",
        "data: {\"type\":\"response.function_call_arguments.delta\",\"output_index\":3,\"delta\":\"{\"}\n\n",
        "data: {\"type\":\"speech.audio.delta\",\"audio\":5}\n\n", "data: {\"type\":\"speech.audio.done\",\"usage\":[]}\n\n",
        "data: {\"type\":\"transcript.text.done\",\"text\":null}\n\n", "data: {\"type\":\"transcript.text.delta\"}\n\n",
    )
    for ((name, call) in nonStreamingCalls) context(name) {
        for (status in listOf(200, 400, 429, 500)) test("status $status, ${bodies.size} hostile bodies") {
            for (body in bodies) {
                reportingInput({ "$name answering $status" }, body.toByteArray()) {
                    answerWith(status, "application/json", body.toByteArray(), call)
                }
            }
        }
    }
    for ((name, call) in streamingCalls) test("$name: ${streamBodies.size} hostile streams") {
        for (body in streamBodies) {
            reportingInput({ "$name answering 200" }, body.toByteArray()) {
                answerWith(200, "text/event-stream", body.toByteArray(), call)
            }
        }
    }
})
