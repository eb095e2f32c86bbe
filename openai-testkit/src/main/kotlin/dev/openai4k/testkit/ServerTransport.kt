package dev.openai4k.testkit

/**
 * How an [OpenAITestServer] serves connections. Both serve the same endpoints, scripts, streams (with their
 * delays), faults, keep-alive, recording and disconnect counting; they differ in threads.
 */
public enum class ServerTransport {
    /**
     * `java.net` sockets with two threads per open connection (one answering, one watching for the client hanging
     * up). The default: simple, and every fault is exact on it. A few thousand concurrent connections are its
     * practical limit.
     */
    BLOCKING,

    /**
     * A `java.nio` selector: one thread for all accepts, reads and writes, one worker thread that decides the answers
     * and runs the timers of delays, paced streams, trickles and stalls. Two threads however many connections are
     * open; for load tests with thousands of concurrent streams.
     */
    NIO,
    ;

    /** The default transport. */
    public companion object {
        /** The system property that sets the default transport: `blocking` or `nio`. */
        public const val PROPERTY: String = "openai4k.testkit.transport"

        /**
         * The transport [OpenAITestServer.start] uses when none is given: the one named by the system property
         * [PROPERTY], else [BLOCKING].
         *
         * @throws IllegalArgumentException when the property names no transport.
         */
        @JvmStatic
        public fun configuredDefault(): ServerTransport {
            val name = System.getProperty(PROPERTY)?.trim()
            if (name.isNullOrEmpty()) return BLOCKING
            return entries.firstOrNull { it.name.equals(name, ignoreCase = true) }
                ?: throw IllegalArgumentException("$PROPERTY=$name names no transport; use blocking or nio")
        }
    }
}
