package dev.openai4k.facade;

import dev.openai4k.NotFoundException;
import dev.openai4k.RequestOptions;
import dev.openai4k.models.Model;
import dev.openai4k.models.ModelDeleted;
import dev.openai4k.testkit.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelsFacadeTest extends FacadeTestBase {

    @Test
    void listRetrieveAndDelete() throws Exception {
        server.addModel("org/custom:tag", "me");

        List<String> ids = await(openai.models().list()).stream().map(Model::getId).collect(Collectors.toList());
        assertTrue(ids.contains("gpt-4o-mini") && ids.contains("org/custom:tag"), ids.toString());

        Model model = await(openai.models().retrieve("org/custom:tag"));
        assertEquals("me", model.getOwnedBy());
        RecordedRequest get = server.requests("GET models/*").get(0);
        assertEquals("/v1/models/org%2Fcustom%3Atag", get.getPath());

        ModelDeleted deleted = await(openai.models().delete("org/custom:tag"));
        assertTrue(deleted.getDeleted());
        assertEquals("DELETE", server.requests("models/*").get(1).getMethod());
    }

    @Test
    void anUnknownModelFailsWithNotFoundException() {
        ExecutionException failure = assertThrows(ExecutionException.class,
            () -> openai.models().retrieve("no-such-model").get(10, TimeUnit.SECONDS));
        NotFoundException notFound = assertInstanceOf(NotFoundException.class, failure.getCause());
        assertEquals(404, notFound.getStatus());
        assertEquals("model_not_found", notFound.getCode());
        assertTrue(notFound.getRequestId().startsWith("req_"));
    }

    @Test
    void perCallOptionsReachTheWire() throws Exception {
        RequestOptions options = RequestOptions.builder().header("X-Call", "one").query("verbose", "1").build();
        await(openai.models().list(options));
        RecordedRequest request = server.requests("GET models").get(0);
        assertEquals("one", request.header("x-call"));
        assertEquals("1", request.queryParameter("verbose"));
    }
}
