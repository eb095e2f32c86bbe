package dev.openai4k.facade;

import dev.openai4k.chat.ChatSessionConfig;
import dev.openai4k.chat.ChatSessionListener;
import dev.openai4k.chat.ChatToolDeclarationKt;
import dev.openai4k.chat.ChatToolRoundLimitException;
import dev.openai4k.chat.ChatTurn;
import dev.openai4k.tools.Tool;
import dev.openai4k.tools.ToolErrorFormatter;
import dev.openai4k.tools.ToolExecution;
import dev.openai4k.tools.ToolInvocation;
import dev.openai4k.tools.ToolRoundLimitException;
import dev.openai4k.testkit.RecordedRequest;
import dev.openai4k.testkit.Scripted;
import dev.openai4k.testkit.SseOptions;
import dev.openai4k.testkit.ToolCallSpec;
import kotlinx.serialization.json.Json;
import kotlinx.serialization.json.JsonArray;
import kotlinx.serialization.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatSessionFacadeTest extends FacadeTestBase {
    private static final String ADD_SCHEMA =
        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"},\"b\":{\"type\":\"number\"}},\"required\":[\"a\",\"b\"]}";

    @Test
    void aJavaLambdaToolRunsOnTheExecutorAndItsResultGoesBackToTheModel() throws Exception {
        server.enqueue("chat/completions",
            Scripted.toolCalls(new ToolCallSpec("call_1", "add", "{\"a\":2,\"b\":3}")),
            Scripted.text("The sum is 5."));
        List<String> handlerThreads = new CopyOnWriteArrayList<>();
        List<String> handlerArguments = new CopyOnWriteArrayList<>();
        Tool add = openai.chat().tool("add", "Adds two numbers", ADD_SCHEMA, args -> {
            handlerThreads.add(Thread.currentThread().getName());
            handlerArguments.add(args);
            JsonObject parsed = obj(Json.Default.parseToJsonElement(args));
            return String.valueOf(Integer.parseInt(str(parsed.get("a"))) + Integer.parseInt(str(parsed.get("b"))));
        });
        AsyncChatSession session = openai.chat().session(
            ChatSessionConfig.builder().model("gpt-4o-mini").system("You add.").tool(add).build());

        ChatTurn turn = await(session.send("What is 2 + 3?"));

        assertEquals("The sum is 5.", turn.getText());
        assertEquals(1, turn.getToolExecutions().size());
        ToolExecution execution = turn.getToolExecutions().get(0);
        assertEquals("5", execution.getResult());
        assertNull(execution.getError());
        assertEquals(List.of("{\"a\":2,\"b\":3}"), handlerArguments);
        assertTrue(handlerThreads.get(0).startsWith("openai4k-async-"), handlerThreads.toString());

        List<RecordedRequest> requests = server.requests("chat/completions");
        assertEquals(2, requests.size());
        JsonObject first = requests.get(0).getJsonObject();
        JsonObject declared = obj(obj(arr(first.get("tools")).get(0)).get("function"));
        assertEquals("add", str(declared.get("name")));
        JsonArray followUp = arr(requests.get(1).getJsonObject().get("messages"));
        JsonObject toolMessage = obj(followUp.get(followUp.size() - 1));
        assertEquals("tool", str(toolMessage.get("role")));
        assertEquals("call_1", str(toolMessage.get("tool_call_id")));
        assertEquals("5", str(toolMessage.get("content")));
        assertEquals(5, session.getMessages().size()); // system, user, assistant(tool call), tool, assistant
        assertEquals("The sum is 5.", turn.getCompletion().getText());
        assertEquals("add", ChatToolDeclarationKt.toChatTool(add).getFunction().getName());
    }

    @Test
    void aThrowingJavaHandlerIsReportedToTheModelNotToTheCaller() throws Exception {
        server.enqueue("chat/completions",
            Scripted.toolCalls(new ToolCallSpec("call_9", "add", "{\"a\":1,\"b\":1}")),
            Scripted.text("Sorry."));
        Tool add = openai.chat().tool("add", "Adds", ADD_SCHEMA, args -> {
            throw new java.io.IOException("calculator offline");
        });
        AsyncChatSession session = openai.chat().session(ChatSessionConfig.builder().tool(add).build());

        ChatTurn turn = await(session.send("1 + 1?"));

        assertEquals("Sorry.", turn.getText());
        ToolExecution execution = turn.getToolExecutions().get(0);
        assertInstanceOf(java.io.IOException.class, execution.getError());
        JsonArray followUp = arr(server.requests("chat/completions").get(1).getJsonObject().get("messages"));
        String sent = str(obj(followUp.get(followUp.size() - 1)).get("content"));
        assertTrue(sent.contains("calculator offline"), sent);
    }

    @Test
    void cancellingATurnInterruptsABlockedHandler() throws Exception {
        server.enqueue("chat/completions", Scripted.toolCalls(new ToolCallSpec("call_1", "add", "{\"a\":1,\"b\":2}")));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Tool add = openai.chat().tool("add", "Adds", ADD_SCHEMA, args -> {
            entered.countDown();
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return "never";
        });
        AsyncChatSession session = openai.chat().session(ChatSessionConfig.builder().tool(add).build());
        CompletableFuture<ChatTurn> turn = session.send("1 + 2?");
        assertTrue(entered.await(10, TimeUnit.SECONDS));

        turn.cancel(true);

        assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the blocked handler was not interrupted");
        assertTrue(turn.isCancelled());
    }

    @Test
    void sendWithAListenerStreamsDeltasOnTheExecutor() throws Exception {
        String text = words(5);
        List<String> deltas = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        AsyncChatSession session = openai.chat().session();

        ChatTurn turn = await(session.send(text, delta -> {
            deltas.add(delta);
            threads.add(Thread.currentThread().getName());
        }));

        assertEquals(text, turn.getText());
        assertEquals(text, String.join("", deltas));
        assertTrue(threads.stream().allMatch(t -> t.startsWith("openai4k-async-")), threads.toString());
        assertEquals("true", str(onlyBody("chat/completions").get("stream")));
    }

    @Test
    void sendStreamingIsAPublisherOfTextAndRecordsTheTurn() throws Exception {
        String text = words(4);
        AsyncChatSession session = openai.chat().session(ChatSessionConfig.builder().system("Echo.").build());

        List<String> deltas = await(session.sendStreaming(text).toList());

        assertEquals(text, String.join("", deltas));
        assertEquals(text, session.getLastTurn().getText());
        assertEquals(3, session.getMessages().size());
        assertEquals("gpt-4o-mini", session.getModel());
    }

    @Test
    void manualToolResultsThenContinue() throws Exception {
        server.enqueue("chat/completions",
            Scripted.toolCalls(new ToolCallSpec("call_7", "lookup", "{}")),
            Scripted.text("Found it."));
        Tool lookup = Tool.fromJsonSchema("lookup", "Looks up", "{\"type\":\"object\",\"properties\":{}}");
        AsyncChatSession session = openai.chat().session(ChatSessionConfig.builder().tool(lookup).build());

        ChatTurn waiting = await(session.send("find it"));
        assertTrue(waiting.getRequiresAction());
        ToolInvocation pending = session.getPendingToolCalls().get(0);
        assertEquals("call_7", pending.getId());
        assertEquals("lookup", pending.getName());
        assertEquals(waiting.getToolCalls(), session.getPendingToolCalls());

        await(session.addToolResult("call_7", "42"));
        ChatTurn done = await(session.continueConversation());

        assertEquals("Found it.", done.getText());
        JsonArray messages = arr(server.requests("chat/completions").get(1).getJsonObject().get("messages"));
        assertEquals("42", str(obj(messages.get(messages.size() - 1)).get("content")));

        await(session.clear());
        assertTrue(session.getMessages().isEmpty());
        assertEquals(0, session.getUsage().getTotalTokens());
    }

    @Test
    void promptRunsToolsAndCompletesWithText() throws Exception {
        server.enqueue("chat/completions",
            Scripted.toolCalls(new ToolCallSpec("call_1", "add", "{\"a\":20,\"b\":22}")),
            Scripted.text("42"));
        Tool add = openai.chat().tool("add", "Adds", ADD_SCHEMA, args -> "42");

        String answer = await(openai.chat().prompt("20 + 22?", ChatSessionConfig.builder().tool(add).build()));

        assertEquals("42", answer);
        assertEquals(2, server.requests("chat/completions").size());
    }

    @Test
    void concurrentSendsAreSerializedInTheHistory() throws Exception {
        server.enqueue("chat/completions",
            Scripted.delayed(300, Scripted.text("first")),
            Scripted.text("second"));
        AsyncChatSession session = openai.chat().session();

        CompletableFuture<ChatTurn> one = session.send("one");
        awaitRequests("chat/completions", 1);
        CompletableFuture<ChatTurn> two = session.send("two");

        assertEquals("first", await(one).getText());
        assertEquals("second", await(two).getText());
        assertEquals(List.of("user", "assistant", "user", "assistant"),
            session.getMessages().stream().map(m -> m.getRole()).collect(Collectors.toList()));
        // The second call went out only after the first turn was recorded.
        JsonArray sent = arr(server.requests("chat/completions").get(1).getJsonObject().get("messages"));
        assertEquals(List.of("one", "first", "two"),
            sent.stream().map(m -> str(obj(m).get("content"))).collect(Collectors.toList()));
    }

    @Test
    void redactedErrorsTheListenerAndTheRoundLimitFromJava() throws Exception {
        server.enqueue("chat/completions",
            Scripted.toolCalls(new ToolCallSpec("call_1", "add", "{\"a\":1,\"b\":1}")),
            Scripted.toolCalls(new ToolCallSpec("call_2", "add", "{\"a\":1,\"b\":1}")));
        Tool add = openai.tool("add", "Adds", ADD_SCHEMA, args -> {
            throw new java.io.IOException("disk /srv/secret full");
        });
        List<String> events = new CopyOnWriteArrayList<>();
        ChatSessionConfig config = ChatSessionConfig.builder()
            .tool(add)
            .maxToolRounds(1)
            .toolErrorFormatter(ToolErrorFormatter.REDACTED)
            .listener(new ChatSessionListener() {
                @Override
                public void onToolCall(ToolInvocation invocation) {
                    events.add("call " + invocation.getId() + " " + invocation.getArguments());
                }

                @Override
                public void onToolResult(ToolExecution execution) {
                    events.add("result " + execution.getInvocation().getId() + " " + execution.getResult());
                }
            })
            .build();
        AsyncChatSession session = openai.chat().session(config);

        ExecutionException failed = assertThrows(ExecutionException.class, () -> session.send("1 + 1?").get(10, TimeUnit.SECONDS));

        // One catch clause serves every session: the chat subclass carries the messages.
        ToolRoundLimitException limit = assertInstanceOf(ToolRoundLimitException.class, failed.getCause());
        assertEquals(1, limit.getRounds());
        assertEquals(1, limit.getToolExecutions().size());
        assertEquals("tool", ((ChatToolRoundLimitException) limit).getMessages().get(2).getRole());
        assertEquals(List.of("call call_1 {\"a\":1,\"b\":1}", "result call_1 Error: tool 'add' failed."), events);
        JsonArray sent = arr(server.requests("chat/completions").get(1).getJsonObject().get("messages"));
        assertEquals("Error: tool 'add' failed.", str(obj(sent.get(sent.size() - 1)).get("content")));
        assertTrue(session.getMessages().isEmpty(), "the failed turn is rolled back");
    }
}
