package dev.openai4k.chat

import dev.openai4k.common.ImageDetail
import dev.openai4k.common.ReasoningEffort
import dev.openai4k.common.Stop
import dev.openai4k.common.StreamOptions
import dev.openai4k.OpenAIJson
import dev.openai4k.requestOptions
import dev.openai4k.testsupport.*
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.ktor.http.HttpMethod
import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonObject

class RequestEncodingTest : FunSpec({
    test("a minimal request sends exactly model and messages to POST /v1/chat/completions") {
        val r = Recorded { json(completionJson("Hi!")) }
        val completion = r.client.chat.create(chatRequest("gpt-4o-mini") { user("Hello") })
        completion.text shouldBe "Hi!"
        val req = r.requests.single()
        req.method shouldBe HttpMethod.Post
        req.url.toString() shouldBe "https://api.example.test/v1/chat/completions"
        r.json() shouldBe parse("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}]}""")
    }

    test("every request field reaches the wire under its OpenAI name") {
        val r = Recorded { json(completionJson("ok")) }
        val weather = objectSchema { string("city", "City name"); enum("unit", listOf("c", "f"), required = false) }
        val request = ChatRequest.builder("gpt-4o")
            .system("Be brief.")
            .developer("Use metric units.")
            .message(SystemMessage(MessageContent.Text("named"), name = "ops"))
            .user(
                ContentPart.text("What is this?"),
                ContentPart.imageUrl("https://example.test/cat.png", ImageDetail.HIGH),
                ContentPart.inputAudio("UklGRg==", "wav"),
                ContentPart.fileId("file-1"),
                ContentPart.fileData("data:application/pdf;base64,JVBE", "a.pdf"),
            )
            .message(UserMessage(MessageContent.Text("hi"), name = "alice"))
            .message(
                AssistantMessage(
                    content = MessageContent.Parts(listOf(TextPart("Let me check."), RefusalPart("no"))),
                    refusal = "partly",
                    toolCalls = listOf(ToolCall("call_1", FunctionCall("get_weather", """{"city":"Paris"}"""))),
                    audio = AudioReference("audio_1"),
                    name = "bot",
                ),
            )
            .tool("call_1", "sunny")
            .temperature(0.5)
            .topP(0.9)
            .n(2)
            .stop(listOf("END", "STOP"))
            .maxTokens(100)
            .maxCompletionTokens(200)
            .frequencyPenalty(0.1)
            .presencePenalty(-0.2)
            .logitBias(mapOf("50256" to -100))
            .logprobs(true)
            .topLogprobs(3)
            .seed(42L)
            .endUser("user-1")
            .safetyIdentifier("hash-1")
            .promptCacheKey("cache-1")
            .jsonSchema("answer", objectSchema { string("a") })
            .tool(tool("get_weather", "Current weather", weather))
            .tool(ChatTool.function("noop", strict = true))
            .toolChoice(ToolChoice.function("get_weather"))
            .parallelToolCalls(false)
            .reasoningEffort(ReasoningEffort.LOW)
            .verbosity("low")
            .serviceTier(ServiceTier.FLEX)
            .store(true)
            .metadata(mapOf("k" to "v"))
            .modalities(listOf("text", "audio"))
            .audio(AudioOutput("alloy", "wav"))
            .prediction(Prediction.content("old text"))
            .webSearchOptions(WebSearchOptions("low", UserLocation(ApproximateLocation(city = "Paris", country = "FR"))))
            .streamOptions(StreamOptions(includeUsage = true))
            .extraBody("top_k", 40)
            .extraBody("repetition_penalty", 1.1)
            .build()
        r.client.chat.create(request)
        r.json() shouldBe parse(
            """
            {"model":"gpt-4o",
             "messages":[
               {"role":"system","content":"Be brief."},
               {"role":"developer","content":"Use metric units."},
               {"role":"system","content":"named","name":"ops"},
               {"role":"user","content":[
                  {"type":"text","text":"What is this?"},
                  {"type":"image_url","image_url":{"url":"https://example.test/cat.png","detail":"high"}},
                  {"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}},
                  {"type":"file","file":{"file_id":"file-1"}},
                  {"type":"file","file":{"file_data":"data:application/pdf;base64,JVBE","filename":"a.pdf"}}]},
               {"role":"user","content":"hi","name":"alice"},
               {"role":"assistant","content":[{"type":"text","text":"Let me check."},{"type":"refusal","refusal":"no"}],
                "refusal":"partly",
                "tool_calls":[{"id":"call_1","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"},"type":"function"}],
                "audio":{"id":"audio_1"},"name":"bot"},
               {"role":"tool","tool_call_id":"call_1","content":"sunny"}],
             "temperature":0.5,"top_p":0.9,"n":2,"stop":["END","STOP"],"max_tokens":100,"max_completion_tokens":200,
             "frequency_penalty":0.1,"presence_penalty":-0.2,"logit_bias":{"50256":-100},"logprobs":true,"top_logprobs":3,
             "seed":42,"user":"user-1","safety_identifier":"hash-1","prompt_cache_key":"cache-1",
             "response_format":{"type":"json_schema","json_schema":{"name":"answer","schema":
                {"type":"object","properties":{"a":{"type":"string"}},"required":["a"],"additionalProperties":false},"strict":true}},
             "tools":[
               {"function":{"name":"get_weather","description":"Current weather","parameters":
                 {"type":"object","properties":{"city":{"type":"string","description":"City name"},
                  "unit":{"type":"string","enum":["c","f"]}},"required":["city"],"additionalProperties":false}},"type":"function"},
               {"function":{"name":"noop","strict":true},"type":"function"}],
             "tool_choice":{"type":"function","function":{"name":"get_weather"}},
             "parallel_tool_calls":false,"reasoning_effort":"low","verbosity":"low","service_tier":"flex","store":true,
             "metadata":{"k":"v"},"modalities":["text","audio"],"audio":{"voice":"alloy","format":"wav"},
             "prediction":{"content":"old text","type":"content"},
             "web_search_options":{"search_context_size":"low","user_location":{"approximate":{"city":"Paris","country":"FR"},"type":"approximate"}},
             "stream_options":{"include_usage":true},
             "top_k":40,"repetition_penalty":1.1}
            """,
        )
    }

    test("the Kotlin DSL and the Java builder build the same request") {
        val dsl = chatRequest("gpt-4o-mini") {
            system("Be brief.")
            user("Hello")
            temperature = 0.5
            stop = Stop.of("END")
            toolChoice = ToolChoice.REQUIRED
            extraBody["top_k"] = JsonPrimitive(5)
        }
        val built = ChatRequest.builder("gpt-4o-mini").system("Be brief.").user("Hello").temperature(0.5)
            .stop("END").toolChoice(ToolChoice.REQUIRED).extraBody("top_k", 5).build()
        dsl shouldBe built
        built.toBuilder().build() shouldBe built
        encoded(dsl) shouldBe parse(
            """{"model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hello"}],
               "temperature":0.5,"stop":"END","tool_choice":"required","top_k":5}""",
        )
    }

    test("tool choice modes, response formats and a single stop are written in their short forms") {
        encoded(chatRequest("m") { toolChoice = ToolChoice.NONE; responseFormat = ResponseFormat.TEXT })
            .let { it["tool_choice"] shouldBe JsonPrimitive("none"); it["response_format"] shouldBe parse("""{"type":"text"}""") }
        encoded(chatRequest("m") { toolChoice = ToolChoice.AUTO; responseFormat = ResponseFormat.JSON_OBJECT })
            .let { it["tool_choice"] shouldBe JsonPrimitive("auto"); it["response_format"] shouldBe parse("""{"type":"json_object"}""") }
        encoded(chatRequest("m") { toolChoice = ToolChoice.Raw(parse("""{"type":"allowed_tools","mode":"auto"}""")) })["tool_choice"] shouldBe
            parse("""{"type":"allowed_tools","mode":"auto"}""")
    }

    test("an extra field replaces a modelled field of the same name") {
        val r = Recorded { json(completionJson("ok")) }
        r.client.chat.create(chatRequest("m") { user("x"); temperature = 0.1; extraBody["temperature"] = JsonPrimitive(0.9) })
        r.json()["temperature"] shouldBe JsonPrimitive(0.9)
    }

    test("request options add headers and query parameters") {
        val r = Recorded { json(completionJson("ok")) }
        r.client.chat.create(chatRequest("m") { user("x") }, requestOptions { header("X-Trace", "t1"); query("tenant", "a") })
        r.requests.single().headers["X-Trace"] shouldBe "t1"
        r.requests.single().url.parameters["tenant"] shouldBe "a"
    }

    test("a history of every role survives a JSON round trip") {
        val history = listOf(
            ChatMessage.system("s"),
            ChatMessage.developer("d"),
            ChatMessage.user(listOf(ContentPart.text("look"), ContentPart.imageUrl("https://x.test/a.png"))),
            AssistantMessage(toolCalls = listOf(ToolCall("c1", FunctionCall("f", "{}")))),
            ChatMessage.tool("c1", "r"),
            ChatMessage.assistant("done"),
        )
        val serializer = ListSerializer(ChatMessage.serializer())
        val text = OpenAIJson.encodeToString(serializer, history)
        OpenAIJson.decodeFromString(serializer, text) shouldBe history
        OpenAIJson.parseToJsonElement(text).let { (it as kotlinx.serialization.json.JsonArray)[3].jsonObject } shouldBe
            parse("""{"role":"assistant","tool_calls":[{"id":"c1","function":{"name":"f","arguments":"{}"},"type":"function"}]}""")
    }
})

private fun encoded(request: ChatRequest) =
    dev.openai4k.encodeRequestBody(ChatRequest.serializer(), request, request.extraBody)
