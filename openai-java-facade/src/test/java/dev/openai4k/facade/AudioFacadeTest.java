package dev.openai4k.facade;

import dev.openai4k.audio.SpeechRequest;
import dev.openai4k.audio.SpeechStreamEvent;
import dev.openai4k.audio.Transcription;
import dev.openai4k.audio.TranscriptionRequest;
import dev.openai4k.audio.TranscriptionStreamEvent;
import dev.openai4k.audio.TranslationRequest;
import dev.openai4k.http.FileSource;
import dev.openai4k.testkit.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AudioFacadeTest extends FacadeTestBase {
    private static final byte[] CLIP = "RIFF-not-really-audio".getBytes();

    @Test
    void speechAsBytesToAStreamAndToAFile(@TempDir Path dir) throws Exception {
        byte[] audio = await(openai.audio().speech().create("tts-1", "alloy", "Hello"));
        assertTrue(audio.length > 44, "expected a WAV body, got " + audio.length + " bytes");
        assertEquals("RIFF", new String(Arrays.copyOfRange(audio, 0, 4)));
        assertEquals("Hello", str(server.requests("audio/speech").get(0).getJsonObject().get("input")));

        SpeechRequest request = SpeechRequest.builder("tts-1", "Hello", "alloy").build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = await(openai.audio().speech().createTo(request, out));
        assertEquals(audio.length, written);
        assertArrayEquals(audio, out.toByteArray());

        Path file = dir.resolve("nested/hello.wav");
        long onDisk = await(openai.audio().speech().createTo(request, file));
        assertArrayEquals(audio, Files.readAllBytes(file));
        assertEquals(audio.length, onDisk);
        assertArrayEquals(audio, await(openai.audio().speech().create(request)));
    }

    @Test
    void speechStreamDecodesAudioEvents() throws Exception {
        List<SpeechStreamEvent> events = await(openai.audio().speech()
            .stream(SpeechRequest.builder("gpt-4o-mini-tts", "Hi", "alloy").build()).toList());
        assertEquals(3, events.size());
        assertInstanceOf(SpeechStreamEvent.AudioDelta.class, events.get(0));
        assertInstanceOf(SpeechStreamEvent.AudioDone.class, events.get(2));
        assertEquals("sse", str(server.requests("audio/speech").get(0).getJsonObject().get("stream_format")));
    }

    @Test
    void transcriptionsAndTranslationsSendTheFileAsMultipart() throws Exception {
        TranscriptionRequest request = TranscriptionRequest.builder("whisper-1", FileSource.of(CLIP, "clip.wav")).language("en").build();

        Transcription transcription = await(openai.audio().transcriptions().create(request));
        assertTrue(transcription.getText().contains("clip.wav"), transcription.getText());
        RecordedRequest sent = server.requests("audio/transcriptions").get(0);
        assertArrayEquals(CLIP, sent.part("file").getBytes());
        assertEquals("clip.wav", sent.part("file").getFilename());
        assertEquals("whisper-1", sent.part("model").getText());
        assertEquals("en", sent.part("language").getText());

        assertEquals(transcription.getText(), await(openai.audio().transcriptions().createText(request)));
        assertTrue(await(openai.audio().transcriptions().createVerbose(request)).getText().contains("clip.wav"));

        TranslationRequest translation = TranslationRequest.builder("whisper-1", FileSource.of(CLIP, "fr.wav")).build();
        assertTrue(await(openai.audio().translations().create(translation)).getText().contains("translation of fr.wav"));
        assertTrue(await(openai.audio().translations().createText(translation)).contains("fr.wav"));
        assertTrue(await(openai.audio().translations().createVerbose(translation)).getText().contains("fr.wav"));
    }

    @Test
    void transcribeStreamDeliversDeltasThenTheWholeText() throws Exception {
        TranscriptionRequest request = TranscriptionRequest.builder("gpt-4o-transcribe", FileSource.of(CLIP, "s.wav")).build();
        List<TranscriptionStreamEvent> events = await(openai.audio().transcriptions().stream(request).toList());

        TranscriptionStreamEvent.TextDone done = assertInstanceOf(TranscriptionStreamEvent.TextDone.class, events.get(events.size() - 1));
        String deltas = events.stream().filter(e -> e instanceof TranscriptionStreamEvent.TextDelta)
            .map(e -> ((TranscriptionStreamEvent.TextDelta) e).getDelta()).collect(Collectors.joining());
        assertEquals(done.getText(), deltas);
        assertEquals("true", server.requests("audio/transcriptions").get(0).part("stream").getText());
    }
}
