package dev.openai4k.common

/**
 * Known values of the reasoning effort (`reasoning_effort` of chat completions, `reasoning.effort` of responses and
 * assistants runs); any other text is sent as it is. Which values a model accepts depends on the model.
 */
public object ReasoningEffort {
    /** No reasoning (models that allow it). */
    public const val NONE: String = "none"

    /** The least reasoning. */
    public const val MINIMAL: String = "minimal"

    /** Little reasoning. */
    public const val LOW: String = "low"

    /** Medium effort (the usual default). */
    public const val MEDIUM: String = "medium"

    /** More reasoning. */
    public const val HIGH: String = "high"

    /** The most reasoning (models that allow it). */
    public const val XHIGH: String = "xhigh"
}
