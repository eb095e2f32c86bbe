package dev.openai4k.facade;

import dev.openai4k.assistants.Assistant;
import dev.openai4k.assistants.AssistantRequest;
import dev.openai4k.assistants.AssistantThread;
import dev.openai4k.assistants.AssistantUpdateRequest;
import dev.openai4k.assistants.MessageRequest;
import dev.openai4k.assistants.Run;
import dev.openai4k.assistants.RunRequest;
import dev.openai4k.assistants.RunStatus;
import dev.openai4k.assistants.ThreadMessage;
import dev.openai4k.assistants.ToolOutputsRequest;
import dev.openai4k.testkit.RecordedRequest;
import dev.openai4k.testkit.Scripted;
import dev.openai4k.testkit.ToolCallSpec;
import kotlinx.serialization.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssistantsFacadeTest extends FacadeTestBase {
    private static final Duration FAST = Duration.ofMillis(10);

    @Test
    void assistantsCrudSendsTheBetaHeader() throws Exception {
        Assistant created = await(openai.assistants().create(
            AssistantRequest.builder("gpt-4o-mini").name("Helper").instructions("Help.").build()));
        assertEquals("Helper", created.getName());
        RecordedRequest post = server.requests("POST assistants").get(0);
        assertEquals("assistants=v2", post.header("openai-beta"));

        Assistant renamed = await(openai.assistants().update(created.getId(), AssistantUpdateRequest.builder().name("Renamed").build()));
        assertEquals("Renamed", renamed.getName());
        assertEquals("Renamed", await(openai.assistants().retrieve(created.getId())).getName());
        assertEquals(1, await(openai.assistants().list()).getData().size());
        assertEquals(List.of(created.getId()),
            await(openai.assistants().listAll().toList()).stream().map(Assistant::getId).collect(Collectors.toList()));
        assertTrue(await(openai.assistants().delete(created.getId())).getDeleted());
    }

    @Test
    void aRunIsCreatedAndPolledWithJavaDurations() throws Exception {
        Assistant assistant = await(openai.assistants().create(AssistantRequest.builder("gpt-4o-mini").build()));
        AssistantThread thread = await(openai.assistants().threads().create());
        await(openai.assistants().threads().messages().create(thread.getId(), MessageRequest.user("Say hi")));
        server.enqueue("threads/{id}/runs", Scripted.text("Hi!"));

        Run run = await(openai.assistants().threads().runs().createAndPoll(
            thread.getId(), RunRequest.builder(assistant.getId()).build(), FAST, Duration.ofMillis(20), Duration.ofSeconds(5)));

        assertEquals(RunStatus.COMPLETED, run.getStatus());
        assertTrue(server.requests("GET threads/{id}/runs/{run}").size() >= 1);
        List<ThreadMessage> messages = await(openai.assistants().threads().messages().listAll(thread.getId()).toList());
        assertTrue(messages.stream().anyMatch(m -> m.getText().equals("Hi!")), messages.toString());
        assertEquals(1, await(openai.assistants().threads().runs().list(thread.getId())).getData().size());
    }

    @Test
    void aRunThatNeedsToolsIsAnsweredAndPolledAgain() throws Exception {
        Assistant assistant = await(openai.assistants().create(AssistantRequest.builder("gpt-4o-mini").build()));
        AssistantThread thread = await(openai.assistants().threads().create());
        server.enqueue("threads/{id}/runs", Scripted.toolCalls(new ToolCallSpec("call_1", "lookup", "{}")));
        server.enqueue("threads/{id}/runs/{run}/submit_tool_outputs", Scripted.text("Found."));

        Run waiting = await(openai.assistants().threads().runs().createAndPoll(
            thread.getId(), RunRequest.builder(assistant.getId()).build(), FAST, FAST, Duration.ofSeconds(5)));
        assertTrue(waiting.getRequiresAction());
        assertEquals("call_1", waiting.getToolCalls().get(0).getId());

        Run done = await(openai.assistants().threads().runs().submitToolOutputsAndPoll(
            thread.getId(), waiting.getId(), ToolOutputsRequest.builder().output("call_1", "42").build(),
            FAST, FAST, Duration.ofSeconds(5)));
        assertEquals(RunStatus.COMPLETED, done.getStatus());
        JsonObject submitted = server.requests("threads/{id}/runs/{run}/submit_tool_outputs").get(0).getJsonObject();
        assertEquals("42", str(obj(arr(submitted.get("tool_outputs")).get(0)).get("output")));
    }

    @Test
    void aNonPositiveDurationFailsTheFuture() throws Exception {
        AssistantThread thread = await(openai.assistants().threads().create());
        ExecutionException failure = assertThrows(ExecutionException.class,
            () -> openai.assistants().threads().runs().poll(thread.getId(), "run_x", Duration.ZERO, FAST, FAST).get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalArgumentException.class, failure.getCause());
    }

    @Test
    void threadsAndMessagesCrud() throws Exception {
        AssistantThread thread = await(openai.assistants().threads().create());
        assertEquals(thread.getId(), await(openai.assistants().threads().retrieve(thread.getId())).getId());
        ThreadMessage message = await(openai.assistants().threads().messages().create(thread.getId(), MessageRequest.user("hello")));
        assertEquals("hello", await(openai.assistants().threads().messages().retrieve(thread.getId(), message.getId())).getText());
        assertEquals(1, await(openai.assistants().threads().messages().list(thread.getId())).getData().size());
        assertTrue(await(openai.assistants().threads().messages().delete(thread.getId(), message.getId())).getDeleted());
        assertTrue(await(openai.assistants().threads().delete(thread.getId())).getDeleted());
    }
}
