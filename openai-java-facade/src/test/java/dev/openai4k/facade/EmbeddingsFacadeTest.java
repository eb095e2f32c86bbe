package dev.openai4k.facade;

import dev.openai4k.BadRequestException;
import dev.openai4k.embeddings.EmbeddingRequest;
import dev.openai4k.embeddings.EmbeddingResponse;
import kotlinx.serialization.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EmbeddingsFacadeTest extends FacadeTestBase {
    private static final String MODEL = "text-embedding-3-small";

    @Test
    void createSendsTheRequestAndDecodesFloatVectors() throws Exception {
        EmbeddingRequest request = EmbeddingRequest.builder(MODEL).input("hello").dimensions(8).build();

        EmbeddingResponse response = await(openai.embeddings().create(request));

        JsonObject body = onlyBody("POST embeddings");
        assertEquals(Set.of("model", "input", "dimensions", "encoding_format"), body.keySet());
        assertEquals("hello", str(body.get("input")));
        assertEquals("8", str(body.get("dimensions")));
        assertEquals("base64", str(body.get("encoding_format")));
        float[] vector = response.getData().get(0).getEmbedding();
        assertEquals(8, vector.length);
        double norm = 0;
        for (float v : vector) norm += v * v;
        assertEquals(1.0, norm, 1e-3);
    }

    @Test
    void embedAllBatchesAndKeepsInputOrder() throws Exception {
        List<String> texts = List.of("a", "b", "c", "d", "e");

        List<float[]> all = await(openai.embeddings().embedAll(MODEL, texts, 2, 2));

        assertEquals(5, all.size());
        assertEquals(3, server.requests("embeddings").size());
        for (int i = 0; i < texts.size(); i++) {
            float[] single = await(openai.embeddings().embed(MODEL, texts.get(i)));
            assertArrayEquals(single, all.get(i), "vector " + i + " is out of order");
        }
    }

    @Test
    void embedAllWithARequestUsesTheDefaults() throws Exception {
        EmbeddingRequest request = EmbeddingRequest.builder(MODEL).inputs(List.of("x", "y")).dimensions(4).build();
        List<float[]> vectors = await(openai.embeddings().embedAll(request));
        assertEquals(2, vectors.size());
        assertEquals(4, vectors.get(0).length);
        assertEquals(1, server.requests("embeddings").size());
    }

    @Test
    void invalidArgumentsAndServerErrorsFailTheFuture() {
        ExecutionException bad = assertThrows(ExecutionException.class,
            () -> openai.embeddings().embedAll(MODEL, List.of("a"), 0, 1).get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalArgumentException.class, bad.getCause());

        EmbeddingRequest tooWide = EmbeddingRequest.builder(MODEL).input("x").dimensions(100_000).build();
        ExecutionException rejected = assertThrows(ExecutionException.class,
            () -> openai.embeddings().create(tooWide).get(10, TimeUnit.SECONDS));
        BadRequestException error = assertInstanceOf(BadRequestException.class, rejected.getCause());
        assertEquals("dimensions", error.getParam());
    }
}
