package dev.openai4k.facade

import dev.openai4k.OpenAI
import dev.openai4k.RequestOptions
import dev.openai4k.models.Model
import dev.openai4k.models.ModelDeleted
import dev.openai4k.models.Models
import dev.openai4k.models.models
import java.util.concurrent.CompletableFuture

/** The models API for Java (`openai.models()`). Futures fail with the `OpenAIException`s the Kotlin [Models] documents. */
public class AsyncModels internal constructor(client: OpenAI, private val runtime: AsyncRuntime) {
    private val models: Models = client.models

    /** Every model the server offers; see [Models.list]. */
    @JvmOverloads
    public fun list(options: RequestOptions = RequestOptions.NONE): CompletableFuture<List<Model>> =
        runtime.future { models.list(options) }

    /** One model by [id] (fails with `NotFoundException` when unknown); see [Models.retrieve]. */
    @JvmOverloads
    public fun retrieve(id: String, options: RequestOptions = RequestOptions.NONE): CompletableFuture<Model> =
        runtime.future { models.retrieve(id, options) }

    /** Deletes the model [id]; see [Models.delete]. */
    @JvmOverloads
    public fun delete(id: String, options: RequestOptions = RequestOptions.NONE): CompletableFuture<ModelDeleted> =
        runtime.future { models.delete(id, options) }

    /** The Kotlin API underneath. */
    public fun kotlin(): Models = models
}
