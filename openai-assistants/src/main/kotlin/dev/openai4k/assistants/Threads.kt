package dev.openai4k.assistants

import dev.openai4k.RequestOptions
import dev.openai4k.http.ApiPath

/**
 * Threads (`/threads`): conversations stored on the server, with their [messages] and [runs]. Reach it through
 * `openai.assistants.threads`; every call sends `OpenAI-Beta: assistants=v2`.
 */
public class Threads internal constructor(private val calls: BetaCalls) {

    /** The messages of threads. */
    public val messages: Messages = Messages(calls)

    /** The runs of threads. */
    public val runs: Runs = Runs(calls)

    /**
     * Creates a thread (`POST /threads`), optionally with initial messages.
     *
     * @throws dev.openai4k.OpenAIException on failure.
     */
    public suspend fun create(
        request: ThreadRequest = ThreadRequest.EMPTY,
        options: RequestOptions = RequestOptions.NONE,
    ): AssistantThread =
        calls.post(ROOT, ThreadRequest.serializer(), request, request.extraBody, AssistantThread.serializer(), options)

    /**
     * One thread (`GET /threads/{id}`).
     *
     * @throws dev.openai4k.NotFoundException if there is no such thread.
     * @throws dev.openai4k.OpenAIException on other failures.
     */
    public suspend fun retrieve(threadId: String, options: RequestOptions = RequestOptions.NONE): AssistantThread =
        calls.get(ROOT / threadId, AssistantThread.serializer(), options)

    /**
     * Changes a thread's tool resources and/or metadata (`POST /threads/{id}`) and returns it.
     *
     * @throws dev.openai4k.NotFoundException if there is no such thread.
     * @throws dev.openai4k.OpenAIException on other failures.
     */
    public suspend fun update(
        threadId: String,
        request: ThreadUpdateRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): AssistantThread = calls.post(
        ROOT / threadId, ThreadUpdateRequest.serializer(), request, request.extraBody, AssistantThread.serializer(), options,
    )

    /**
     * Deletes a thread (`DELETE /threads/{id}`).
     *
     * @throws dev.openai4k.NotFoundException if there is no such thread.
     * @throws dev.openai4k.OpenAIException on other failures.
     */
    public suspend fun delete(threadId: String, options: RequestOptions = RequestOptions.NONE): DeletionStatus =
        calls.delete(ROOT / threadId, options)

    override fun toString(): String = "Threads(${calls.client})"

    internal companion object {
        val ROOT: ApiPath = ApiPath.fixed("threads")
    }
}
