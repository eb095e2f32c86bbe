package dev.openai4k.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.openai4k.http.FileSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request builders as a Java caller uses them. */
class AudioJavaUsageTest {

    @Test
    void buildersReadAsPlainJava() {
        SpeechRequest speech = SpeechRequest.builder(AudioModel.TTS_1, "Hello", Voice.NOVA)
                .responseFormat(SpeechFormat.FLAC)
                .speed(1.5)
                .extraBody("lang_boost", true)
                .build();
        assertEquals("flac", speech.getResponseFormat());
        assertEquals(Double.valueOf(1.5), speech.getSpeed());
        assertEquals("true", speech.getExtraBody().get("lang_boost").toString());

        FileSource audio = FileSource.of(new byte[] {1, 2, 3}, "a.wav");
        TranscriptionRequest transcription = TranscriptionRequest.builder(AudioModel.WHISPER_1, audio)
                .language("en")
                .timestampGranularities(TimestampGranularity.WORD, TimestampGranularity.SEGMENT)
                .include(TranscriptionInclude.LOGPROBS)
                .chunkingStrategy(ChunkingStrategy.serverVad(0.5))
                .build();
        assertEquals(List.of("word", "segment"), transcription.getTimestampGranularities());
        assertEquals(
                Map.of("chunking_strategy[type]", "server_vad", "chunking_strategy[threshold]", "0.5"),
                transcription.getChunkingStrategy().getFields());
        assertEquals(Map.of("chunking_strategy", "auto"), ChunkingStrategy.AUTO.getFields());

        TranslationRequest translation = TranslationRequest.builder(AudioModel.WHISPER_1, audio)
                .responseFormat(TranscriptionFormat.SRT)
                .build();
        assertEquals("srt", translation.getResponseFormat());
    }
}
