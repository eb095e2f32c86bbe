package dev.openai4k.responses

import dev.openai4k.CursorPage
import dev.openai4k.OpenAI
import dev.openai4k.OpenAIException
import dev.openai4k.RequestOptions
import dev.openai4k.autoPaging
import dev.openai4k.common.ListQuery
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import kotlinx.coroutines.flow.Flow

/**
 * The input items of stored responses (`GET /responses/{id}/input_items`), reached as `openai.responses.inputItems`.
 *
 * ```kotlin
 * val page = openai.responses.inputItems.list(response.id, listQuery { limit = 10; order = ListOrder.ASC })
 * openai.responses.inputItems.listAll(response.id).collect { println(it) }
 * ```
 */
public class ResponseInputItems internal constructor(private val client: OpenAI) {
    /**
     * One page of the input items of the stored response [responseId].
     *
     * @param query page size, order (server default `desc`) and cursor.
     * @param include extra fields to include (see [ResponseInclude]).
     * @throws OpenAIException for every failure ([dev.openai4k.NotFoundException] for an unknown or unstored id).
     */
    public suspend fun list(
        responseId: String,
        query: ListQuery = ListQuery.DEFAULT,
        include: List<String> = emptyList(),
        options: RequestOptions = RequestOptions.NONE,
    ): CursorPage<ResponseItem> = page(responseId, query, query.after, include, options)

    /**
     * Every input item of the stored response [responseId] as a cold flow that fetches pages of `query.limit`
     * items lazily, starting after `query.after`.
     *
     * @throws OpenAIException from the flow, as [list].
     */
    public fun listAll(
        responseId: String,
        query: ListQuery = ListQuery.DEFAULT,
        include: List<String> = emptyList(),
        options: RequestOptions = RequestOptions.NONE,
    ): Flow<ResponseItem> = autoPaging({ it.id ?: "" }) { cursor ->
        page(responseId, query, cursor ?: query.after, include, options)
    }

    private suspend fun page(
        responseId: String,
        query: ListQuery,
        after: String?,
        include: List<String>,
        options: RequestOptions,
    ): CursorPage<ResponseItem> = client.execute(
        ApiCall(
            ApiMethod.GET,
            ApiPath.fixed("responses") / responseId / "input_items",
            query = query.parameters(after).toList() + include.map { "include[]" to it },
            options = options,
        ),
        CursorPage.serializer(ResponseItemSerializer),
    )

    override fun toString(): String = "ResponseInputItems"
}
