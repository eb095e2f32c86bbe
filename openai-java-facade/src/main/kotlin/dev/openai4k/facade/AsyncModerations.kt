package dev.openai4k.facade

import dev.openai4k.OpenAI
import dev.openai4k.RequestOptions
import dev.openai4k.moderations.ModerationRequest
import dev.openai4k.moderations.ModerationResponse
import dev.openai4k.moderations.Moderations
import dev.openai4k.moderations.moderations
import java.util.concurrent.CompletableFuture

/** The moderations API for Java (`openai.moderations()`). Futures fail with the `OpenAIException`s of [Moderations]. */
public class AsyncModerations internal constructor(client: OpenAI, private val runtime: AsyncRuntime) {
    private val moderations: Moderations = client.moderations

    /** Classifies [request]'s input; see [Moderations.create]. */
    @JvmOverloads
    public fun create(request: ModerationRequest, options: RequestOptions = RequestOptions.NONE): CompletableFuture<ModerationResponse> =
        runtime.future { moderations.create(request, options) }

    /** Classifies one [text] with the server's default model. */
    @JvmOverloads
    public fun create(text: String, options: RequestOptions = RequestOptions.NONE): CompletableFuture<ModerationResponse> =
        runtime.future { moderations.create(text, options) }

    /** The Kotlin API underneath. */
    public fun kotlin(): Moderations = moderations
}
