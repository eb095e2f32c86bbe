package dev.openai4k.bench.cold;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

/** Scenario E for openai-java: the first answer, printed; run on its own runtime classpath. */
public final class ColdOpenAIJava {
    private ColdOpenAIJava() {}

    public static void main(String[] args) {
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(args[0] + "/v1").apiKey("sk-bench").maxRetries(0).build();
        String answer = client.chat().completions()
            .create(ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("Say hello.").build())
            .choices().get(0).message().content().orElse(null);
        System.out.println("ANSWER " + answer);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
