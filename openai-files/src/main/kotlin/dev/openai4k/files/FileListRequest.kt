package dev.openai4k.files

import dev.openai4k.common.ListOrder

/**
 * The query of `GET /files`: filter by [purpose], page with [limit] and [after], sort with [order].
 * Every field is optional; unset fields are not sent.
 *
 * Build with [fileListRequest] in Kotlin or [FileListRequest.builder] in Java.
 */
public data class FileListRequest(
    /** Only files with this purpose; see [FilePurpose]. */
    val purpose: String? = null,
    /** Items per page (OpenAI: 1 to 10000). */
    val limit: Int? = null,
    /** [ListOrder.ASC] or [ListOrder.DESC] by creation time. */
    val order: String? = null,
    /** The id of the last file of the previous page: the page starts after it. */
    val after: String? = null,
) {
    internal fun query(after: String? = this.after): List<Pair<String, String?>> = listOf(
        "purpose" to purpose,
        "limit" to limit?.toString(),
        "order" to order,
        "after" to after,
    )

    /** A builder holding every value of this request: change what differs and build again. */
    public fun toBuilder(): Builder = Builder().also { b ->
        b.purpose = purpose
        b.limit = limit
        b.order = order
        b.after = after
    }

    /** Builds a [FileListRequest]; properties for the Kotlin DSL, fluent setters for Java. */
    public class Builder {
        /** See [FileListRequest.purpose]. */
        public var purpose: String? = null

        /** See [FileListRequest.limit]. */
        public var limit: Int? = null

        /** See [FileListRequest.order]. */
        public var order: String? = null

        /** See [FileListRequest.after]. */
        public var after: String? = null

        /** Sets [FileListRequest.purpose]. */
        public fun purpose(value: String): Builder = apply { purpose = value }

        /** Sets [FileListRequest.limit]. */
        public fun limit(value: Int): Builder = apply { limit = value }

        /** Sets [FileListRequest.order]. */
        public fun order(value: String): Builder = apply { order = value }

        /** Sets [FileListRequest.after]. */
        public fun after(value: String): Builder = apply { after = value }

        /** The request. */
        public fun build(): FileListRequest = FileListRequest(purpose, limit, order, after)
    }

    public companion object {
        /** Every file, the server's default page size and order. */
        @JvmField
        public val ALL: FileListRequest = FileListRequest()

        /** A Java-style builder. */
        @JvmStatic
        public fun builder(): Builder = Builder()
    }
}

/** Builds a [FileListRequest] with a Kotlin DSL: `fileListRequest { purpose = FilePurpose.BATCH; limit = 100 }`. */
public fun fileListRequest(block: FileListRequest.Builder.() -> Unit): FileListRequest =
    FileListRequest.Builder().apply(block).build()
