package dev.openai4k

import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/**
 * One page of a cursor-paged list (`{"object":"list","data":[...],"has_more":true,"first_id":..,"last_id":..}`).
 * Servers that do not page send only `data`; that decodes as a single last page.
 */
@Serializable
public data class CursorPage<T>(
    val data: List<T> = emptyList(),
    @SerialName("has_more") val hasMore: Boolean = false,
    @SerialName("first_id") val firstId: String? = null,
    @SerialName("last_id") val lastId: String? = null,
)

/**
 * Every item of a cursor-paged list as one cold flow, fetching pages lazily: [fetch] is called with `null` for
 * the first page and then with the cursor after the last item seen ([CursorPage.lastId], else [idOf] of the
 * last item), until a page says `has_more: false` or comes back empty.
 */
public fun <T> autoPaging(idOf: (T) -> String, fetch: suspend (after: String?) -> CursorPage<T>): Flow<T> = flow {
    var after: String? = null
    while (true) {
        val page = fetch(after)
        for (item in page.data) emit(item)
        if (!page.hasMore || page.data.isEmpty()) break
        val next = page.lastId ?: idOf(page.data.last())
        if (next == after) break
        after = next
    }
}
