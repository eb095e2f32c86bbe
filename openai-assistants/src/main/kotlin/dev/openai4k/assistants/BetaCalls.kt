package dev.openai4k.assistants

import dev.openai4k.CursorPage
import dev.openai4k.OpenAI
import dev.openai4k.RequestOptions
import dev.openai4k.encodeRequestBody
import dev.openai4k.http.ApiBody
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import kotlinx.serialization.KSerializer
import kotlinx.serialization.json.JsonElement

/** The header every Assistants v2 call carries. */
internal const val BETA_HEADER: String = "OpenAI-Beta"

/** Its value. */
internal const val BETA_VALUE: String = "assistants=v2"

private val BETA = mapOf(BETA_HEADER to BETA_VALUE)

/** The client's calls with the Assistants beta header added (a caller's own `OpenAI-Beta` header still wins). */
internal class BetaCalls(val client: OpenAI) {
    suspend fun <B, T> post(
        path: ApiPath,
        bodySerializer: KSerializer<B>,
        body: B,
        extra: Map<String, JsonElement>,
        response: KSerializer<T>,
        options: RequestOptions,
    ): T = client.execute(
        ApiCall(ApiMethod.POST, path, ApiBody.Json(encodeRequestBody(bodySerializer, body, extra)), headers = BETA, options = options),
        response,
    )

    suspend fun <T> get(path: ApiPath, response: KSerializer<T>, options: RequestOptions, query: List<Pair<String, String?>> = emptyList()): T =
        client.execute(ApiCall(ApiMethod.GET, path, query = query, headers = BETA, options = options), response)

    suspend fun <T> postEmpty(path: ApiPath, response: KSerializer<T>, options: RequestOptions): T =
        client.execute(ApiCall(ApiMethod.POST, path, headers = BETA, options = options), response)

    suspend fun delete(path: ApiPath, options: RequestOptions): DeletionStatus =
        client.execute(ApiCall(ApiMethod.DELETE, path, headers = BETA, options = options), DeletionStatus.serializer())

    suspend fun <T> page(path: ApiPath, item: KSerializer<T>, options: RequestOptions, query: List<Pair<String, String?>>): CursorPage<T> =
        get(path, CursorPage.serializer(item), options, query)
}
