package dev.openai4k.responses

import dev.openai4k.common.ImageDetail
import dev.openai4k.common.ReasoningEffort
import dev.openai4k.OpenAIJson
import dev.openai4k.encodeRequestBody
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import kotlinx.serialization.json.putJsonObject

private fun encode(request: ResponseRequest): JsonObject =
    encodeRequestBody(ResponseRequest.serializer(), request, request.extraBody)

private val weatherSchema = buildJsonObject {
    put("type", "object")
    putJsonObject("properties") { putJsonObject("city") { put("type", "string") } }
}

class RequestEncodingTest : FunSpec({
    test("a minimal request encodes to exactly model and input") {
        encode(responseRequest("gpt-4.1-mini") { input("Hello") }) shouldBe
            parseJson("""{"model":"gpt-4.1-mini","input":"Hello"}""")
        encode(ResponseRequest.builder("m").input("x").build()).keys shouldBe setOf("model", "input")
    }

    test("every top-level field travels under its snake_case name") {
        val request = responseRequest("gpt-5") {
            input("Hi")
            instructions = "Be brief."
            previousResponseId = "resp_1"
            conversation("conv_9")
            store = false
            reasoning(ReasoningEffort.LOW, ReasoningSummaryMode.AUTO)
            jsonSchema("weather", weatherSchema, strict = true)
            verbosity(Verbosity.LOW)
            maxOutputTokens = 500
            maxToolCalls = 3
            temperature = 0.5
            topP = 0.9
            topLogprobs = 2
            truncation = "auto"
            metadata("k", "v")
            parallelToolCalls = false
            include(ResponseInclude.REASONING_ENCRYPTED_CONTENT, ResponseInclude.OUTPUT_TEXT_LOGPROBS)
            background = true
            promptCacheKey = "cache-1"
            safetyIdentifier = "user-hash"
            serviceTier = "flex"
            endUser("u-1")
            toolChoice = ResponseToolChoice.REQUIRED
            extraBody("top_k", 40)
        }
        encode(request) shouldBe parseJson(
            """
            {"model":"gpt-5","input":"Hi","instructions":"Be brief.","tool_choice":"required",
             "previous_response_id":"resp_1","conversation":"conv_9","store":false,
             "reasoning":{"effort":"low","summary":"auto"},
             "text":{"format":{"type":"json_schema","name":"weather","schema":$weatherSchema,"strict":true},"verbosity":"low"},
             "max_output_tokens":500,"max_tool_calls":3,"temperature":0.5,"top_p":0.9,"top_logprobs":2,
             "truncation":"auto","metadata":{"k":"v"},"parallel_tool_calls":false,
             "include":["reasoning.encrypted_content","message.output_text.logprobs"],"background":true,
             "prompt_cache_key":"cache-1","safety_identifier":"user-hash","service_tier":"flex","user":"u-1","top_k":40}
            """,
        )
    }

    test("text formats: text, json_object and a conversation object") {
        val a = encode(responseRequest("m") { input("x"); format(TextFormat.TEXT) })
        a["text"] shouldBe parseJson("""{"format":{"type":"text"}}""")
        val b = encode(responseRequest("m") { input("x"); format(TextFormat.JSON_OBJECT); conversation(buildJsonObject { put("id", "conv_1") }) })
        b["text"] shouldBe parseJson("""{"format":{"type":"json_object"}}""")
        b["conversation"] shouldBe parseJson("""{"id":"conv_1"}""")
    }

    test("tools: typed function and hosted tools, and unknown tools passed through") {
        val custom = buildJsonObject { put("type", "local_shell") }
        val request = responseRequest("m") {
            input("x")
            function("get_weather", "Weather by city", weatherSchema, strict = true)
            tool(ResponseTool.WebSearch(searchContextSize = "low"))
            tool(ResponseTool.WebSearch(type = "web_search_preview"))
            tool(ResponseTool.FileSearch(listOf("vs_1"), maxNumResults = 5))
            tool(ResponseTool.CodeInterpreter())
            tool(ResponseTool.ImageGeneration(size = "1024x1024", outputFormat = "png"))
            tool(ResponseTool.Mcp("deepwiki", serverUrl = "https://mcp.example/sse", requireApproval = JsonPrimitive("never")))
            tool(ResponseTool.of(custom))
        }
        encode(request)["tools"] shouldBe parseJson(
            """
            [{"type":"function","name":"get_weather","description":"Weather by city","parameters":$weatherSchema,"strict":true},
             {"type":"web_search","search_context_size":"low"},
             {"type":"web_search_preview"},
             {"type":"file_search","vector_store_ids":["vs_1"],"max_num_results":5},
             {"type":"code_interpreter","container":{"type":"auto"}},
             {"type":"image_generation","size":"1024x1024","output_format":"png"},
             {"type":"mcp","server_label":"deepwiki","server_url":"https://mcp.example/sse","require_approval":"never"},
             {"type":"local_shell"}]
            """,
        )
        (ResponseTool.of(custom) is ResponseTool.Unknown) shouldBe true
    }

    test("tool choice: modes, a function, a hosted tool and raw JSON") {
        fun choice(c: ResponseToolChoice) = encode(responseRequest("m") { input("x"); toolChoice = c })["tool_choice"]
        choice(ResponseToolChoice.NONE) shouldBe JsonPrimitive("none")
        choice(ResponseToolChoice.AUTO) shouldBe JsonPrimitive("auto")
        choice(ResponseToolChoice.function("get_weather")) shouldBe parseJson("""{"type":"function","name":"get_weather"}""")
        choice(ResponseToolChoice.hostedTool("file_search")) shouldBe parseJson("""{"type":"file_search"}""")
        val allowed = parseJson("""{"type":"allowed_tools","mode":"auto","tools":[{"type":"function","name":"a"}]}""") as JsonObject
        choice(ResponseToolChoice.of(allowed)) shouldBe allowed
    }

    test("input items: messages with every part type, calls, outputs, reasoning, references and unknown items") {
        val unknown = buildJsonObject { put("type", "computer_call_output"); put("call_id", "cc_1") }
        val request = responseRequest("m") {
            system("sys")
            developer("dev")
            user(
                ResponseContentPart.text("look"),
                ResponseContentPart.imageUrl("https://img.example/a.png", ImageDetail.HIGH),
                ResponseContentPart.imageFile("file-img"),
                ResponseContentPart.imageBytes(byteArrayOf(1, 2, 3), "image/png"),
                ResponseContentPart.fileId("file-pdf"),
                ResponseContentPart.fileBytes("%PDF".encodeToByteArray(), "a.pdf"),
                ResponseContentPart.fileUrl("https://files.example/b.pdf"),
            )
            assistant("earlier answer")
            item(ResponseItem.FunctionCall(callId = "call_1", name = "get_weather", arguments = """{"city":"Oslo"}""", id = "fc_1"))
            functionCallOutput("call_1", "sunny")
            item(ResponseItem.Reasoning(id = "rs_1", summary = listOf(ReasoningSummary("thought")), encryptedContent = "enc"))
            item(ResponseItem.Reasoning(id = "rs_2"))
            item(ResponseItem.reference("msg_0"))
            item(ResponseItem.Unknown(unknown))
        }
        encode(request)["input"] shouldBe parseJson(
            """
            [{"type":"message","role":"system","content":[{"type":"input_text","text":"sys"}]},
             {"type":"message","role":"developer","content":[{"type":"input_text","text":"dev"}]},
             {"type":"message","role":"user","content":[
                {"type":"input_text","text":"look"},
                {"type":"input_image","image_url":"https://img.example/a.png","detail":"high"},
                {"type":"input_image","file_id":"file-img","detail":"auto"},
                {"type":"input_image","image_url":"data:image/png;base64,AQID","detail":"auto"},
                {"type":"input_file","file_id":"file-pdf"},
                {"type":"input_file","file_data":"data:application/pdf;base64,JVBERg==","filename":"a.pdf"},
                {"type":"input_file","file_url":"https://files.example/b.pdf"}]},
             {"type":"message","role":"assistant","content":"earlier answer"},
             {"type":"function_call","call_id":"call_1","name":"get_weather","arguments":"{\"city\":\"Oslo\"}","id":"fc_1"},
             {"type":"function_call_output","call_id":"call_1","output":"sunny"},
             {"type":"reasoning","id":"rs_1","summary":[{"text":"thought","type":"summary_text"}],"encrypted_content":"enc"},
             {"type":"reasoning","id":"rs_2","summary":[]},
             {"type":"item_reference","id":"msg_0"},
             {"type":"computer_call_output","call_id":"cc_1"}]
            """,
        )
    }

    test("adding an item after a string input makes the string the first user message") {
        val request = responseRequest("m") { input("first"); user("second") }
        encode(request)["input"] shouldBe parseJson(
            """[{"type":"message","role":"user","content":[{"type":"input_text","text":"first"}]},
                {"type":"message","role":"user","content":[{"type":"input_text","text":"second"}]}]""",
        )
    }

    test("output items round-trip as input unchanged, unknown ones included") {
        val output = """
            [{"type":"message","id":"msg_1","status":"completed","role":"assistant",
              "content":[{"type":"output_text","text":"Hi","annotations":[]}]},
             {"type":"function_call","call_id":"c1","name":"f","arguments":"{}","id":"fc_1","status":"completed"},
             {"type":"mcp_list_tools","id":"mcpl_1","server_label":"x","tools":[]}]
        """
        val items = OpenAIJson.decodeFromString(kotlinx.serialization.builtins.ListSerializer(ResponseItemSerializer), output)
        val request = ResponseRequest("m", ResponseInput.of(items))
        encode(request)["input"] shouldBe parseJson(output)
    }

    test("the builder copies back: toBuilder keeps every field") {
        val original = responseRequest("m") {
            input("x"); instructions = "i"; temperature = 0.1; metadata("a", "b"); include("x.y"); extraBody("top_k", 3)
            function("f")
        }
        original.toBuilder().build() shouldBe original
    }

})
