package dev.openai4k.facade

import dev.openai4k.CursorPage
import dev.openai4k.OpenAI
import dev.openai4k.RequestOptions
import dev.openai4k.assistants.Assistant
import dev.openai4k.assistants.AssistantRequest
import dev.openai4k.assistants.AssistantUpdateRequest
import dev.openai4k.assistants.Assistants
import dev.openai4k.assistants.DeletionStatus
import dev.openai4k.common.ListQuery
import dev.openai4k.assistants.assistants
import java.util.concurrent.CompletableFuture

/**
 * The Assistants API (v2 beta) for Java (`openai.assistants()`): assistants here, threads with their messages and
 * runs under [threads]. OpenAI has deprecated this API in favour of Responses; see the Kotlin [Assistants] for which
 * servers still serve it. Futures fail with the `OpenAIException`s it documents.
 */
public class AsyncAssistants internal constructor(client: OpenAI, private val runtime: AsyncRuntime) {
    private val assistants: Assistants = client.assistants
    private val threads = AsyncThreads(assistants.threads, runtime)

    /** Threads, and through them messages and runs. */
    public fun threads(): AsyncThreads = threads

    /** Creates an assistant; see [Assistants.create]. */
    @JvmOverloads
    public fun create(request: AssistantRequest, options: RequestOptions = RequestOptions.NONE): CompletableFuture<Assistant> =
        runtime.future { assistants.create(request, options) }

    /** One page of assistants; see [Assistants.list]. */
    @JvmOverloads
    public fun list(
        request: ListQuery = ListQuery.DEFAULT,
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<CursorPage<Assistant>> = runtime.future { assistants.list(request, options) }

    /** Every assistant, fetching pages as the stream is consumed; see [Assistants.listAll]. */
    @JvmOverloads
    public fun listAll(request: ListQuery = ListQuery.DEFAULT, options: RequestOptions = RequestOptions.NONE): AsyncStream<Assistant> =
        runtime.stream { assistants.listAll(request, options) }

    /** One assistant; see [Assistants.retrieve]. */
    @JvmOverloads
    public fun retrieve(assistantId: String, options: RequestOptions = RequestOptions.NONE): CompletableFuture<Assistant> =
        runtime.future { assistants.retrieve(assistantId, options) }

    /** Changes the fields [request] sets; see [Assistants.update]. */
    @JvmOverloads
    public fun update(
        assistantId: String,
        request: AssistantUpdateRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<Assistant> = runtime.future { assistants.update(assistantId, request, options) }

    /** Deletes an assistant; see [Assistants.delete]. */
    @JvmOverloads
    public fun delete(assistantId: String, options: RequestOptions = RequestOptions.NONE): CompletableFuture<DeletionStatus> =
        runtime.future { assistants.delete(assistantId, options) }

    /** The Kotlin API underneath. */
    public fun kotlin(): Assistants = assistants
}
