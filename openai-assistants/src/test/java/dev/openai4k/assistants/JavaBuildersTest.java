package dev.openai4k.assistants;

import dev.openai4k.common.ListQuery;
import dev.openai4k.common.MessageRole;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import kotlinx.serialization.json.JsonPrimitive;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request builders as a Java caller uses them: no Kotlin-only types needed. */
class JavaBuildersTest {

    @Test
    void assistantRequestBuilder() {
        AssistantRequest request = AssistantRequest.builder("gpt-4o")
                .name("Tutor")
                .instructions("Explain.")
                .tool(AssistantTool.codeInterpreter())
                .tool(AssistantTool.function("lookup", "Find", "{\"type\":\"object\"}"))
                .toolResources(ToolResources.fileSearch("vs_1"))
                .metadata("team", "a")
                .temperature(0.3)
                .responseFormat(AssistantResponseFormat.jsonSchema("answer", "{\"type\":\"object\"}", true))
                .build();

        assertEquals("gpt-4o", request.getModel());
        assertEquals("Tutor", request.getName());
        assertEquals(2, request.getTools().size());
        assertEquals("function", request.getTools().get(1).getType());
        assertEquals(List.of("vs_1"), request.getToolResources().getFileSearch().getVectorStoreIds());
        assertEquals(Map.of("team", "a"), request.getMetadata());
        assertEquals("json_schema", request.getResponseFormat().getType());
        assertNull(request.getTopP());
    }

    @Test
    void threadMessageAndRunBuilders() {
        MessageRequest message = MessageRequest.builder(MessageRole.USER)
                .text("What is this?")
                .imageUrl("https://example.test/a.png")
                .attach("file-1", AssistantTool.fileSearch())
                .build();
        ThreadRequest thread = ThreadRequest.builder().message(message).user("And this?").metadata("k", "v").build();
        RunRequest run = RunRequest.builder("asst_1")
                .additionalInstructions("Be brief.")
                .toolChoice(RunToolChoice.required())
                .truncationStrategy(TruncationStrategy.lastMessages(5))
                .build();
        ToolOutputsRequest outputs = ToolOutputsRequest.builder().output("call_1", "42").build();

        assertEquals(2, message.getContent().getParts().size());
        assertEquals("file-1", message.getAttachments().get(0).getFileId());
        assertEquals(2, thread.getMessages().size());
        assertEquals("And this?", thread.getMessages().get(1).getContent().getText());
        assertEquals("required", run.getToolChoice().getType());
        assertEquals(5, run.getTruncationStrategy().getLastMessages());
        assertEquals("call_1", outputs.getToolOutputs().get(0).getToolCallId());
        assertEquals(true, RunStatus.isTerminal(RunStatus.EXPIRED));
        assertEquals(20, ListQuery.builder().limit(20).build().getLimit());
    }

    @Test
    void everyRequestCopiesBackIntoItsBuilderAndPropertiesCanBeSetWhole() {
        MessageRequest message = MessageRequest.builder(MessageRole.USER)
                .content(MessageInput.text("Hi"))
                .attachments(List.of(new MessageAttachment("file-1", List.of(AssistantTool.fileSearch()))))
                .metadata(Map.of("k", "v"))
                .extraBody("x_tag", "a")
                .build();
        ThreadRequest thread = ThreadRequest.builder().messages(List.of(message)).metadata(Map.of("t", "1")).build();
        RunRequest run = RunRequest.builder("asst_1").additionalMessages(List.of(message)).metadata(Map.of("r", "1")).build();
        ToolOutputsRequest outputs = ToolOutputsRequest.builder()
                .toolOutputs(List.of(new ToolOutput("call_1", "42")))
                .extraBody("x_trace", 7)
                .build();
        AssistantRequest assistant = AssistantRequest.builder("gpt-4o").name("Tutor").metadata(Map.of("a", "1")).build();
        AssistantUpdateRequest update = AssistantUpdateRequest.builder().model("gpt-4.1").extraBody("x", true).build();

        assertEquals(message, message.toBuilder().build());
        assertEquals("Hi", message.getContent().getText());
        assertEquals(thread, thread.toBuilder().build());
        assertEquals(run, run.toBuilder().build());
        assertEquals(outputs, outputs.toBuilder().build());
        assertEquals("7", ((JsonPrimitive) outputs.getExtraBody().get("x_trace")).getContent());
        assertEquals(assistant, assistant.toBuilder().build());
        assertEquals(update, update.toBuilder().build());
        assertEquals("Tutor v2", assistant.toBuilder().name("Tutor v2").build().getName());
        assertEquals("Tutor", assistant.getName());
        assertEquals(2, thread.toBuilder().user("More").build().getMessages().size());
    }
}
