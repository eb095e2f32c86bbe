package dev.openai4k.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openai4k.JsonKt;
import dev.openai4k.common.ImageDetail;
import java.util.List;
import java.util.Map;
import kotlinx.serialization.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The request, tool and session-config builders as a Java user writes them. */
class JavaApiTest {
    @Test
    void builderReadsNaturallyAndEncodesTheSameFields() {
        JsonObject schema = new ObjectSchemaBuilder().string("city", "City name").integer("days", null, false).build();
        ChatRequest request = ChatRequest.builder("gpt-4o-mini")
            .system("Be brief.")
            .user("Hello")
            .user(ContentPart.text("Look"), ContentPart.imageUrl("https://x.test/a.png", ImageDetail.LOW))
            .temperature(0.5)
            .stop("END")
            .tool(Tool.fromJsonSchema("get_weather", "Weather", "{\"type\":\"object\",\"properties\":{}}"))
            .tool(ChatTool.function("lookup", "Looks up", schema))
            .toolChoice(ToolChoice.AUTO)
            .responseFormat(ResponseFormat.JSON_OBJECT)
            .extraBody("top_k", 40)
            .build();
        JsonObject body = JsonKt.encodeRequestBody(ChatRequest.Companion.serializer(), request, request.getExtraBody());
        JsonObject expected = (JsonObject) JsonKt.getOpenAIJson().parseToJsonElement(
            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"Hello\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Look\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x.test/a.png\",\"detail\":\"low\"}}]}],"
                + "\"temperature\":0.5,\"stop\":\"END\","
                + "\"tools\":[{\"function\":{\"name\":\"get_weather\",\"description\":\"Weather\",\"parameters\":{\"type\":\"object\",\"properties\":{}}},\"type\":\"function\"},"
                + "{\"function\":{\"name\":\"lookup\",\"description\":\"Looks up\",\"parameters\":{\"type\":\"object\","
                + "\"properties\":{\"city\":{\"type\":\"string\",\"description\":\"City name\"},\"days\":{\"type\":\"integer\"}},"
                + "\"required\":[\"city\"],\"additionalProperties\":false}},\"type\":\"function\"}],"
                + "\"tool_choice\":\"auto\",\"response_format\":{\"type\":\"json_object\"},\"top_k\":40}");
        assertEquals(expected, body);
    }

    @Test
    void sessionConfigAndHistoryFromJava() {
        ChatSessionConfig config = ChatSessionConfig.builder()
            .model("gpt-4o")
            .system("Be brief.")
            .maxToolRounds(3)
            .autoExecuteTools(false)
            .history(List.of(ChatMessage.user("hi"), ChatMessage.assistant("hello")))
            .build();
        assertEquals("gpt-4o", config.getModel());
        assertEquals(3, config.getMaxToolRounds());
        String json = ChatHistory.toJson(config.getHistory());
        assertEquals(config.getHistory(), ChatHistory.fromJson(json));
        assertTrue(json.startsWith("[{\"role\":\"user\""));
        assertEquals(Map.of(), config.getExtraBody());
    }

    @Test
    void chunksOfARecordedStreamDecodeAndAccumulateFromJava() {
        ChatChunkDecoder decoder = new ChatChunkDecoder();
        ChatCompletionAccumulator accumulator = new ChatCompletionAccumulator();
        for (String data : List.of(
            "{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"}}]}",
            "{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}")) {
            accumulator.add(decoder.decode(data));
        }
        ChatCompletion whole = accumulator.result();
        assertEquals("Hello", whole.getText());
        assertEquals("c1", whole.getId());
        assertEquals("stop", whole.getFinishReason());
    }
}
