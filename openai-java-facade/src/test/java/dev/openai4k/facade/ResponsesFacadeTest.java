package dev.openai4k.facade;

import dev.openai4k.common.ListQuery;
import dev.openai4k.CursorPage;
import dev.openai4k.NotFoundException;
import dev.openai4k.RequestOptions;
import dev.openai4k.schema.JsonSchemas;
import dev.openai4k.responses.Response;
import dev.openai4k.responses.ResponseAccumulator;
import dev.openai4k.responses.ResponseItem;
import dev.openai4k.responses.ResponseRequest;
import dev.openai4k.responses.ResponseSessionConfig;
import dev.openai4k.responses.ResponseSessionKt;
import dev.openai4k.responses.ResponseSessionListener;
import dev.openai4k.responses.ResponseTool;
import dev.openai4k.responses.ResponseStreamEvent;
import dev.openai4k.responses.ResponseToolRoundLimitException;
import dev.openai4k.responses.ResponseTurn;
import dev.openai4k.testkit.RecordedRequest;
import dev.openai4k.testkit.Scripted;
import dev.openai4k.testkit.SseOptions;
import dev.openai4k.testkit.ToolCallSpec;
import dev.openai4k.tools.Tool;
import dev.openai4k.tools.ToolArgumentsException;
import dev.openai4k.tools.ToolErrorFormatter;
import dev.openai4k.tools.ToolExecution;
import dev.openai4k.tools.ToolInvocation;
import dev.openai4k.tools.ToolRoundLimitException;
import dev.openai4k.tools.ToolRunner;
import dev.openai4k.tools.UnknownToolException;
import kotlinx.serialization.json.JsonArray;
import kotlinx.serialization.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResponsesFacadeTest extends FacadeTestBase {
    private static final String MODEL = "gpt-4.1-mini";
    private static final String CITY_SCHEMA =
        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}";

    @Test
    void createRetrieveInputItemsAndDelete() throws Exception {
        server.enqueue("responses", Scripted.text("Hi there"));
        Response created = await(openai.responses().create(ResponseRequest.builder(MODEL).input("Hello").build()));
        assertEquals("Hi there", created.getOutputText());
        JsonObject body = onlyBody("POST responses");
        assertEquals("Hello", str(body.get("input")));
        assertEquals(MODEL, str(body.get("model")));

        Response again = await(openai.responses().retrieve(created.getId()));
        assertEquals(created.getId(), again.getId());
        assertEquals("Hi there", again.getOutputText());

        CursorPage<ResponseItem> items = await(openai.responses().inputItems().list(created.getId()));
        assertEquals(1, items.getData().size());
        List<ResponseItem> all = await(openai.responses().inputItems().listAll(created.getId(), ListQuery.builder().limit(1).build()).toList());
        assertEquals(1, all.size());

        assertTrue(await(openai.responses().delete(created.getId())).getDeleted());
        ExecutionException gone = assertThrows(ExecutionException.class,
            () -> openai.responses().retrieve(created.getId()).get(10, TimeUnit.SECONDS));
        assertInstanceOf(NotFoundException.class, gone.getCause());
    }

    @Test
    void streamDeliversEventsThatAccumulateIntoTheResponse() throws Exception {
        server.enqueue("responses", Scripted.text("one two three"));
        Probe<ResponseStreamEvent> probe = new Probe<>();
        openai.responses().stream(ResponseRequest.builder(MODEL).input("count").build(), probe.onNext, probe.onError, probe.onComplete);
        probe.awaitTerminal();

        assertEquals(1, probe.completions.get());
        String deltas = probe.items.stream().filter(e -> e instanceof ResponseStreamEvent.OutputTextDelta)
            .map(e -> ((ResponseStreamEvent.OutputTextDelta) e).getDelta()).collect(Collectors.joining());
        assertEquals("one two three", deltas);
        ResponseAccumulator accumulator = new ResponseAccumulator();
        probe.items.forEach(accumulator::add);
        assertEquals("one two three", accumulator.result().getOutputText());
        assertEquals("true", str(onlyBody("responses").get("stream")));
    }

    @Test
    void cancellingAResponseStreamClosesTheConnection() throws Exception {
        server.enqueue("responses", Scripted.text(words(40), SseOptions.DEFAULT.withDelayMillis(50)));
        try (CloseableIterator<ResponseStreamEvent> events =
                 openai.responses().stream(ResponseRequest.builder(MODEL).input("x").build()).blockingIterator(1)) {
            assertTrue(events.hasNext());
            events.next();
        }
        assertDisconnects(1);
    }

    @Test
    void aSessionRunsJavaToolHandlersAndChainsTurns() throws Exception {
        server.enqueue("responses",
            Scripted.toolCalls(new ToolCallSpec("call_w", "weather", "{\"city\":\"Oslo\"}")),
            Scripted.text("It is sunny in Oslo."),
            Scripted.text("You're welcome."),
            Scripted.text("Bye now."));
        List<String> seen = new CopyOnWriteArrayList<>();
        Tool weather = openai.responses().tool("weather", "Current weather", CITY_SCHEMA, args -> {
            seen.add(Thread.currentThread().getName() + " " + args);
            return "{\"sky\":\"sunny\"}";
        });
        AsyncResponseSession session = openai.responses().session(
            ResponseSessionConfig.builder().model(MODEL).instructions("Be brief.").tool(weather).build());

        ResponseTurn first = await(session.send("Weather in Oslo?"));
        assertEquals("It is sunny in Oslo.", first.getText());
        assertEquals(2, first.getResponses().size());
        assertEquals("{\"sky\":\"sunny\"}", first.getToolExecutions().get(0).getResult());
        assertEquals(1, seen.size());
        assertTrue(seen.get(0).startsWith("openai4k-async-") && seen.get(0).endsWith("{\"city\":\"Oslo\"}"), seen.get(0));

        List<RecordedRequest> requests = server.requests("POST responses");
        JsonObject toolRound = requests.get(1).getJsonObject();
        JsonObject output = obj(arr(toolRound.get("input")).get(0));
        assertEquals("function_call_output", str(output.get("type")));
        assertEquals("call_w", str(output.get("call_id")));
        assertEquals("{\"sky\":\"sunny\"}", str(output.get("output")));
        assertEquals("Be brief.", str(toolRound.get("instructions")));
        JsonArray tools = arr(toolRound.get("tools"));
        assertEquals("weather", str(obj(tools.get(0)).get("name")));

        List<String> deltas = new CopyOnWriteArrayList<>();
        ResponseTurn second = await(session.send("Thanks", deltas::add));
        assertEquals("You're welcome.", second.getText());
        assertEquals("You're welcome.", String.join("", deltas));
        JsonObject thirdCall = server.requests("POST responses").get(2).getJsonObject();
        assertEquals(first.getResponse().getId(), str(thirdCall.get("previous_response_id")));

        List<String> streamed = await(session.sendStreaming("Bye").toList());
        assertEquals("Bye now.", String.join("", streamed));
        assertEquals("Bye now.", session.getLastTurn().getText());
        assertEquals(4, session.getHistory().size());
        assertEquals(session.getLastResponse().getId(), session.getPreviousResponseId());

        await(session.clear());
        assertTrue(session.getHistory().isEmpty());
        assertEquals(0, session.getUsage().getTotalTokens());
    }

    @Test
    void manualToolResultsThenContinue() throws Exception {
        server.enqueue("responses",
            Scripted.toolCalls(new ToolCallSpec("call_7", "lookup", "{}")),
            Scripted.text("Found it."));
        Tool lookup = Tool.fromJsonSchema("lookup", "Looks up", "{\"type\":\"object\",\"properties\":{}}");
        AsyncResponseSession session = openai.responses().session(
            ResponseSessionConfig.builder().model(MODEL).tool(lookup).autoExecuteTools(false).build());

        ResponseTurn waiting = await(session.send("find it"));
        assertTrue(waiting.getRequiresAction());
        assertEquals("call_7", session.getPendingToolCalls().get(0).getId());

        await(session.addToolResult("call_7", "42"));
        ResponseTurn done = await(session.continueConversation());

        assertEquals("Found it.", done.getText());
        JsonObject continued = server.requests("POST responses").get(1).getJsonObject();
        JsonObject output = obj(arr(continued.get("input")).get(0));
        assertEquals("42", str(output.get("output")));
        assertEquals(waiting.getResponse().getId(), str(continued.get("previous_response_id")));
    }

    @Test
    void theRoundLimitIsTheSameExceptionAsChats() throws Exception {
        server.enqueue("responses",
            Scripted.toolCalls(new ToolCallSpec("call_1", "loop", "{}")),
            Scripted.toolCalls(new ToolCallSpec("call_2", "loop", "{}")));
        Tool loop = openai.tool("loop", null, "{\"type\":\"object\"}", args -> "again");
        AsyncResponseSession session = openai.responses().session(
            ResponseSessionConfig.builder().model(MODEL).tool(loop).maxToolRounds(1).build());

        ExecutionException failed = assertThrows(ExecutionException.class, () -> session.send("go").get(10, TimeUnit.SECONDS));

        ToolRoundLimitException limit = assertInstanceOf(ToolRoundLimitException.class, failed.getCause());
        assertEquals(1, limit.getRounds());
        assertEquals("again", limit.getToolExecutions().get(0).getResult());
        assertEquals("call_2", ((ResponseToolRoundLimitException) limit).getResponse().getFunctionCalls().get(0).getCallId());
        assertTrue(session.getHistory().isEmpty(), "the failed turn is rolled back");
        assertTrue(session.getUsage().getTotalTokens() > 0, "the tokens spent still count");
    }

    @Test
    void aToolRunnerRunsJavaHandlersForALoopOfYourOwn() throws Exception {
        Tool weather = openai.tool("weather", "Current weather", CITY_SCHEMA, args -> "sunny");
        AsyncToolRunner runner = openai.toolRunner(new ToolRunner(List.of(weather)));

        List<ToolExecution> done = await(runner.run(List.of(
            new ToolInvocation("c1", "weather", "{\"city\":\"Oslo\"}"),
            new ToolInvocation("c2", "weather", "{}"),
            new ToolInvocation("c3", "nope", "{}"))));

        assertEquals("sunny", done.get(0).getResult());
        assertInstanceOf(ToolArgumentsException.class, done.get(1).getError());
        assertEquals("Error: Invalid arguments for 'weather': $: missing required property 'city'", done.get(1).getResult());
        assertInstanceOf(UnknownToolException.class, done.get(2).getError());
        assertEquals("Error: there is no tool named 'nope'. Available tools: weather.", done.get(2).getResult());
        assertEquals("sunny", await(runner.run(new ToolInvocation("c4", "weather", "{\"city\":\"Rome\"}"))).getResult());
    }

    @Test
    void aToolRejectsNonObjectSchemasAndASessionFallsBackToTheClientModel() {
        assertThrows(IllegalArgumentException.class, () -> openai.responses().tool("t", null, "[1,2]", args -> "x"));
        assertEquals(openai.responses().session().getModel(), openai.chat().session().getModel());
    }

    @Test
    void everySessionSettingFromJava() throws Exception {
        server.enqueue("responses",
            Scripted.toolCalls(new ToolCallSpec("call_1", "clock", "{}")),
            Scripted.text("noon"),
            Scripted.text("again"));
        Tool clock = openai.tool(Tool.fromJsonSchema("clock", "The time", "{\"type\":\"object\",\"properties\":{}}"), args -> "12:00");
        List<String> events = new CopyOnWriteArrayList<>();
        ResponseSessionConfig config = ResponseSessionConfig.builder()
            .model(MODEL)
            .requestTemplate(ResponseRequest.builder("").temperature(0.2).build())
            .tools(List.of(clock))
            .tool(ResponseTool.of(JsonSchemas.parse("{\"type\":\"web_search\"}")))
            .useServerState(false)
            .concurrentToolCalls(false)
            .autoExecuteTools(true)
            .toolErrorFormatter(ToolErrorFormatter.DEFAULT)
            .requestOptions(RequestOptions.NONE)
            .listener(new ResponseSessionListener() {
                @Override
                public void onResponse(Response response) {
                    events.add("response " + response.getFunctionCalls().size());
                }

                @Override
                public void onToolResult(ToolExecution execution) {
                    events.add("result " + execution.getResult());
                }
            })
            .build();
        AsyncResponseSession session = openai.responses().session(config);

        assertEquals("noon", await(session.send("time?")).getText());
        assertEquals("again", await(session.send(List.of(ResponseItem.user("and now?")))).getText());

        assertEquals(List.of("response 1", "result 12:00", "response 0", "response 0"), events);
        List<RecordedRequest> requests = server.requests("POST responses");
        JsonObject last = requests.get(2).getJsonObject();
        assertEquals("0.2", str(last.get("temperature")));
        assertEquals(null, last.get("previous_response_id"));
        assertEquals(List.of("function", "web_search"),
            arr(last.get("tools")).stream().map(t -> str(obj(t).get("type"))).collect(Collectors.toList()));
        assertEquals("clock", ((ResponseTool.Function) ResponseSessionKt.toResponseTool(config.getTools().get(0))).getName());
        assertEquals(6, session.getTranscript().size()); // user, call, output, answer, user, answer
    }
}
