package dev.openai4k.examples;

import dev.openai4k.chat.ChatCompletion;
import dev.openai4k.chat.ChatRequest;
import dev.openai4k.facade.OpenAIAsync;

import java.util.concurrent.TimeUnit;

/** One question, one answer, from Java: a {@code CompletableFuture} of the completion. */
public final class JavaOneShot {
    private JavaOneShot() {
    }

    /** Asks one question and returns the answer's text. */
    public static String run(OpenAIAsync openai, String model) throws Exception {
        ChatRequest request = ChatRequest.builder(model)
                .system("You are a concise assistant. Answer in one sentence.")
                .user("Name one famous Java library, and say what it does.")
                .temperature(0.2)
                .build();
        ChatCompletion completion = openai.chat().create(request).get(2, TimeUnit.MINUTES);
        return completion.getText();
    }

    /** Runs this example alone (offline against the test server unless OPENAI_API_KEY or OPENAI_BASE_URL is set). */
    public static void main(String[] args) throws Exception {
        try (ExampleEnvironment env = ExampleEnvironment.start()) {
            System.out.println(env.getBanner());
            System.out.println(run(env.getJava(), env.getModels().getChat()));
        }
    }
}
