package dev.openai4k.facade;

import dev.openai4k.chat.ChatSessionConfig;
import dev.openai4k.chat.ChatTurn;
import dev.openai4k.testkit.Scripted;
import dev.openai4k.vision.EmptyAnswerException;
import dev.openai4k.vision.ImageInput;
import dev.openai4k.vision.Vision;
import kotlinx.serialization.json.JsonArray;
import kotlinx.serialization.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VisionFacadeTest extends FacadeTestBase {
    /** The 8-byte PNG signature plus a little: enough for the type to be read from the content. */
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};

    @Test
    void describeSendsTheTextThenTheImagesInline(@TempDir Path dir) throws Exception {
        server.enqueue("chat/completions", Scripted.text("A cat."), Scripted.text("Two images."));
        Path file = dir.resolve("cat.png");
        Files.write(file, PNG);

        assertEquals("A cat.", await(openai.vision().describe("gpt-4o-mini", "What is this?", file)));
        JsonObject body = server.requests("chat/completions").get(0).getJsonObject();
        assertEquals("300", str(body.get("max_tokens")));
        JsonArray parts = arr(obj(arr(body.get("messages")).get(0)).get("content"));
        assertEquals("What is this?", str(obj(parts.get(0)).get("text")));
        String url = str(obj(obj(parts.get(1)).get("image_url")).get("url"));
        assertEquals("data:image/png;base64," + Base64.getEncoder().encodeToString(PNG), url);

        String answer = await(openai.vision().describe("gpt-4o-mini", "Compare",
            List.of(ImageInput.url("https://example.com/a.jpg"), ImageInput.bytes(PNG)), null, "low"));
        assertEquals("Two images.", answer);
        JsonObject second = server.requests("chat/completions").get(1).getJsonObject();
        assertTrue(!second.containsKey("max_tokens"), "null maxTokens must send no limit");
        JsonArray images = arr(obj(arr(second.get("messages")).get(0)).get("content"));
        assertEquals(3, images.size());
        assertEquals("https://example.com/a.jpg", str(obj(obj(images.get(1)).get("image_url")).get("url")));
        assertEquals("low", str(obj(obj(images.get(2)).get("image_url")).get("detail")));
    }

    @Test
    void anEmptyAnswerAndABadImageFailTheFuture() throws Exception {
        server.enqueue("chat/completions", Scripted.json(
            "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":\"length\"}]}"));
        ExecutionException empty = assertThrows(ExecutionException.class,
            () -> openai.vision().describe("m", "?", "https://example.com/x.png").get(10, TimeUnit.SECONDS));
        assertInstanceOf(EmptyAnswerException.class, empty.getCause());

        ExecutionException notAnImage = assertThrows(ExecutionException.class,
            () -> openai.vision().describe("m", "?", new byte[]{1, 2, 3}).get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalArgumentException.class, notAnImage.getCause());
    }

    @Test
    void aSessionTakesAnImageMessageFromJava() throws Exception {
        server.enqueue("chat/completions", Scripted.text("A red square."));
        AsyncChatSession session = openai.chat().session(ChatSessionConfig.builder().model("gpt-4o-mini").build());

        ChatTurn turn = await(session.send(Vision.userMessage("What is it?", ImageInput.bytes(PNG))));

        assertEquals("A red square.", turn.getText());
        JsonArray parts = arr(obj(arr(onlyBody("chat/completions").get("messages")).get(0)).get("content"));
        assertEquals("image_url", str(obj(parts.get(1)).get("type")));
    }
}
