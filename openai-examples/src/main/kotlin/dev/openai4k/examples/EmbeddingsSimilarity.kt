package dev.openai4k.examples

import dev.openai4k.OpenAI
import dev.openai4k.embeddings.embeddings
import kotlin.math.sqrt

/** Embeds three texts in one request and compares them by cosine similarity. */
suspend fun embeddingsSimilarity(openai: OpenAI, model: String): String {
    val texts = listOf("cat", "kitten", "carburettor")
    val (cat, kitten, carburettor) = openai.embeddings.embedAll(model, texts)
    return "cos(cat, kitten) = %.3f%ncos(cat, carburettor) = %.3f%n(%d dimensions)".format(
        cosine(cat, kitten), cosine(cat, carburettor), cat.size,
    )
}

/** The cosine of the angle between [a] and [b]: 1 for the same direction, 0 for unrelated. */
fun cosine(a: FloatArray, b: FloatArray): Double {
    require(a.size == b.size) { "Vectors differ in size: ${a.size} and ${b.size}" }
    var dot = 0.0
    var na = 0.0
    var nb = 0.0
    for (i in a.indices) {
        dot += a[i] * b[i]
        na += a[i] * a[i]
        nb += b[i] * b[i]
    }
    return dot / (sqrt(na) * sqrt(nb))
}
