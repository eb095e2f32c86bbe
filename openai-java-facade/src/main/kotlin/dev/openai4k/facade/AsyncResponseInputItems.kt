package dev.openai4k.facade

import dev.openai4k.CursorPage
import dev.openai4k.RequestOptions
import dev.openai4k.common.ListQuery
import dev.openai4k.responses.ResponseInputItems
import dev.openai4k.responses.ResponseItem
import java.util.concurrent.CompletableFuture

/**
 * The input items of stored responses for Java (`openai.responses().inputItems()`).
 *
 * ```java
 * CursorPage<ResponseItem> page = openai.responses().inputItems()
 *     .list(id, ListQuery.builder().limit(10).order(ListOrder.ASC).build()).join();
 * ```
 */
public class AsyncResponseInputItems internal constructor(
    private val inputItems: ResponseInputItems,
    private val runtime: AsyncRuntime,
) {
    /** One page of the input items of [responseId]; see [ResponseInputItems.list]. */
    @JvmOverloads
    public fun list(
        responseId: String,
        query: ListQuery = ListQuery.DEFAULT,
        include: List<String> = emptyList(),
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<CursorPage<ResponseItem>> = runtime.future { inputItems.list(responseId, query, include, options) }

    /** Every input item of [responseId], fetching pages as the stream is consumed; see [ResponseInputItems.listAll]. */
    @JvmOverloads
    public fun listAll(
        responseId: String,
        query: ListQuery = ListQuery.DEFAULT,
        include: List<String> = emptyList(),
        options: RequestOptions = RequestOptions.NONE,
    ): AsyncStream<ResponseItem> = runtime.stream { inputItems.listAll(responseId, query, include, options) }

    override fun toString(): String = "AsyncResponseInputItems"
}
