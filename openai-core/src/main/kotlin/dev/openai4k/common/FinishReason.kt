package dev.openai4k.common

/** Known values of `finish_reason` (chat completions and completions); any other text is kept as it came. */
public object FinishReason {
    /** A natural end or a stop sequence. */
    public const val STOP: String = "stop"

    /** The token limit (`max_tokens`, `max_completion_tokens` or the context length). */
    public const val LENGTH: String = "length"

    /** The model called tools (chat completions). */
    public const val TOOL_CALLS: String = "tool_calls"

    /** Content was omitted by a filter. */
    public const val CONTENT_FILTER: String = "content_filter"

    /** The model called a function (chat completions' deprecated `functions`). */
    public const val FUNCTION_CALL: String = "function_call"
}
