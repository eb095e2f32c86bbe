package dev.openai4k.facade;

import dev.openai4k.ErrorKind;
import dev.openai4k.OpenAIException;
import dev.openai4k.OpenAIStatusException;
import dev.openai4k.OpenAIStreamException;
import dev.openai4k.RequestOptions;
import dev.openai4k.chat.ChatRequest;
import dev.openai4k.http.ApiCall;
import dev.openai4k.http.ApiMethod;
import dev.openai4k.http.ApiPath;
import dev.openai4k.testkit.Scripted;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 24's answers as a Java caller meets them: plain exception types, getters, no Kotlin types. */
class WireFailuresFacadeTest extends FacadeTestBase {
    private final ChatRequest request = ChatRequest.builder("gpt-4o-mini").user("hi").build();

    @Test
    void a200WhoseBodyIsAnErrorFailsWithItsFieldsAndRequestId() {
        server.enqueue("chat/completions", Scripted.json(
            "{\"error\":{\"message\":\"No endpoints found\",\"type\":\"not_found\",\"code\":404}}", 200,
            Map.of("x-request-id", "req_java_1")));
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(openai.chat().create(request)));
        OpenAIStatusException error = assertInstanceOf(OpenAIStatusException.class, OpenAIAsync.unwrap(e));
        assertEquals(ErrorKind.API, error.getKind());
        assertEquals(200, error.getStatus());
        assertEquals("404", error.getCode());
        assertEquals("not_found", error.getType());
        assertEquals("req_java_1", error.getRequestId());
        assertEquals(1, error.getAttempts());
        assertTrue(error.getMessage().contains("No endpoints found"), error.getMessage());
    }

    @Test
    void anErrorMemberBesideContentFailsTheStreamAndKeepsTheContent() {
        server.enqueue("chat/completions", Scripted.sse(List.of(
            "{\"id\":\"gen-1\",\"error\":{\"code\":400,\"message\":\"Token limit reached\"},"
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"length\"}]}")));
        ExecutionException e = assertThrows(ExecutionException.class,
            () -> await(openai.chat().stream(request).toList()));
        OpenAIException error = OpenAIAsync.unwrap(e);
        OpenAIStreamException stream = assertInstanceOf(OpenAIStreamException.class, error);
        assertEquals("400", stream.getCode());
        assertEquals("Hi", stream.getPartialText());
    }

    @Test
    void anApiCallIsBuiltFromJavaWithOrWithoutItsAzureScope() {
        ApiCall plain = new ApiCall(ApiMethod.GET, ApiPath.fixed("files"));
        assertFalse(plain.isDeploymentScoped());
        ApiCall scoped = new ApiCall(ApiMethod.POST, ApiPath.fixed("chat/completions"), null, List.of(), Map.of(),
            RequestOptions.NONE, null, true);
        assertTrue(scoped.isDeploymentScoped());
        assertEquals("chat/completions", scoped.getPath().getEncoded());
    }
}
