package dev.openai4k.vision

import dev.openai4k.ErrorKind
import dev.openai4k.OpenAIException
import dev.openai4k.chat.ChatCompletion

/**
 * The model answered without any text: no choices, a null content, or only whitespace (often because the token
 * limit was reached first, see [finishReason]). Raised instead of returning an empty string.
 */
public class EmptyAnswerException internal constructor(
    message: String,
    /** The completion as received, with its usage and finish reason. */
    public val completion: ChatCompletion,
) : OpenAIException(ErrorKind.DECODE, message) {
    /** Why the model stopped (`length` when the token limit ran out), or null. */
    public val finishReason: String? get() = completion.finishReason
}
