package dev.openai4k.responses

import dev.openai4k.common.MessageRole
import dev.openai4k.common.TokenLogprob
import dev.openai4k.common.TopLogprob
import dev.openai4k.OpenAIJson
import dev.openai4k.testsupport.*
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.serialization.json.JsonPrimitive
import java.util.Base64

private fun decode(text: String): Response = OpenAIJson.decodeFromString(Response.serializer(), text)

class ResponseDecodingTest : FunSpec({
    val png = byteArrayOf(0x89.toByte(), 'P'.code.toByte(), 'N'.code.toByte(), 'G'.code.toByte(), 0, 1, 2)
    val full = """
    {"id":"resp_9","object":"response","created_at":1741476542,"status":"completed","error":null,
     "incomplete_details":null,"instructions":"Be brief.","model":"gpt-5","previous_response_id":"resp_8",
     "conversation":{"id":"conv_1"},"metadata":{"k":"v"},"temperature":1.0,"top_p":1.0,"max_output_tokens":800,
     "parallel_tool_calls":true,"store":true,"background":false,"service_tier":"default","truncation":"disabled",
     "user":"u","prompt_cache_key":"pk","safety_identifier":"sid",
     "reasoning":{"effort":"medium","summary":"auto"},
     "text":{"format":{"type":"text"},"verbosity":"medium"},
     "tool_choice":{"type":"function","name":"get_weather"},
     "tools":[{"type":"function","name":"get_weather","description":"d","parameters":{"type":"object"},"strict":true},
              {"type":"web_search_preview","search_context_size":"medium"},
              {"type":"computer_use_preview","display_width":1024}],
     "output":[
       {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"Thinking about weather."}],
        "encrypted_content":"gAAA"},
       {"type":"web_search_call","id":"ws_1","status":"completed","action":{"type":"search","query":"oslo weather"}},
       {"type":"file_search_call","id":"fs_1","status":"completed","queries":["q"],
        "results":[{"file_id":"file-1","filename":"a.txt","score":0.9,"text":"snippet","attributes":{}}]},
       {"type":"message","id":"msg_1","status":"completed","role":"assistant","content":[
         {"type":"output_text","text":"It is ","annotations":[
            {"type":"url_citation","start_index":0,"end_index":5,"url":"https://w.example","title":"W"}],
          "logprobs":[{"token":"It","logprob":-0.1,"bytes":[73,116],"top_logprobs":[{"token":"It","logprob":-0.1}]}]},
         {"type":"output_text","text":"sunny.","annotations":[{"type":"file_citation","index":3,"file_id":"file-1","filename":"a.txt"}]},
         {"type":"refusal","refusal":"No."},
         {"type":"output_audio","data":"xx"}]},
       {"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_weather","arguments":"{\"city\":\"Oslo\"}","status":"completed"},
       {"type":"image_generation_call","id":"ig_1","status":"completed","result":"${Base64.getEncoder().encodeToString(png)}","revised_prompt":"a cat"},
       {"type":"code_interpreter_call","id":"ci_1","code":"print(1)","outputs":[]}],
     "usage":{"input_tokens":100,"input_tokens_details":{"cached_tokens":20},"output_tokens":50,
              "output_tokens_details":{"reasoning_tokens":30},"total_tokens":150}}
    """

    test("every field of a full response decodes") {
        val r = decode(full)
        r.id shouldBe "resp_9"
        r.objectType shouldBe "response"
        r.createdAt shouldBe 1741476542L
        r.status shouldBe ResponseStatus.COMPLETED
        r.instructions shouldBe JsonPrimitive("Be brief.")
        r.model shouldBe "gpt-5"
        r.previousResponseId shouldBe "resp_8"
        r.conversation shouldBe ConversationRef("conv_1")
        r.metadata shouldBe mapOf("k" to "v")
        r.temperature shouldBe 1.0
        r.maxOutputTokens shouldBe 800
        r.parallelToolCalls shouldBe true
        r.store shouldBe true
        r.serviceTier shouldBe "default"
        r.truncation shouldBe "disabled"
        r.reasoning shouldBe ReasoningConfig("medium", "auto")
        r.text shouldBe TextConfig(TextFormat.TEXT, "medium")
        r.toolChoice shouldBe ResponseToolChoice.function("get_weather")
        r.tools[0] shouldBe ResponseTool.Function("get_weather", "d", parseJson("""{"type":"object"}""") as kotlinx.serialization.json.JsonObject, true)
        r.tools[1] shouldBe ResponseTool.WebSearch(searchContextSize = "medium", type = "web_search_preview")
        r.tools[2].shouldBeInstanceOf<ResponseTool.Unknown>().type shouldBe "computer_use_preview"
        r.usage shouldBe ResponseUsage(100, InputTokensDetails(20), 50, OutputTokensDetails(30), 150)
    }

    test("output items decode to their types, unknown ones kept raw") {
        val out = decode(full).output
        out.map { it.type } shouldBe listOf(
            "reasoning", "web_search_call", "file_search_call", "message", "function_call", "image_generation_call",
            "code_interpreter_call",
        )
        val reasoning = out[0].shouldBeInstanceOf<ResponseItem.Reasoning>()
        reasoning.summaryText shouldBe "Thinking about weather."
        reasoning.encryptedContent shouldBe "gAAA"
        out[1].shouldBeInstanceOf<ResponseItem.WebSearchCall>().action?.get("query") shouldBe JsonPrimitive("oslo weather")
        out[2].shouldBeInstanceOf<ResponseItem.FileSearchCall>().results?.single() shouldBe
            FileSearchResult("file-1", "a.txt", 0.9, "snippet", kotlinx.serialization.json.JsonObject(emptyMap()))
        val message = out[3].shouldBeInstanceOf<ResponseItem.Message>()
        message.role shouldBe MessageRole.ASSISTANT
        val first = message.content[0].shouldBeInstanceOf<ResponseContentPart.OutputText>()
        first.annotations.single() shouldBe TextAnnotation("url_citation", 0, 5, "https://w.example", "W")
        first.logprobs?.single() shouldBe TokenLogprob("It", -0.1, listOf(73, 116), listOf(TopLogprob("It", -0.1)))
        message.content[1].shouldBeInstanceOf<ResponseContentPart.OutputText>().annotations.single().fileId shouldBe "file-1"
        message.content[2] shouldBe ResponseContentPart.Refusal("No.")
        message.content[3].shouldBeInstanceOf<ResponseContentPart.Unknown>().type shouldBe "output_audio"
        out[4] shouldBe ResponseItem.FunctionCall("call_1", "get_weather", """{"city":"Oslo"}""", "fc_1", "completed")
        out[5].shouldBeInstanceOf<ResponseItem.ImageGenerationCall>().revisedPrompt shouldBe "a cat"
        val unknown = out[6].shouldBeInstanceOf<ResponseItem.Unknown>()
        unknown.id shouldBe "ci_1"
        unknown.json["code"] shouldBe JsonPrimitive("print(1)")
    }

    test("helpers: outputText joins text parts, functionCalls, refusal, images decoded, reasoning summary") {
        val r = decode(full)
        r.outputText shouldBe "It is sunny."
        r.functionCalls.map { it.callId } shouldBe listOf("call_1")
        r.refusal shouldBe "No."
        r.images.single().toList() shouldBe png.toList()
        r.reasoningSummary shouldBe "Thinking about weather."
    }

    test("an empty object and a sparse vLLM-style response decode with defaults") {
        val empty = decode("{}")
        empty.id shouldBe ""
        empty.output shouldBe emptyList()
        empty.outputText shouldBe ""
        empty.refusal shouldBe null
        empty.images shouldBe emptyList()

        val sparse = decode(
            """{"id":"resp_x","created_at":1.741476542E9,"status":"completed","usage":null,"tools":null,
                "output":[{"type":"message","role":"assistant","content":"plain string"},
                          {"type":"function_call","name":"f","call_id":"c","arguments":null}]}""",
        )
        sparse.createdAt shouldBe 1741476542L
        sparse.usage shouldBe null
        sparse.tools shouldBe emptyList()
        sparse.outputText shouldBe "" // a plain-string content is an input_text part, not output_text
        (sparse.output[0] as ResponseItem.Message).text shouldBe "plain string"
        sparse.functionCalls.single() shouldBe ResponseItem.FunctionCall("c", "f", "")
    }

    test("a failed or incomplete response keeps its error and reason, whatever the code's type") {
        val failed = decode("""{"id":"r","status":"failed","error":{"code":500,"message":"boom"}}""")
        failed.error shouldBe ResponseError("500", "boom")
        val incomplete = decode("""{"id":"r","status":"incomplete","incomplete_details":{"reason":"max_output_tokens"}}""")
        incomplete.incompleteDetails?.reason shouldBe "max_output_tokens"
    }

    test("usage adds field by field") {
        val a = ResponseUsage(1, InputTokensDetails(1), 2, OutputTokensDetails(1), 3)
        val b = ResponseUsage(10, null, 20, OutputTokensDetails(5), 30)
        a + b shouldBe ResponseUsage(11, InputTokensDetails(1), 22, OutputTokensDetails(6), 33)
    }
})
