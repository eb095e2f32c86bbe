package dev.openai4k.chat

import dev.openai4k.common.FinishReason
import dev.openai4k.ErrorKind
import dev.openai4k.OpenAIException
import dev.openai4k.OpenAIJson
import dev.openai4k.schema.JsonSchemas
import kotlinx.serialization.KSerializer

/** The model refused to answer (the message's `refusal` was set). */
public class ChatRefusalException(
    /** The refusal text. */
    public val refusal: String,
    /** The completion that carried the refusal. */
    public val completion: ChatCompletion?,
) : OpenAIException(ErrorKind.API, "The model refused: $refusal")

/**
 * A structured answer could not be read as the requested type: no content, or JSON that does not fit.
 * [content] is the raw text the model returned (null when there was none).
 */
public class StructuredOutputException(
    message: String,
    /** The raw answer text, or null when the answer had none. */
    public val content: String?,
    /** The completion. */
    public val completion: ChatCompletion?,
    cause: Throwable? = null,
) : OpenAIException(ErrorKind.DECODE, message, bodySnippet = content?.take(2048), cause = cause)

/** A completion together with its first choice decoded as [T]. */
public class ParsedChatCompletion<T>(
    /** The completion as received. */
    public val completion: ChatCompletion,
    /** The decoded answer. */
    public val parsed: T,
) {
    override fun toString(): String = "ParsedChatCompletion(parsed=$parsed)"
}

/** [request] with a strict `json_schema` response format derived from [serializer]. */
internal fun <T> withSchemaOf(request: ChatRequest, serializer: KSerializer<T>): ChatRequest =
    request.copy(
        responseFormat = ResponseFormat.jsonSchema(
            JsonSchemas.nameOf(serializer.descriptor),
            JsonSchemas.of(serializer.descriptor, strict = true),
            strict = true,
        ),
    )

/** Decodes the first choice of [completion] with [serializer], or explains why it cannot. */
internal fun <T> decodeStructured(completion: ChatCompletion, serializer: KSerializer<T>): T {
    val choice = completion.choices.firstOrNull()
        ?: throw StructuredOutputException("The completion has no choices", null, completion)
    choice.message.refusal?.let { throw ChatRefusalException(it, completion) }
    val content = choice.message.content
        ?: throw StructuredOutputException(
            "The answer has no content (finish_reason=${choice.finishReason})", null, completion,
        )
    return try {
        OpenAIJson.decodeFromString(serializer, content)
    } catch (e: IllegalArgumentException) {
        val hint = if (choice.finishReason == FinishReason.LENGTH) " (cut off by the token limit)" else ""
        throw StructuredOutputException(
            "The answer does not decode as ${serializer.descriptor.serialName}$hint: " +
                (e.message?.lineSequence()?.firstOrNull() ?: e.toString()),
            content,
            completion,
            e,
        )
    }
}
