package dev.openai4k.facade

import dev.openai4k.RequestOptions
import dev.openai4k.assistants.AssistantThread
import dev.openai4k.assistants.DeletionStatus
import dev.openai4k.assistants.ThreadRequest
import dev.openai4k.assistants.ThreadUpdateRequest
import dev.openai4k.assistants.Threads
import java.util.concurrent.CompletableFuture

/** Threads of the Assistants API for Java (`openai.assistants().threads()`), with their [messages] and [runs]. */
public class AsyncThreads internal constructor(private val threads: Threads, private val runtime: AsyncRuntime) {
    private val messages = AsyncMessages(threads.messages, runtime)
    private val runs = AsyncRuns(threads.runs, runtime)

    /** The messages of threads. */
    public fun messages(): AsyncMessages = messages

    /** The runs of threads. */
    public fun runs(): AsyncRuns = runs

    /** Creates a thread, optionally with initial messages; see [Threads.create]. */
    @JvmOverloads
    public fun create(
        request: ThreadRequest = ThreadRequest.EMPTY,
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<AssistantThread> = runtime.future { threads.create(request, options) }

    /** One thread; see [Threads.retrieve]. */
    @JvmOverloads
    public fun retrieve(threadId: String, options: RequestOptions = RequestOptions.NONE): CompletableFuture<AssistantThread> =
        runtime.future { threads.retrieve(threadId, options) }

    /** Changes a thread's tool resources and/or metadata; see [Threads.update]. */
    @JvmOverloads
    public fun update(
        threadId: String,
        request: ThreadUpdateRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<AssistantThread> = runtime.future { threads.update(threadId, request, options) }

    /** Deletes a thread; see [Threads.delete]. */
    @JvmOverloads
    public fun delete(threadId: String, options: RequestOptions = RequestOptions.NONE): CompletableFuture<DeletionStatus> =
        runtime.future { threads.delete(threadId, options) }

    /** The Kotlin API underneath. */
    public fun kotlin(): Threads = threads
}
