package dev.openai4k.embeddings

import dev.openai4k.Usage
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/** The answer of `POST /embeddings`: one [Embedding] per input, with token usage. */
@Serializable
public data class EmbeddingResponse(
    /** The vectors; each carries the [Embedding.index] of its input. Servers may send them in any order. */
    val data: List<Embedding> = emptyList(),
    /** The model that produced them. */
    val model: String? = null,
    /** `prompt_tokens` and `total_tokens` (the other counts stay 0). */
    val usage: Usage? = null,
    /** The `object` field, `list`. */
    @SerialName("object") val objectType: String? = null,
) {
    /** The vectors ordered by [Embedding.index], so the n-th vector belongs to the n-th input. */
    val vectors: List<FloatArray> get() = data.sortedBy { it.index }.map { it.embedding }
}

/** One vector. Equality compares the vector's contents. */
@Serializable
public data class Embedding(
    /** The position of the input this vector belongs to. */
    val index: Int = 0,
    /** The vector, decoded from whichever format the server sent. */
    @Serializable(with = EmbeddingVectorSerializer::class) val embedding: FloatArray = FloatArray(0),
    /** The `object` field, `embedding`. */
    @SerialName("object") val objectType: String? = null,
) {
    override fun equals(other: Any?): Boolean =
        other is Embedding && index == other.index && objectType == other.objectType && embedding.contentEquals(other.embedding)

    override fun hashCode(): Int = (index * 31 + embedding.contentHashCode()) * 31 + (objectType?.hashCode() ?: 0)

    override fun toString(): String = "Embedding(index=$index, dimensions=${embedding.size})"
}
