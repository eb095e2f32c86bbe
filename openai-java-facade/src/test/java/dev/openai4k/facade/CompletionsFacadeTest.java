package dev.openai4k.facade;

import dev.openai4k.completions.Completion;
import dev.openai4k.completions.CompletionRequest;
import dev.openai4k.testkit.Scripted;
import dev.openai4k.testkit.SseOptions;
import kotlinx.serialization.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompletionsFacadeTest extends FacadeTestBase {
    private static final String MODEL = "gpt-3.5-turbo-instruct";

    @Test
    void createAndComplete() throws Exception {
        server.enqueue("completions", Scripted.text("four"), Scripted.text("five"));

        Completion completion = await(openai.completions().create(CompletionRequest.builder(MODEL).prompt("2 + 2 =").build()));
        assertEquals("four", completion.getText());
        JsonObject body = server.requests("completions").get(0).getJsonObject();
        assertEquals(Set.of("model", "prompt"), body.keySet());
        assertEquals("2 + 2 =", str(body.get("prompt")));

        assertEquals("five", await(openai.completions().complete(MODEL, "2 + 3 =")));
    }

    @Test
    void streamAsPublisherCallbacksAndBlockingIterator() throws Exception {
        server.enqueue("completions", Scripted.text("one two three"), Scripted.text("four five"), Scripted.text("six"));
        CompletionRequest request = CompletionRequest.builder(MODEL).prompt("count").build();

        List<Completion> viaList = await(openai.completions().stream(request).toList());
        assertEquals("one two three", viaList.stream().map(Completion::getText).collect(Collectors.joining()));

        Probe<Completion> probe = new Probe<>();
        openai.completions().stream(request, probe.onNext, probe.onError, probe.onComplete);
        probe.awaitTerminal();
        assertEquals(1, probe.completions.get());
        assertEquals("four five", probe.items.stream().map(Completion::getText).collect(Collectors.joining()));

        StringBuilder blocking = new StringBuilder();
        try (CloseableIterator<Completion> chunks = openai.completions().stream(request).blockingIterator()) {
            chunks.forEachRemaining(c -> blocking.append(c.getText()));
        }
        assertEquals("six", blocking.toString());
        assertTrue(server.requests("completions").stream().allMatch(r -> "true".equals(str(r.getJsonObject().get("stream")))));
    }

    @Test
    void aBrokenStreamReportsTheDecodeFailure() throws Exception {
        server.enqueue("completions", Scripted.sse(List.of("{\"choices\":[{\"text\":\"ok\",\"index\":0}]}", "{not json")));
        Probe<Completion> probe = new Probe<>();
        openai.completions().stream(CompletionRequest.builder(MODEL).prompt("x").build()).subscribe(probe.onNext, probe.onError, probe.onComplete);
        probe.awaitTerminal();
        assertEquals(1, probe.items.size());
        assertInstanceOf(dev.openai4k.OpenAIDecodeException.class, probe.errors.get(0));
        assertFalse(probe.completions.get() > 0);
    }
}
