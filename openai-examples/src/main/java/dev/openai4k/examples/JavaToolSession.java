package dev.openai4k.examples;

import dev.openai4k.chat.ChatSessionConfig;
import dev.openai4k.chat.ChatTurn;
import dev.openai4k.facade.AsyncChatSession;
import dev.openai4k.facade.OpenAIAsync;
import dev.openai4k.tools.Tool;
import dev.openai4k.tools.ToolExecution;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chat session with a tool written as a Java lambda: the session runs it when the model calls it, sends the
 * result back, and completes with the model's final answer.
 */
public final class JavaToolSession {
    private JavaToolSession() {
    }

    /** The parameters of the {@code days_until} tool, as a JSON schema. */
    static final String DAYS_UNTIL_SCHEMA = "{\"type\":\"object\","
            + "\"properties\":{\"date\":{\"type\":\"string\",\"description\":\"An ISO date, e.g. 2030-01-01\"}},"
            + "\"required\":[\"date\"],\"additionalProperties\":false}";

    private static final Pattern DATE_ARGUMENT = Pattern.compile("\"date\"\\s*:\\s*\"([^\"]+)\"");

    /** Asks a question the model can only answer with the tool; returns the tool calls and the answer. */
    public static String run(OpenAIAsync openai, String model) throws Exception {
        Tool daysUntil = openai.chat().tool("days_until", "How many days from today until a date", DAYS_UNTIL_SCHEMA,
                argumentsJson -> {
                    // A real handler would use its JSON library; the date is the only value here.
                    Matcher m = DATE_ARGUMENT.matcher(argumentsJson);
                    if (!m.find()) {
                        throw new IllegalArgumentException("expected {\"date\": \"YYYY-MM-DD\"}");
                    }
                    LocalDate date = LocalDate.parse(m.group(1));
                    long days = ChronoUnit.DAYS.between(LocalDate.now(ZoneOffset.UTC), date);
                    return "{\"date\":\"" + date + "\",\"days\":" + days + "}";
                });
        ChatSessionConfig config = ChatSessionConfig.builder()
                .model(model)
                .system("Use the days_until tool for questions about dates. Keep answers short.")
                .tool(daysUntil)
                .build();
        AsyncChatSession session = openai.chat().session(config);
        ChatTurn turn = session.send("How many days are left until 2030-01-01?").get(2, TimeUnit.MINUTES);
        StringBuilder report = new StringBuilder();
        for (ToolExecution execution : turn.getToolExecutions()) {
            report.append("tool ").append(execution.getInvocation().getName())
                    .append('(').append(execution.getInvocation().getArguments()).append(") -> ")
                    .append(execution.getResult()).append('\n');
        }
        return report.append("answer: ").append(turn.getText()).toString();
    }

    /** Runs this example alone. */
    public static void main(String[] args) throws Exception {
        try (ExampleEnvironment env = ExampleEnvironment.start()) {
            System.out.println(env.getBanner());
            ExampleTourKt.scriptJavaToolSession(env);
            System.out.println(run(env.getJava(), env.getModels().getChat()));
        }
    }
}
