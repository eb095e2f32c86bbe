package dev.openai4k.facade;

import dev.openai4k.common.ListQuery;
import dev.openai4k.CursorPage;
import dev.openai4k.NotFoundException;
import dev.openai4k.responses.Response;
import dev.openai4k.responses.ResponseAccumulator;
import dev.openai4k.responses.ResponseItem;
import dev.openai4k.responses.ResponseRequest;
import dev.openai4k.responses.ResponseStreamEvent;
import dev.openai4k.testkit.RecordedRequest;
import dev.openai4k.testkit.Scripted;
import dev.openai4k.testkit.SseOptions;
import dev.openai4k.testkit.ToolCallSpec;
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
            Scripted.text("You're welcome."));
        List<String> seen = new CopyOnWriteArrayList<>();
        AsyncResponseSession session = openai.responses().session(b -> b
            .model(MODEL)
            .instructions("Be brief.")
            .tool("weather", "Current weather", CITY_SCHEMA, args -> {
                seen.add(Thread.currentThread().getName() + " " + args);
                return "{\"sky\":\"sunny\"}";
            }));

        Response first = await(session.send("Weather in Oslo?"));
        assertEquals("It is sunny in Oslo.", first.getOutputText());
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
        Response second = await(session.sendStreaming("Thanks", deltas::add));
        assertEquals("You're welcome.", second.getOutputText());
        assertEquals("You're welcome.", String.join("", deltas));
        JsonObject thirdCall = server.requests("POST responses").get(2).getJsonObject();
        assertEquals(first.getId(), str(thirdCall.get("previous_response_id")));
        assertEquals(3, session.getHistory().size());
        assertEquals(second.getId(), session.getPreviousResponseId());

        await(session.reset());
        assertTrue(session.getHistory().isEmpty());
    }

    @Test
    void aSessionBuilderRejectsNonObjectSchemasAndNeedsAModel() {
        assertThrows(IllegalArgumentException.class,
            () -> openai.responses().sessionBuilder().tool("t", null, "[1,2]", args -> "x"));
        assertThrows(IllegalStateException.class, () -> openai.responses().sessionBuilder().build());
    }
}
