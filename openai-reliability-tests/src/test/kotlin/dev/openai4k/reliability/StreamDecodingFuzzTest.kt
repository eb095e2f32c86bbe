package dev.openai4k.reliability

import com.code_intelligence.jazzer.junit.DictionaryFile
import com.code_intelligence.jazzer.junit.FuzzTest

/**
 * Every stream decoder ([streamingCalls]: chat chunks raw and accumulated, completion chunks raw and accumulated,
 * Responses events raw and accumulated, speech and transcription events, image previews, raw events) fed an arbitrary
 * `text/event-stream` body through the public calls: byte 0 picks the call, byte 1 the status (error bodies too), the
 * rest is the body. Only [dev.openai4k.OpenAIException] may escape; no hang. The dictionary holds the SDK's JSON keys,
 * event types and SSE syntax.
 */
class StreamDecodingFuzzTest {
    @DictionaryFile(resourcePath = "/dev/openai4k/reliability/openai.dict")
    @FuzzTest(maxDuration = "5s")
    fun stream(input: ByteArray) {
        if (input.size < 2) return
        val (name, call) = streamingCalls[(input[0].toInt() and 0xFF) % streamingCalls.size]
        val status = statusOf(input[1].toInt() and 0xFF)
        reportingInput({ "$name answering $status" }, input) {
            answerWith(status, "text/event-stream", input.copyOfRange(2, input.size), call)
        }
    }
}
