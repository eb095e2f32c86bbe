package dev.openai4k.facade

import dev.openai4k.CursorPage
import dev.openai4k.RequestOptions
import dev.openai4k.assistants.DeletionStatus
import dev.openai4k.common.ListQuery
import dev.openai4k.assistants.MessageRequest
import dev.openai4k.assistants.Messages
import dev.openai4k.assistants.ThreadMessage
import java.util.concurrent.CompletableFuture

/** The messages of threads for Java (`openai.assistants().threads().messages()`); see the Kotlin [Messages]. */
public class AsyncMessages internal constructor(private val messages: Messages, private val runtime: AsyncRuntime) {

    /** Adds a message to a thread; see [Messages.create]. */
    @JvmOverloads
    public fun create(
        threadId: String,
        request: MessageRequest,
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<ThreadMessage> = runtime.future { messages.create(threadId, request, options) }

    /** One page of a thread's messages, only those [runId] wrote when it is not null; see [Messages.list]. */
    @JvmOverloads
    public fun list(
        threadId: String,
        request: ListQuery = ListQuery.DEFAULT,
        runId: String? = null,
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<CursorPage<ThreadMessage>> = runtime.future { messages.list(threadId, request, runId, options) }

    /** Every message of a thread, fetching pages as the stream is consumed; see [Messages.listAll]. */
    @JvmOverloads
    public fun listAll(
        threadId: String,
        request: ListQuery = ListQuery.DEFAULT,
        runId: String? = null,
        options: RequestOptions = RequestOptions.NONE,
    ): AsyncStream<ThreadMessage> = runtime.stream { messages.listAll(threadId, request, runId, options) }

    /** One message; see [Messages.retrieve]. */
    @JvmOverloads
    public fun retrieve(threadId: String, messageId: String, options: RequestOptions = RequestOptions.NONE): CompletableFuture<ThreadMessage> =
        runtime.future { messages.retrieve(threadId, messageId, options) }

    /** Deletes a message; see [Messages.delete]. */
    @JvmOverloads
    public fun delete(threadId: String, messageId: String, options: RequestOptions = RequestOptions.NONE): CompletableFuture<DeletionStatus> =
        runtime.future { messages.delete(threadId, messageId, options) }

    /** The Kotlin API underneath. */
    public fun kotlin(): Messages = messages
}
