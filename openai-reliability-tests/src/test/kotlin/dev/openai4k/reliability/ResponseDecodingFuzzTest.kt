package dev.openai4k.reliability

import com.code_intelligence.jazzer.junit.DictionaryFile
import com.code_intelligence.jazzer.junit.FuzzTest

/**
 * Every response type decoded from arbitrary bytes through the client's public calls ([nonStreamingCalls], a
 * MockEngine answers the bytes): byte 0 picks the call, byte 1 the status (2xx success bodies and error bodies
 * alike), the rest is the body. Only [dev.openai4k.OpenAIException] may escape; no hang. The dictionary holds the
 * SDK's JSON keys and type values, so that mutations reach past the first unknown field.
 */
class ResponseDecodingFuzzTest {
    @DictionaryFile(resourcePath = "/dev/openai4k/reliability/openai.dict")
    @FuzzTest(maxDuration = "5s")
    fun decode(input: ByteArray) {
        if (input.size < 2) return
        val (name, call) = nonStreamingCalls[(input[0].toInt() and 0xFF) % nonStreamingCalls.size]
        val status = statusOf(input[1].toInt() and 0xFF)
        reportingInput({ "$name answering $status" }, input) {
            answerWith(status, "application/json", input.copyOfRange(2, input.size), call)
        }
    }
}
