package dev.openai4k.testkit

/**
 * A transport fault for [Scripted.fault]. Closes are real TCP closes (FIN) or, with `reset`, resets (RST) that the
 * client sees; every fault that closes ends the connection, so a client must open a new one for its next request.
 *
 * A reset is abrupt on the client side too: its TCP stack may drop bytes that had arrived but were not read yet, so
 * after a reset a client can see fewer than the bytes or events written. Use the graceful close when a test needs
 * the exact count.
 */
public sealed class Fault {
    /** Reads the request, then closes the connection without writing a byte. */
    public data class CloseBeforeHeaders(
        /** Reset (RST) instead of a graceful close. */
        val reset: Boolean = false,
    ) : Fault()

    /**
     * Writes the status line and headers of the full answer (with its `Content-Length`, or chunked for a stream),
     * then exactly [bytes] bytes of the body (payload bytes: for a chunked stream they travel as one chunk), then
     * closes.
     */
    public data class CloseAfterBytes(
        /** How many body bytes the client receives before the close. */
        val bytes: Int,
        /** Reset (RST) instead of a graceful close. */
        val reset: Boolean = false,
    ) : Fault() {
        init {
            require(bytes >= 0) { "bytes cannot be negative" }
        }
    }

    /**
     * For a streamed answer: writes the headers and the first [events] events, then closes without ending the
     * chunked body. An answer that is not a stream gets its headers only.
     */
    public data class CloseAfterEvents(
        /** How many events the client receives before the close. */
        val events: Int,
        /** Reset (RST) instead of a graceful close. */
        val reset: Boolean = false,
    ) : Fault() {
        init {
            require(events >= 0) { "events cannot be negative" }
        }
    }

    /**
     * Sends nothing for [millis] milliseconds (or, with [afterHeaders], the status line and headers and then
     * nothing), then closes. A client that gives up earlier is counted in [OpenAITestServer.disconnects].
     */
    public data class Stall(
        /** How long to stay silent. */
        val millis: Long,
        /** Whether the status line and headers are sent before the silence. */
        val afterHeaders: Boolean = false,
    ) : Fault() {
        init {
            require(millis >= 0) { "millis cannot be negative" }
        }
    }

    /** Sends the headers at once, then the body [bytes] bytes at a time every [everyMillis] milliseconds. */
    public data class Trickle(
        /** Bytes per step. */
        val bytes: Int,
        /** Milliseconds between steps. */
        val everyMillis: Long,
    ) : Fault() {
        init {
            require(bytes > 0) { "bytes must be positive" }
            require(everyMillis >= 0) { "everyMillis cannot be negative" }
        }
    }

    /**
     * A 200 answer whose JSON is cut in half; for a streamed request, a stream whose second event (the first when
     * there is only one) carries half of its JSON.
     */
    public data object MalformedJson : Fault()

    /** A `502 Bad Gateway` HTML page, as a proxy in front of a server would send. */
    public data object Html502 : Fault()

    /** Factories for Java callers and for readability. */
    public companion object {
        /** See [CloseBeforeHeaders]. */
        @JvmStatic
        public fun closeBeforeHeaders(): Fault = CloseBeforeHeaders(reset = false)

        /** [CloseBeforeHeaders] with a reset. */
        @JvmStatic
        public fun resetBeforeHeaders(): Fault = CloseBeforeHeaders(reset = true)

        /** See [CloseAfterBytes]. */
        @JvmStatic
        public fun closeAfterBytes(bytes: Int): Fault = CloseAfterBytes(bytes, reset = false)

        /** [CloseAfterBytes] with a reset. */
        @JvmStatic
        public fun resetAfterBytes(bytes: Int): Fault = CloseAfterBytes(bytes, reset = true)

        /** See [CloseAfterEvents]. */
        @JvmStatic
        public fun closeAfterEvents(events: Int): Fault = CloseAfterEvents(events, reset = false)

        /** [CloseAfterEvents] with a reset. */
        @JvmStatic
        public fun resetAfterEvents(events: Int): Fault = CloseAfterEvents(events, reset = true)

        /** [Stall] with nothing sent. */
        @JvmStatic
        public fun stall(millis: Long): Fault = Stall(millis, afterHeaders = false)

        /** [Stall] after the headers. */
        @JvmStatic
        public fun stallAfterHeaders(millis: Long): Fault = Stall(millis, afterHeaders = true)

        /** See [Trickle]. */
        @JvmStatic
        public fun trickle(bytes: Int, everyMillis: Long): Fault = Trickle(bytes, everyMillis)

        /** See [MalformedJson]. */
        @JvmStatic
        public fun malformedJson(): Fault = MalformedJson

        /** See [Html502]. */
        @JvmStatic
        public fun html502(): Fault = Html502
    }
}
