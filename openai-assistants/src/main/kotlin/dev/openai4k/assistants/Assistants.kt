package dev.openai4k.assistants

import dev.openai4k.common.ListQuery
import dev.openai4k.CursorPage
import dev.openai4k.OpenAI
import dev.openai4k.RequestOptions
import dev.openai4k.autoPaging
import dev.openai4k.http.ApiPath
import kotlinx.coroutines.flow.Flow

/**
 * The Assistants API, v2 beta (`/assistants`, `/threads`): assistants here, and threads, their messages and runs
 * under [threads] (`openai.assistants.threads.runs.createAndPoll(...)`). Reach it through [OpenAI.assistants].
 * Every call sends `OpenAI-Beta: assistants=v2`.
 *
 * **Deprecated by OpenAI.** OpenAI deprecated the Assistants API in favour of the Responses API (assistants become
 * prompts, threads become conversations, runs become responses) and its migration guide gives 26 August 2026 as
 * the day it was shut down on api.openai.com, so new code should use the Responses API. This module remains for
 * servers that still speak the v2 wire format: Azure OpenAI's assistants preview (the client's Azure mode sends
 * these calls to `{endpoint}/openai/assistants?api-version=...`, which needs an api-version that has assistants;
 * Microsoft steers new work to its Foundry Agent Service), self-hosted servers that implement part of it (LocalAI
 * serves assistants, for instance), and code that must keep talking to existing deployments. Which endpoints a
 * given server implements varies: an endpoint it lacks answers with [dev.openai4k.NotFoundException].
 *
 * Every call throws [dev.openai4k.OpenAIException] on failure: a status subclass for error answers,
 * [dev.openai4k.OpenAIConnectionException] for the network, [dev.openai4k.OpenAIDecodeException] for an answer that
 * does not decode.
 */
public class Assistants internal constructor(client: OpenAI) {
    private val calls = BetaCalls(client)

    /** Threads, and through them messages and runs. */
    public val threads: Threads = Threads(calls)

    /**
     * Creates an assistant (`POST /assistants`).
     *
     * @throws dev.openai4k.OpenAIException on failure.
     */
    public suspend fun create(request: AssistantRequest, options: RequestOptions = RequestOptions.NONE): Assistant =
        calls.post(ROOT, AssistantRequest.serializer(), request, request.extraBody, Assistant.serializer(), options)

    /**
     * One page of assistants (`GET /assistants`).
     *
     * @throws dev.openai4k.OpenAIException on failure.
     */
    public suspend fun list(
        request: ListQuery = ListQuery.DEFAULT,
        options: RequestOptions = RequestOptions.NONE,
    ): CursorPage<Assistant> = calls.page(ROOT, Assistant.serializer(), options, request.parameters().toList())

    /**
     * Every assistant, as a cold flow fetching pages lazily (from [ListQuery.after]) until there are no more.
     *
     * @throws dev.openai4k.OpenAIException from the collector on failure.
     */
    public fun listAll(
        request: ListQuery = ListQuery.DEFAULT,
        options: RequestOptions = RequestOptions.NONE,
    ): Flow<Assistant> = autoPaging(Assistant::id) { cursor ->
        calls.page(ROOT, Assistant.serializer(), options, request.parameters(cursor ?: request.after).toList())
    }

    /**
     * One assistant (`GET /assistants/{id}`).
     *
     * @throws dev.openai4k.NotFoundException if there is no such assistant.
     * @throws dev.openai4k.OpenAIException on other failures.
     */
    public suspend fun retrieve(assistantId: String, options: RequestOptions = RequestOptions.NONE): Assistant =
        calls.get(ROOT / assistantId, Assistant.serializer(), options)

    /**
     * Changes the fields of an assistant that [request] sets (`POST /assistants/{id}`) and returns it.
     *
     * @throws dev.openai4k.NotFoundException if there is no such assistant.
     * @throws dev.openai4k.OpenAIException on other failures.
     */
    public suspend fun update(
        assistantId: String,
        request: AssistantUpdateRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): Assistant = calls.post(
        ROOT / assistantId, AssistantUpdateRequest.serializer(), request, request.extraBody, Assistant.serializer(), options,
    )

    /**
     * Deletes an assistant (`DELETE /assistants/{id}`).
     *
     * @throws dev.openai4k.NotFoundException if there is no such assistant.
     * @throws dev.openai4k.OpenAIException on other failures.
     */
    public suspend fun delete(assistantId: String, options: RequestOptions = RequestOptions.NONE): DeletionStatus =
        calls.delete(ROOT / assistantId, options)

    override fun toString(): String = "Assistants(${calls.client})"

    private companion object {
        val ROOT: ApiPath = ApiPath.fixed("assistants")
    }
}

/**
 * The Assistants API (v2 beta) of this client: `openai.assistants` for assistants, `openai.assistants.threads`
 * for threads, `.threads.messages` and `.threads.runs` for their messages and runs. See [Assistants] for which
 * servers still serve it.
 */
public val OpenAI.assistants: Assistants get() = Assistants(this)
