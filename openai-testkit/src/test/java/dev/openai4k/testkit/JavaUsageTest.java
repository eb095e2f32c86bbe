package dev.openai4k.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The testkit as a Java test uses it: static factories, overloads, no Kotlin types. */
class JavaUsageTest {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> post(OpenAITestServer server, String path, String json) throws Exception {
        return http.send(
            HttpRequest.newBuilder(URI.create(server.getBaseUrl() + "/" + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void scriptsRecordsAndFaultsFromJava() throws Exception {
        try (OpenAITestServer server = OpenAITestServer.start()) {
            server.enqueue("chat/completions",
                Scripted.toolCalls(new ToolCallSpec("call_1", "lookup", "{\"q\":1}")),
                Scripted.text("done", SseOptions.DEFAULT.withDelayMillis(1)),
                Scripted.error(429, null, Map.of("retry-after", "1")),
                Scripted.fault(Fault.html502()),
                Scripted.sse(List.of("{\"a\":1}")));
            String chat = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
            assertTrue(post(server, "chat/completions", chat).body().contains("\"finish_reason\":\"tool_calls\""));
            assertTrue(post(server, "chat/completions", chat).body().contains("\"content\":\"done\""));
            HttpResponse<String> limited = post(server, "chat/completions", chat);
            assertEquals(429, limited.statusCode());
            assertEquals("1", limited.headers().firstValue("retry-after").orElseThrow());
            assertEquals(502, post(server, "chat/completions", chat).statusCode());
            assertEquals("data: {\"a\":1}\n\ndata: [DONE]\n\n", post(server, "chat/completions", chat).body());

            RecordedRequest first = server.requests("chat/completions").get(0);
            assertEquals("POST", first.getMethod());
            assertEquals("application/json", first.header("Content-Type"));
            assertEquals(chat, first.getBodyText());
            assertEquals(5, server.getRequests().size());
            assertEquals(0, server.getDisconnects());
            assertFalse(server.awaitDisconnects(1, Duration.ofMillis(50)));
            server.addModel("java-model");
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(server.getBaseUrl() + "/models/java-model")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }
}
