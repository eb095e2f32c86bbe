package dev.openai4k.assistants

/**
 * The paging query of the assistants, messages and runs lists: [limit], [order], and a cursor ([after] or
 * [before]). Every field is optional; unset fields are not sent.
 *
 * Build with [listRequest] in Kotlin or [ListRequest.builder] in Java.
 */
public data class ListRequest(
    /** Items per page (OpenAI: 1 to 100, default 20). */
    val limit: Int? = null,
    /** [ORDER_ASC] or [ORDER_DESC] by creation time (OpenAI's default: desc). */
    val order: String? = null,
    /** Start after this id (the last item of the previous page). */
    val after: String? = null,
    /** End before this id (the first item of the next page). */
    val before: String? = null,
) {
    internal fun query(after: String? = this.after): List<Pair<String, String?>> = listOf(
        "limit" to limit?.toString(),
        "order" to order,
        "after" to after,
        "before" to before,
    )

    /** Builds a [ListRequest]; properties for the Kotlin DSL, fluent setters for Java. */
    public class Builder {
        /** See [ListRequest.limit]. */
        public var limit: Int? = null

        /** See [ListRequest.order]. */
        public var order: String? = null

        /** See [ListRequest.after]. */
        public var after: String? = null

        /** See [ListRequest.before]. */
        public var before: String? = null

        /** Sets the page size. */
        public fun limit(value: Int): Builder = apply { limit = value }

        /** Sets the order. */
        public fun order(value: String): Builder = apply { order = value }

        /** Sets the cursor to start after. */
        public fun after(value: String): Builder = apply { after = value }

        /** Sets the cursor to end before. */
        public fun before(value: String): Builder = apply { before = value }

        /** The request. */
        public fun build(): ListRequest = ListRequest(limit, order, after, before)
    }

    public companion object {
        /** Oldest first. */
        public const val ORDER_ASC: String = "asc"

        /** Newest first. */
        public const val ORDER_DESC: String = "desc"

        /** The server's default page size and order. */
        @JvmField
        public val DEFAULT: ListRequest = ListRequest()

        /** A Java-style builder. */
        @JvmStatic
        public fun builder(): Builder = Builder()
    }
}

/** Builds a [ListRequest] with a Kotlin DSL: `listRequest { limit = 100; order = ListRequest.ORDER_ASC }`. */
public fun listRequest(block: ListRequest.Builder.() -> Unit): ListRequest = ListRequest.Builder().apply(block).build()
