package dev.openai4k.examples;

import dev.openai4k.facade.OpenAIAsync;
import dev.openai4k.responses.Response;
import dev.openai4k.responses.ResponseRequest;

import java.util.concurrent.TimeUnit;

/** One call to the Responses API from Java, then a second that continues it by {@code previous_response_id}. */
public final class JavaResponses {
    private JavaResponses() {
    }

    /** Returns both answers. */
    public static String run(OpenAIAsync openai, String model) throws Exception {
        Response first = openai.responses().create(ResponseRequest.builder(model)
                .instructions("Answer in one short sentence.")
                .input("Which planet is known as the red planet?")
                .build()).get(2, TimeUnit.MINUTES);
        Response second = openai.responses().create(ResponseRequest.builder(model)
                .instructions("Answer in one short sentence.")
                .previousResponseId(first.getId())
                .input("How many moons does it have?")
                .build()).get(2, TimeUnit.MINUTES);
        return "first [" + first.getId() + "]: " + first.getOutputText() + "\n"
                + "second [" + second.getId() + "]: " + second.getOutputText();
    }

    /** Runs this example alone. */
    public static void main(String[] args) throws Exception {
        try (ExampleEnvironment env = ExampleEnvironment.start()) {
            System.out.println(env.getBanner());
            System.out.println(run(env.getJava(), env.getModels().getChat()));
        }
    }
}
