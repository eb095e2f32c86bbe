package dev.openai4k.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.openai4k.http.FileSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request builders and image helpers as a Java caller uses them. */
class ImagesJavaUsageTest {

    @Test
    void buildersReadAsPlainJava() {
        ImageGenerationRequest generation = ImageGenerationRequest.builder("a fox")
                .model(ImageModel.GPT_IMAGE_1)
                .n(2)
                .size(ImageSize.SQUARE_1024)
                .outputFormat(ImageOutputFormat.WEBP)
                .extraBody("seed", 7)
                .extraBody("sampler", "euler")
                .build();
        assertEquals("gpt-image-1", generation.getModel());
        assertEquals(Integer.valueOf(2), generation.getN());
        assertEquals("7", generation.getExtraBody().get("seed").toString());
        assertEquals("\"euler\"", generation.getExtraBody().get("sampler").toString());

        FileSource first = FileSource.of(new byte[] {1, 2, 3}, "a.png");
        FileSource second = FileSource.of(new byte[] {4, 5}, "b.png");
        ImageEditRequest edit = ImageEditRequest.builder("combine")
                .image(first)
                .image(second)
                .inputFidelity(InputFidelity.HIGH)
                .extraField("steps", "20")
                .build();
        assertEquals(List.of(first, second), edit.getImages());
        assertEquals("20", edit.getExtraFields().get("steps"));
        assertThrows(IllegalArgumentException.class, () -> ImageEditRequest.builder("none").build());

        ImageVariationRequest variation = ImageVariationRequest.builder(first).n(3).build();
        assertEquals(Integer.valueOf(3), variation.getN());
    }

    @Test
    void responsesSaveFromJava() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1};
        GeneratedImage image = new GeneratedImage(null, Base64.getEncoder().encodeToString(png), null);
        assertArrayEquals(png, image.bytes());
        ImagesResponse response = new ImagesResponse(0, List.of(image), null, null, null, null, null);
        Path dir = Files.createTempDirectory("java-images");
        List<Path> files = response.saveAll(dir);
        assertEquals(List.of(dir.resolve("image-0.png")), files);
        assertArrayEquals(png, Files.readAllBytes(files.get(0)));
    }
}
