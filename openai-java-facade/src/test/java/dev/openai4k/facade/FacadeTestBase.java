package dev.openai4k.facade;

import dev.openai4k.testkit.OpenAITestServer;
import dev.openai4k.testkit.RecordedRequest;
import kotlinx.serialization.json.JsonArray;
import kotlinx.serialization.json.JsonElement;
import kotlinx.serialization.json.JsonObject;
import kotlinx.serialization.json.JsonPrimitive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A testkit server on loopback and a facade pointed at it, both closed after each test. */
abstract class FacadeTestBase {
    static final Duration WAIT = Duration.ofSeconds(10);

    OpenAITestServer server;
    OpenAIAsync openai;

    @BeforeEach
    void startServer() {
        server = OpenAITestServer.start();
        openai = OpenAIAsync.builder().baseUrl(server.getBaseUrl()).apiKey("sk-test").maxRetries(0).build();
    }

    @AfterEach
    void stopServer() {
        openai.close();
        server.close();
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Waits (bounded) until the server has received [count] requests on [path]; returns them. */
    List<RecordedRequest> awaitRequests(String path, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<RecordedRequest> seen = server.requests(path);
            if (seen.size() >= count) return seen;
            Thread.sleep(10);
        }
        fail("The server did not receive " + count + " request(s) on " + path + " within " + WAIT);
        return List.of();
    }

    void assertDisconnects(int count) {
        assertTrue(server.awaitDisconnects(count, WAIT),
            "expected " + count + " client disconnect(s), saw " + server.getDisconnects());
    }

    /** The JSON body of the only request on [path]. */
    JsonObject onlyBody(String path) {
        List<RecordedRequest> requests = server.requests(path);
        if (requests.size() != 1) fail("expected one request on " + path + ", got " + requests);
        return requests.get(0).getJsonObject();
    }

    static JsonObject obj(JsonElement element) {
        return (JsonObject) element;
    }

    static JsonArray arr(JsonElement element) {
        return (JsonArray) element;
    }

    static String str(JsonElement element) {
        return ((JsonPrimitive) element).getContent();
    }

    /** "w1 w2 ... wN": a text the chat endpoint echoes back, streamed as N word chunks. */
    static String words(int n) {
        StringJoiner joiner = new StringJoiner(" ");
        for (int i = 1; i <= n; i++) joiner.add("w" + i);
        return joiner.toString();
    }
}
