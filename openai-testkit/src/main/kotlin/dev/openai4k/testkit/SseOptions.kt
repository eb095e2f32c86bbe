package dev.openai4k.testkit

/**
 * How a stream is written on the wire. Immutable; derive variants with the `with...` functions
 * (`SseOptions.DEFAULT.withDelayMillis(50).withCrlf()`).
 */
public data class SseOptions @JvmOverloads constructor(
    /** Milliseconds to wait before every event after the first. */
    val delayMillis: Long = 0,
    /** When set, a comment line `: <text>` precedes every event, as a keep-alive would. */
    val keepAliveComment: String? = null,
    /** Whether lines end with CRLF instead of LF. */
    val crlf: Boolean = false,
    /** The `event:` name put on every event of [Scripted.sse] (not on `[DONE]`). */
    val eventName: String? = null,
    /** Whether [Scripted.sse] and [Scripted.sseEvents] end with `data: [DONE]`. */
    val sendDone: Boolean = true,
) {
    init {
        require(delayMillis >= 0) { "delayMillis cannot be negative" }
    }

    /** A copy that waits [millis] before each event after the first. */
    public fun withDelayMillis(millis: Long): SseOptions = copy(delayMillis = millis)

    /** A copy that writes `: <comment>` before each event. */
    public fun withKeepAliveComment(comment: String): SseOptions = copy(keepAliveComment = comment)

    /** A copy that ends lines with CRLF. */
    public fun withCrlf(): SseOptions = copy(crlf = true)

    /** A copy that names every scripted event [name]. */
    public fun withEventName(name: String): SseOptions = copy(eventName = name)

    /** A copy that does not end with `data: [DONE]`. */
    public fun withoutDone(): SseOptions = copy(sendDone = false)

    /** Shared instances. */
    public companion object {
        /** No delay, no comments, LF line ends, no event name, `[DONE]` at the end. */
        @JvmField
        public val DEFAULT: SseOptions = SseOptions()
    }
}
