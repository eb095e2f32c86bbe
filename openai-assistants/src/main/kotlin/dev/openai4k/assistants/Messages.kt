package dev.openai4k.assistants

import dev.openai4k.common.ListQuery
import dev.openai4k.CursorPage
import dev.openai4k.RequestOptions
import dev.openai4k.autoPaging
import dev.openai4k.http.ApiPath
import kotlinx.coroutines.flow.Flow

/**
 * The messages of threads (`/threads/{id}/messages`). Reach it through `openai.assistants.threads.messages`;
 * every call sends `OpenAI-Beta: assistants=v2`.
 */
public class Messages internal constructor(private val calls: BetaCalls) {

    /**
     * Adds a message to a thread (`POST /threads/{id}/messages`).
     *
     * @throws dev.openai4k.NotFoundException if there is no such thread.
     * @throws dev.openai4k.OpenAIException on other failures.
     */
    public suspend fun create(
        threadId: String,
        request: MessageRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): ThreadMessage = calls.post(
        root(threadId), MessageRequest.serializer(), request, request.extraBody, ThreadMessage.serializer(), options,
    )

    /**
     * One page of a thread's messages (`GET /threads/{id}/messages`), newest first unless [request] says otherwise;
     * [runId], if given, keeps only the messages that run wrote.
     *
     * @throws dev.openai4k.OpenAIException on failure.
     */
    public suspend fun list(
        threadId: String,
        request: ListQuery = ListQuery.DEFAULT,
        runId: String? = null,
        options: RequestOptions = RequestOptions.NONE,
    ): CursorPage<ThreadMessage> = calls.page(root(threadId), ThreadMessage.serializer(), options, request.parameters().toList() + ("run_id" to runId))

    /**
     * Every message of a thread, as a cold flow fetching pages lazily until there are no more.
     *
     * @throws dev.openai4k.OpenAIException from the collector on failure.
     */
    public fun listAll(
        threadId: String,
        request: ListQuery = ListQuery.DEFAULT,
        runId: String? = null,
        options: RequestOptions = RequestOptions.NONE,
    ): Flow<ThreadMessage> = autoPaging(ThreadMessage::id) { cursor ->
        calls.page(root(threadId), ThreadMessage.serializer(), options, request.parameters(cursor ?: request.after).toList() + ("run_id" to runId))
    }

    /**
     * One message (`GET /threads/{id}/messages/{message}`).
     *
     * @throws dev.openai4k.NotFoundException if there is no such message.
     * @throws dev.openai4k.OpenAIException on other failures.
     */
    public suspend fun retrieve(threadId: String, messageId: String, options: RequestOptions = RequestOptions.NONE): ThreadMessage =
        calls.get(root(threadId) / messageId, ThreadMessage.serializer(), options)

    /**
     * Deletes a message (`DELETE /threads/{id}/messages/{message}`).
     *
     * @throws dev.openai4k.NotFoundException if there is no such message.
     * @throws dev.openai4k.OpenAIException on other failures.
     */
    public suspend fun delete(threadId: String, messageId: String, options: RequestOptions = RequestOptions.NONE): DeletionStatus =
        calls.delete(root(threadId) / messageId, options)

    private fun root(threadId: String): ApiPath = Threads.ROOT / threadId / "messages"

    override fun toString(): String = "Messages(${calls.client})"
}
