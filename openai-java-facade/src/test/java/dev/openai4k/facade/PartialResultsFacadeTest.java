package dev.openai4k.facade;

import dev.openai4k.OpenAIConnectionException;
import dev.openai4k.OpenAIDecodeException;
import dev.openai4k.OpenAIException;
import dev.openai4k.audio.AudioStreams;
import dev.openai4k.audio.Transcription;
import dev.openai4k.audio.TranscriptionRequest;
import dev.openai4k.chat.ChatCompletion;
import dev.openai4k.chat.ChatRequest;
import dev.openai4k.chat.ChatStreams;
import dev.openai4k.completions.Completion;
import dev.openai4k.completions.CompletionRequest;
import dev.openai4k.completions.CompletionStreams;
import dev.openai4k.http.FileSource;
import dev.openai4k.http.ServerSentEvent;
import dev.openai4k.images.ImageGenerationRequest;
import dev.openai4k.images.ImageStreamEvent;
import dev.openai4k.images.ImageStreams;
import dev.openai4k.responses.Response;
import dev.openai4k.responses.ResponseRequest;
import dev.openai4k.responses.ResponseStreams;
import dev.openai4k.stream.PartialResults;
import dev.openai4k.stream.StreamAccumulator;
import dev.openai4k.stream.StreamDecodeFailures;
import dev.openai4k.stream.TypedEventDecoder;
import dev.openai4k.testkit.Scripted;
import dev.openai4k.testkit.SseOptions;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlinx.coroutines.BuildersKt;
import kotlinx.coroutines.flow.Flow;
import kotlinx.coroutines.flow.FlowKt;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What a broken stream had delivered, read from Java without a cast: the sections' named readers and core's. */
class PartialResultsFacadeTest extends FacadeTestBase {
    private static final SseOptions NO_DONE = new SseOptions(0, null, false, null, false);
    private static final String ERROR = "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}";

    private static OpenAIException failureOf(ExecutionException e) {
        return OpenAIAsync.unwrap(e);
    }

    @Test
    void chatGivesThePartialCompletion() {
        server.enqueue("chat/completions", Scripted.sse(List.of(
            "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Half\"}}]}",
            ERROR), NO_DONE));
        ChatRequest request = ChatRequest.builder("m").user("hi").build();
        OpenAIException e = failureOf(assertThrows(ExecutionException.class, () -> await(openai.chat().stream(request).toList())));
        ChatCompletion partial = ChatStreams.partialCompletion(e);
        assertEquals("Half", partial.getChoices().get(0).getMessage().getContent());
        assertSame(partial, e.partial(ChatCompletion.class));
        assertNull(e.partial(Response.class));
        assertNull(ResponseStreams.partialResponse(e));
    }

    @Test
    void completionsGiveThePartialCompletion() {
        server.enqueue("completions", Scripted.sse(List.of("{\"id\":\"cmpl-j\",\"choices\":[{\"text\":\"Once\",\"index\":0}]}", ERROR), NO_DONE));
        CompletionRequest request = CompletionRequest.builder("m").prompt("p").build();
        OpenAIException e = failureOf(assertThrows(ExecutionException.class, () -> await(openai.completions().stream(request).toList())));
        Completion partial = CompletionStreams.partialTextCompletion(e);
        assertEquals("cmpl-j", partial.getId());
        assertEquals("Once", e.getPartialText());
    }

    @Test
    void responsesGiveThePartialResponse() {
        server.enqueue("responses", Scripted.sse(List.of(
            "{\"type\":\"response.created\",\"response\":{\"id\":\"resp_j\",\"status\":\"in_progress\"}}",
            "{\"type\":\"response.output_text.delta\",\"item_id\":\"m\",\"output_index\":0,\"content_index\":0,\"delta\":\"Hi\"}",
            ERROR), NO_DONE));
        ResponseRequest request = ResponseRequest.builder("m").input("x").build();
        OpenAIException e = failureOf(assertThrows(ExecutionException.class, () -> await(openai.responses().stream(request).toList())));
        Response partial = ResponseStreams.partialResponse(e);
        assertEquals("resp_j", partial.getId());
        assertEquals("Hi", partial.getOutputText());
    }

    @Test
    void imagesGiveTheLastPreview() {
        server.enqueue("images/generations", Scripted.sse(List.of(
            "{\"type\":\"image_generation.partial_image\",\"b64_json\":\"AQI=\",\"partial_image_index\":0}", ERROR), NO_DONE));
        ImageGenerationRequest request = ImageGenerationRequest.builder("a fox").model("gpt-image-1").build();
        OpenAIException e = failureOf(assertThrows(ExecutionException.class, () -> await(openai.images().generateStream(request).toList())));
        ImageStreamEvent.PartialImage preview = ImageStreams.partialImage(e);
        assertEquals("AQI=", preview.getB64Json());
    }

    @Test
    void audioGivesTheTranscriptionSoFar() {
        server.enqueue("audio/transcriptions", Scripted.sse(List.of(
            "{\"type\":\"transcript.text.delta\",\"delta\":\"Hel\"}", "{\"type\":\"transcript.text.delta\",\"delta\":\"lo\"}", ERROR), NO_DONE));
        TranscriptionRequest request = TranscriptionRequest.builder("gpt-4o-transcribe", FileSource.of(new byte[]{1, 2}, "a.wav")).build();
        OpenAIException e = failureOf(assertThrows(ExecutionException.class, () -> await(openai.audio().transcriptions().stream(request).toList())));
        Transcription partial = AudioStreams.partialTranscription(e);
        assertEquals("Hello", partial.getText());
    }

    @Test
    void theBuildingBlocksAreUsableFromJava() throws Exception {
        TypedEventDecoder<ImageStreamEvent> decoder = new TypedEventDecoder<>("image",
            Map.of("image_generation.completed", ImageStreamEvent.Completed.Companion.serializer()),
            (type, json) -> new ImageStreamEvent.Unknown(type, json));
        ImageStreamEvent.Completed done = assertInstanceOf(ImageStreamEvent.Completed.class,
            decoder.decode(new ServerSentEvent("image_generation.completed", "{\"b64_json\":\"AQI=\"}", null)));
        assertEquals("image_generation.completed", done.getType());
        ImageStreamEvent.Unknown unknown = assertInstanceOf(ImageStreamEvent.Unknown.class,
            decoder.decode(new ServerSentEvent(null, "{\"type\":\"image_generation.heartbeat\"}", null)));
        assertEquals("image_generation.heartbeat", unknown.getType());
        assertNull(decoder.decode(new ServerSentEvent(null, " ", null)));

        OpenAIDecodeException failure = StreamDecodeFailures.streamDecodeFailure("chat", "chat.completion.chunk", "{x",
            new IllegalArgumentException("bad token\nsecond line"));
        assertEquals("Could not decode a chat stream event of type 'chat.completion.chunk': bad token", failure.getMessage());
        assertEquals("{x", failure.getBodySnippet());

        // An accumulator written in Java: it wants three words, the stream brings two.
        StreamAccumulator<String, String> words = new StreamAccumulator<>() {
            private final List<String> seen = new ArrayList<>();

            @Override public void add(String element) { seen.add(element); }
            @Override public String partial() { return String.join(" ", seen); }
            @Override public String partialText() { return partial(); }
            @Override public OpenAIException endFailure() {
                return seen.size() < 3 ? new OpenAIConnectionException("cut", null) : null;
            }
        };
        Flow<String> flow = PartialResults.attachPartial(FlowKt.flowOf("one", "two"), "words", words);
        OpenAIConnectionException cut = assertThrows(OpenAIConnectionException.class, () ->
            BuildersKt.runBlocking(EmptyCoroutineContext.INSTANCE, (scope, continuation) -> FlowKt.toList(flow, new ArrayList<>(), continuation)));
        assertEquals("one two", cut.partial(String.class));
        assertEquals("one two", cut.getPartialText());
    }
}
