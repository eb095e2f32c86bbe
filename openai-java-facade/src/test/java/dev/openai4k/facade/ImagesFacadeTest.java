package dev.openai4k.facade;

import dev.openai4k.http.FileSource;
import dev.openai4k.images.ImageEditRequest;
import dev.openai4k.images.ImageGenerationRequest;
import dev.openai4k.images.ImageStreamEvent;
import dev.openai4k.images.ImageVariationRequest;
import dev.openai4k.images.ImagesResponse;
import dev.openai4k.testkit.RecordedPart;
import dev.openai4k.testkit.RecordedRequest;
import dev.openai4k.testkit.Scripted;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImagesFacadeTest extends FacadeTestBase {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0};

    @Test
    void generateEditAndVariation() throws Exception {
        ImagesResponse generated = await(openai.images().generate(
            ImageGenerationRequest.builder("a lighthouse").model("dall-e-2").n(2).build()));
        assertEquals(2, generated.getData().size());
        byte[] first = generated.getData().get(0).bytes();
        assertEquals((byte) 0x89, first[0]);
        assertEquals("a lighthouse", str(onlyBody("images/generations").get("prompt")));

        ImagesResponse edited = await(openai.images().edit(
            ImageEditRequest.builder("add a boat").image(FileSource.of(PNG, "in.png")).build()));
        assertEquals(1, edited.getData().size());
        RecordedRequest edit = server.requests("images/edits").get(0);
        RecordedPart image = edit.getParts().stream().filter(p -> p.getName().startsWith("image")).findFirst().orElseThrow();
        assertEquals("in.png", image.getFilename());
        assertArrayEquals(PNG, image.getBytes());
        assertEquals("add a boat", edit.part("prompt").getText());

        await(openai.images().createVariation(ImageVariationRequest.builder(FileSource.of(PNG, "v.png")).build()));
        assertEquals("v.png", server.requests("images/variations").get(0).part("image").getFilename());
    }

    @Test
    void generateStreamDeliversPartialThenCompletedEvents() throws Exception {
        String partial = Base64.getEncoder().encodeToString(new byte[]{1, 2});
        String done = Base64.getEncoder().encodeToString(new byte[]{3, 4, 5});
        server.enqueue("images/generations", Scripted.sse(List.of(
            "{\"type\":\"image_generation.partial_image\",\"b64_json\":\"" + partial + "\",\"partial_image_index\":0}",
            "{\"type\":\"image_generation.completed\",\"b64_json\":\"" + done + "\"}")));

        List<ImageStreamEvent> events = await(openai.images()
            .generateStream(ImageGenerationRequest.builder("a fox").model("gpt-image-1").build()).toList());

        assertEquals(2, events.size());
        ImageStreamEvent.PartialImage first = assertInstanceOf(ImageStreamEvent.PartialImage.class, events.get(0));
        assertEquals(partial, first.getB64Json());
        ImageStreamEvent.Completed last = assertInstanceOf(ImageStreamEvent.Completed.class, events.get(1));
        assertEquals(done, last.getB64Json());
        assertTrue(Boolean.parseBoolean(str(onlyBody("images/generations").get("stream"))));
    }
}
