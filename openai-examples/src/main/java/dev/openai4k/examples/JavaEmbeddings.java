package dev.openai4k.examples;

import dev.openai4k.facade.OpenAIAsync;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Embeds two sentences from Java and compares them by cosine similarity. */
public final class JavaEmbeddings {
    private JavaEmbeddings() {
    }

    /** Returns the similarity of two related sentences. */
    public static String run(OpenAIAsync openai, String model) throws Exception {
        List<float[]> vectors = openai.embeddings()
                .embedAll(model, List.of("The JVM runs Java bytecode.", "Java programs compile to bytecode for the JVM."))
                .get(2, TimeUnit.MINUTES);
        double similarity = EmbeddingsSimilarityKt.cosine(vectors.get(0), vectors.get(1));
        return String.format("cos(jvm sentence, java sentence) = %.3f (%d dimensions)", similarity, vectors.get(0).length);
    }

    /** Runs this example alone. */
    public static void main(String[] args) throws Exception {
        try (ExampleEnvironment env = ExampleEnvironment.start()) {
            System.out.println(env.getBanner());
            System.out.println(run(env.getJava(), env.getModels().getEmbedding()));
        }
    }
}
