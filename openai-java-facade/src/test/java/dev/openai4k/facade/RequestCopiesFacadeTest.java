package dev.openai4k.facade;

import dev.openai4k.audio.SpeechRequest;
import dev.openai4k.audio.TranscriptionRequest;
import dev.openai4k.audio.TranslationRequest;
import dev.openai4k.completions.CompletionPrompt;
import dev.openai4k.completions.CompletionRequest;
import dev.openai4k.embeddings.EmbeddingRequest;
import dev.openai4k.files.FileListRequest;
import dev.openai4k.files.FileUploadRequest;
import dev.openai4k.http.FileSource;
import dev.openai4k.images.ImageEditRequest;
import dev.openai4k.images.ImageGenerationRequest;
import dev.openai4k.images.ImageVariationRequest;
import dev.openai4k.moderations.ModerationRequest;
import kotlinx.serialization.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** {@code toBuilder()} from Java: a copy keeps every value (provider fields and file sources included) and changes only what is set. */
class RequestCopiesFacadeTest extends FacadeTestBase {
    private static final byte[] BYTES = {1, 2, 3};

    @Test
    void aChangedCopySendsTheOriginalFieldsAndTheChange() throws Exception {
        EmbeddingRequest original = EmbeddingRequest.builder("text-embedding-3-small")
                .input("hello").dimensions(8).extraBody("x_flag", true).extraBody("x_rank", 2).build();

        await(openai.embeddings().create(original.toBuilder().dimensions(16).encodingFormat("float").build()));

        JsonObject body = onlyBody("POST embeddings");
        assertEquals("hello", str(body.get("input")));
        assertEquals("16", str(body.get("dimensions")));
        assertEquals("float", str(body.get("encoding_format")));
        assertEquals("true", str(body.get("x_flag")));
        assertEquals("2", str(body.get("x_rank")));
        assertEquals(8, original.getDimensions());
    }

    @Test
    void jsonRequestsCopyBack() {
        CompletionRequest completion = CompletionRequest.builder("m").prompt("2 + 2 =").seed(7L).extraBody("top_k", 40).build();
        ModerationRequest moderation = ModerationRequest.builder().input("text").model("omni").extraBody("x", "y").build();
        ImageGenerationRequest generation = ImageGenerationRequest.builder("a cat").n(2).endUser("u1").extraBody("x", 1.5).build();
        SpeechRequest speech = SpeechRequest.builder("tts-1", "Hello", "alloy").speed(1.25).extraBody("x", false).build();

        assertEquals(completion, completion.toBuilder().build());
        assertEquals(moderation, moderation.toBuilder().build());
        assertEquals(generation, generation.toBuilder().build());
        assertEquals(speech, speech.toBuilder().build());
        assertEquals(CompletionPrompt.of("Say hi"), completion.toBuilder().prompt("Say hi").build().getPrompt());
        assertEquals(7L, completion.toBuilder().prompt("Say hi").build().getSeed());
        assertNull(speech.toBuilder().build().getInstructions());
    }

    @Test
    void multipartRequestsCopyBackWithTheSameFileSources() {
        FileSource audio = FileSource.of(BYTES, "clip.wav");
        FileSource png = FileSource.of(BYTES, "a.png");
        TranscriptionRequest transcription = TranscriptionRequest.builder("whisper-1", audio)
                .language("en").timestampGranularities("word").extraField("x", "1").build();
        TranslationRequest translation = TranslationRequest.builder("whisper-1", audio).prompt("Hi").build();
        ImageEditRequest edit = ImageEditRequest.builder("add a hat").image(png).mask(png).extraField("x", "1").build();
        ImageVariationRequest variation = ImageVariationRequest.builder(png).n(2).build();
        FileUploadRequest upload = FileUploadRequest.builder(FileSource.of(BYTES, "b.jsonl"), "batch")
                .expiresAfterSeconds(3600).field("x", "1").build();
        FileListRequest list = FileListRequest.builder().purpose("batch").limit(10).build();

        assertEquals(transcription, transcription.toBuilder().build());
        assertSame(audio, transcription.toBuilder().build().getFile());
        assertEquals(translation, translation.toBuilder().build());
        assertEquals(edit, edit.toBuilder().build());
        assertEquals(variation, variation.toBuilder().build());
        assertEquals(list, list.toBuilder().build());
        assertEquals("de", transcription.toBuilder().language("de").build().getLanguage());
        assertEquals(List.of("word"), transcription.toBuilder().language("de").build().getTimestampGranularities());

        FileUploadRequest.Builder builder = upload.toBuilder();
        builder.setPurpose("assistants");
        FileUploadRequest copy = builder.build();
        assertSame(upload.getFile(), copy.getFile());
        assertEquals("assistants", copy.getPurpose());
        assertEquals(3600L, copy.getExpiresAfterSeconds());
        assertEquals(Map.of("x", "1"), copy.getExtraFields());
        assertEquals(Map.of("x", "1"), upload.toBuilder().getExtraFields());
    }
}
