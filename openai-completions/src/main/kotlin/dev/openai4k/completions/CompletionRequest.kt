package dev.openai4k.completions

import dev.openai4k.common.Stop
import dev.openai4k.common.StreamOptions
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.Transient
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonPrimitive

/**
 * A request to the legacy `POST /completions`. Only the fields that are set are sent; `stream` is added by
 * [Completions.stream] and never set here.
 */
@Serializable
public data class CompletionRequest(
    /** The model id, e.g. `gpt-3.5-turbo-instruct` or a local model. */
    val model: String,
    /** The prompt(s). */
    val prompt: CompletionPrompt,
    /** Text that comes after the completion (insert mode). */
    val suffix: String? = null,
    /** The most tokens to generate. */
    @SerialName("max_tokens") val maxTokens: Int? = null,
    /** Sampling temperature, 0 to 2. */
    val temperature: Double? = null,
    /** Nucleus sampling mass. */
    @SerialName("top_p") val topP: Double? = null,
    /** How many completions per prompt. */
    val n: Int? = null,
    /** Options of a stream; ignored by [Completions.create], which does not stream. */
    @SerialName("stream_options") val streamOptions: StreamOptions? = null,
    /** Return the log probabilities of this many most likely tokens at each position (0 to 5). */
    val logprobs: Int? = null,
    /** Echo the prompt before the completion. */
    val echo: Boolean? = null,
    /** Where to stop. */
    val stop: Stop? = null,
    /** Penalty for tokens already present, -2 to 2. */
    @SerialName("presence_penalty") val presencePenalty: Double? = null,
    /** Penalty proportional to how often tokens appeared, -2 to 2. */
    @SerialName("frequency_penalty") val frequencyPenalty: Double? = null,
    /** Generate this many server-side and return the [n] best. */
    @SerialName("best_of") val bestOf: Int? = null,
    /** Token id (as text) to a bias from -100 to 100. */
    @SerialName("logit_bias") val logitBias: Map<String, Int>? = null,
    /** An end-user id for abuse monitoring. */
    val user: String? = null,
    /** A seed for best-effort deterministic sampling. */
    val seed: Long? = null,
    /** Provider-specific fields merged into the JSON body (vLLM `top_k`, ...); they replace modelled keys. */
    @Transient val extraBody: Map<String, JsonElement> = emptyMap(),
) {
    /** A builder holding every value of this request ([extraBody] included): change what differs and build again. */
    public fun toBuilder(): Builder = Builder(model).also { b ->
        b.prompt = prompt
        b.suffix = suffix
        b.maxTokens = maxTokens
        b.temperature = temperature
        b.topP = topP
        b.n = n
        b.streamOptions = streamOptions
        b.logprobs = logprobs
        b.echo = echo
        b.stop = stop
        b.presencePenalty = presencePenalty
        b.frequencyPenalty = frequencyPenalty
        b.bestOf = bestOf
        b.logitBias = logitBias
        b.user = user
        b.seed = seed
        b.extraBody.putAll(extraBody)
    }

    /** Builds a [CompletionRequest]: properties for the Kotlin DSL, fluent setters for Java. */
    public class Builder(
        /** See [CompletionRequest.model]. */
        public var model: String,
    ) {
        /** See [CompletionRequest.prompt]; required. */
        public var prompt: CompletionPrompt? = null

        /** See [CompletionRequest.suffix]. */
        public var suffix: String? = null

        /** See [CompletionRequest.maxTokens]. */
        public var maxTokens: Int? = null

        /** See [CompletionRequest.temperature]. */
        public var temperature: Double? = null

        /** See [CompletionRequest.topP]. */
        public var topP: Double? = null

        /** See [CompletionRequest.n]. */
        public var n: Int? = null

        /** See [CompletionRequest.streamOptions]. */
        public var streamOptions: StreamOptions? = null

        /** See [CompletionRequest.logprobs]. */
        public var logprobs: Int? = null

        /** See [CompletionRequest.echo]. */
        public var echo: Boolean? = null

        /** See [CompletionRequest.stop]. */
        public var stop: Stop? = null

        /** See [CompletionRequest.presencePenalty]. */
        public var presencePenalty: Double? = null

        /** See [CompletionRequest.frequencyPenalty]. */
        public var frequencyPenalty: Double? = null

        /** See [CompletionRequest.bestOf]. */
        public var bestOf: Int? = null

        /** See [CompletionRequest.logitBias]. */
        public var logitBias: Map<String, Int>? = null

        /** See [CompletionRequest.user]. */
        public var user: String? = null

        /** See [CompletionRequest.seed]. */
        public var seed: Long? = null

        /** See [CompletionRequest.extraBody]. */
        public val extraBody: MutableMap<String, JsonElement> = linkedMapOf()

        /** Sets the model. */
        public fun model(value: String): Builder = apply { model = value }

        /** Sets the prompt. */
        public fun prompt(value: CompletionPrompt): Builder = apply { prompt = value }

        /** One text prompt. */
        public fun prompt(text: String): Builder = apply { prompt = CompletionPrompt.of(text) }

        /** Several text prompts. */
        public fun prompts(texts: List<String>): Builder = apply { prompt = CompletionPrompt.ofTexts(texts) }

        /** One token-array prompt. */
        public fun tokens(tokens: List<Int>): Builder = apply { prompt = CompletionPrompt.ofTokens(tokens) }

        /** Several token-array prompts. */
        public fun tokenBatches(batches: List<List<Int>>): Builder = apply { prompt = CompletionPrompt.ofTokenBatches(batches) }

        /** Sets the suffix. */
        public fun suffix(value: String): Builder = apply { suffix = value }

        /** Sets the token limit. */
        public fun maxTokens(value: Int): Builder = apply { maxTokens = value }

        /** Sets the temperature. */
        public fun temperature(value: Double): Builder = apply { temperature = value }

        /** Sets top-p. */
        public fun topP(value: Double): Builder = apply { topP = value }

        /** Sets how many completions per prompt. */
        public fun n(value: Int): Builder = apply { n = value }

        /** Sets the stream options. */
        public fun streamOptions(value: StreamOptions): Builder = apply { streamOptions = value }

        /** Asks a stream to end with a usage chunk (`stream_options.include_usage`). */
        public fun includeUsage(value: Boolean): Builder = apply { streamOptions = StreamOptions(includeUsage = value) }

        /** Sets how many top log probabilities to return. */
        public fun logprobs(value: Int): Builder = apply { logprobs = value }

        /** Echo the prompt. */
        public fun echo(value: Boolean): Builder = apply { echo = value }

        /** One stop sequence. */
        public fun stop(sequence: String): Builder = apply { stop = Stop.of(sequence) }

        /** Several stop sequences. */
        public fun stop(sequences: List<String>): Builder = apply { stop = Stop.of(sequences) }

        /** Sets the presence penalty. */
        public fun presencePenalty(value: Double): Builder = apply { presencePenalty = value }

        /** Sets the frequency penalty. */
        public fun frequencyPenalty(value: Double): Builder = apply { frequencyPenalty = value }

        /** Sets best-of. */
        public fun bestOf(value: Int): Builder = apply { bestOf = value }

        /** Replaces the logit bias map. */
        public fun logitBias(value: Map<String, Int>): Builder = apply { logitBias = value.toMap() }

        /** Biases one token id. */
        public fun logitBias(tokenId: Int, bias: Int): Builder =
            apply { logitBias = (logitBias ?: emptyMap()) + (tokenId.toString() to bias) }

        /** Sets the end-user id sent as `user`. */
        public fun endUser(value: String): Builder = apply { user = value }

        /** Sets the seed. */
        public fun seed(value: Long): Builder = apply { seed = value }

        /** Adds a provider-specific field to the body. */
        public fun extraBody(name: String, value: JsonElement): Builder = apply { extraBody[name] = value }

        /** Adds a provider-specific text field to the body. */
        public fun extraBody(name: String, value: String): Builder = extraBody(name, JsonPrimitive(value))

        /** Adds a provider-specific number field to the body. */
        public fun extraBody(name: String, value: Number): Builder = extraBody(name, JsonPrimitive(value))

        /** Adds a provider-specific boolean field to the body. */
        public fun extraBody(name: String, value: Boolean): Builder = extraBody(name, JsonPrimitive(value))

        /**
         * The request.
         *
         * @throws IllegalStateException if no prompt was set.
         */
        public fun build(): CompletionRequest = CompletionRequest(
            model = model,
            prompt = checkNotNull(prompt) { "A completion request needs a prompt" },
            suffix = suffix,
            maxTokens = maxTokens,
            temperature = temperature,
            topP = topP,
            n = n,
            streamOptions = streamOptions,
            logprobs = logprobs,
            echo = echo,
            stop = stop,
            presencePenalty = presencePenalty,
            frequencyPenalty = frequencyPenalty,
            bestOf = bestOf,
            logitBias = logitBias,
            user = user,
            seed = seed,
            extraBody = extraBody.toMap(),
        )
    }

    public companion object {
        /** A builder for Java callers. */
        @JvmStatic
        public fun builder(model: String): Builder = Builder(model)
    }
}

/** Builds a [CompletionRequest] with a Kotlin DSL: `completionRequest("gpt-3.5-turbo-instruct") { prompt("Say hi") }`. */
public fun completionRequest(model: String, block: CompletionRequest.Builder.() -> Unit): CompletionRequest =
    CompletionRequest.Builder(model).apply(block).build()
