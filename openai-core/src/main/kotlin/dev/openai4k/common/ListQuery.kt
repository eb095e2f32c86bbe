package dev.openai4k.common

/**
 * The paging query of a list call: [limit], [order] and a cursor ([after] or [before]). Every field is optional;
 * unset fields are not sent. Build with [listQuery] in Kotlin or [ListQuery.builder] in Java.
 *
 * ```java
 * ListQuery query = ListQuery.builder().limit(100).order(ListOrder.ASC).build();
 * ```
 */
public data class ListQuery @JvmOverloads constructor(
    /** Items per page (OpenAI: 1 to 100, default 20). */
    val limit: Int? = null,
    /** [ListOrder.ASC] or [ListOrder.DESC] by creation time (OpenAI's default: desc). */
    val order: String? = null,
    /** Start after this id (the last item of the previous page). */
    val after: String? = null,
    /** End before this id (the first item of the next page). */
    val before: String? = null,
) {
    init {
        require(limit == null || limit > 0) { "limit must be positive, was $limit" }
    }

    /** The query parameters this sends, in order, with [after] as the cursor; unset fields are left out. */
    @JvmOverloads
    public fun parameters(after: String? = this.after): Map<String, String> = buildMap {
        limit?.let { put("limit", it.toString()) }
        order?.let { put("order", it) }
        after?.let { put("after", it) }
        before?.let { put("before", it) }
    }

    /** A builder with this query's fields. */
    public fun toBuilder(): Builder = Builder().also { it.limit = limit; it.order = order; it.after = after; it.before = before }

    /** Builds a [ListQuery]; properties for the Kotlin DSL, fluent setters for Java. */
    public class Builder {
        /** See [ListQuery.limit]. */
        public var limit: Int? = null

        /** See [ListQuery.order]. */
        public var order: String? = null

        /** See [ListQuery.after]. */
        public var after: String? = null

        /** See [ListQuery.before]. */
        public var before: String? = null

        /** Sets the page size. */
        public fun limit(value: Int): Builder = apply { limit = value }

        /** Sets the order ([ListOrder]). */
        public fun order(value: String): Builder = apply { order = value }

        /** Sets the cursor to start after. */
        public fun after(value: String): Builder = apply { after = value }

        /** Sets the cursor to end before. */
        public fun before(value: String): Builder = apply { before = value }

        /**
         * The query.
         *
         * @throws IllegalArgumentException if the limit is not positive.
         */
        public fun build(): ListQuery = ListQuery(limit, order, after, before)
    }

    public companion object {
        /** The server's default page size and order. */
        @JvmField
        public val DEFAULT: ListQuery = ListQuery()

        /** A Java-style builder. */
        @JvmStatic
        public fun builder(): Builder = Builder()
    }
}

/** Builds a [ListQuery] with a Kotlin DSL: `listQuery { limit = 100; order = ListOrder.ASC }`. */
public fun listQuery(block: ListQuery.Builder.() -> Unit): ListQuery = ListQuery.Builder().apply(block).build()

/** Values of the `order` parameter of list calls. */
public object ListOrder {
    /** Oldest first. */
    public const val ASC: String = "asc"

    /** Newest first. */
    public const val DESC: String = "desc"
}
