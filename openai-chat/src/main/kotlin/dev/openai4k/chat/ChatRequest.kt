package dev.openai4k.chat

import dev.openai4k.tools.Tool
import dev.openai4k.common.Stop
import dev.openai4k.common.StreamOptions
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.Transient
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * A chat completion request: every field of the Chat Completions API, each sent under its OpenAI name only when
 * set. [extraBody] is merged into the JSON body for provider-specific fields (`top_k`, `repetition_penalty`).
 *
 * Build with [chatRequest] in Kotlin or [ChatRequest.builder] in Java. `stream` is not a field: [Chat.stream]
 * adds it.
 */
@Serializable
public data class ChatRequest(
    /** The model id. */
    val model: String,
    /** The conversation so far. */
    val messages: List<ChatMessage>,
    /** Sampling temperature, 0 to 2. */
    val temperature: Double? = null,
    /** Nucleus sampling mass, 0 to 1. */
    @SerialName("top_p") val topP: Double? = null,
    /** How many choices to generate. */
    val n: Int? = null,
    /** Where to stop generating. */
    val stop: Stop? = null,
    /** The most tokens to generate (older name; still the one most compatible servers read). */
    @SerialName("max_tokens") val maxTokens: Int? = null,
    /** The most tokens to generate, reasoning included (required by reasoning models). */
    @SerialName("max_completion_tokens") val maxCompletionTokens: Int? = null,
    /** Penalises tokens by how often they appeared, -2 to 2. */
    @SerialName("frequency_penalty") val frequencyPenalty: Double? = null,
    /** Penalises tokens that appeared at all, -2 to 2. */
    @SerialName("presence_penalty") val presencePenalty: Double? = null,
    /** Token id (as text) to bias, -100 to 100. */
    @SerialName("logit_bias") val logitBias: Map<String, Int>? = null,
    /** Whether to return log probabilities of the output tokens. */
    val logprobs: Boolean? = null,
    /** How many most likely alternatives to return per token, 0 to 20 (needs [logprobs]). */
    @SerialName("top_logprobs") val topLogprobs: Int? = null,
    /** A seed for best-effort deterministic sampling. */
    val seed: Long? = null,
    /** An end-user id (superseded by [safetyIdentifier] and [promptCacheKey]). */
    val user: String? = null,
    /** A stable, hashed id of the end user, for abuse detection. */
    @SerialName("safety_identifier") val safetyIdentifier: String? = null,
    /** A key that groups similar requests for better prompt-cache hits. */
    @SerialName("prompt_cache_key") val promptCacheKey: String? = null,
    /** The answer's format: text, JSON mode or a JSON schema. */
    @SerialName("response_format") val responseFormat: ResponseFormat? = null,
    /** Tools the model may call. */
    val tools: List<ChatTool>? = null,
    /** Which tool the model may or must call. */
    @SerialName("tool_choice") val toolChoice: ToolChoice? = null,
    /** Whether the model may call several tools at once. */
    @SerialName("parallel_tool_calls") val parallelToolCalls: Boolean? = null,
    /** Reasoning effort of reasoning models; see [ReasoningEffort]. */
    @SerialName("reasoning_effort") val reasoningEffort: String? = null,
    /** How verbose the answer is: `low`, `medium` or `high`. */
    val verbosity: String? = null,
    /** The processing tier; see [ServiceTier]. */
    @SerialName("service_tier") val serviceTier: String? = null,
    /** Whether to store the completion for distillation and evals. */
    val store: Boolean? = null,
    /** Up to 16 key-value pairs stored with the completion. */
    val metadata: Map<String, String>? = null,
    /** Output modalities: `["text"]` or `["text","audio"]`. */
    val modalities: List<String>? = null,
    /** Audio output settings, for the audio modality. */
    val audio: AudioOutput? = null,
    /** Content the answer is expected to mostly repeat. */
    val prediction: Prediction? = null,
    /** Web search options of search models. */
    @SerialName("web_search_options") val webSearchOptions: WebSearchOptions? = null,
    /** Options of a streamed answer (`include_usage`). */
    @SerialName("stream_options") val streamOptions: StreamOptions? = null,
    /** Provider-specific fields merged into the body; a key here replaces a modelled key of the same name. */
    @Transient val extraBody: Map<String, JsonElement> = emptyMap(),
) {
    /** A builder initialised with this request's values. */
    public fun toBuilder(): Builder = Builder(model).also { b ->
        b.messages += messages
        b.temperature = temperature
        b.topP = topP
        b.n = n
        b.stop = stop
        b.maxTokens = maxTokens
        b.maxCompletionTokens = maxCompletionTokens
        b.frequencyPenalty = frequencyPenalty
        b.presencePenalty = presencePenalty
        b.logitBias = logitBias
        b.logprobs = logprobs
        b.topLogprobs = topLogprobs
        b.seed = seed
        b.user = user
        b.safetyIdentifier = safetyIdentifier
        b.promptCacheKey = promptCacheKey
        b.responseFormat = responseFormat
        tools?.let { b.tools += it }
        b.toolChoice = toolChoice
        b.parallelToolCalls = parallelToolCalls
        b.reasoningEffort = reasoningEffort
        b.verbosity = verbosity
        b.serviceTier = serviceTier
        b.store = store
        b.metadata = metadata
        b.modalities = modalities
        b.audio = audio
        b.prediction = prediction
        b.webSearchOptions = webSearchOptions
        b.streamOptions = streamOptions
        b.extraBody.putAll(extraBody)
    }

    /**
     * Builds a [ChatRequest]: properties for the Kotlin DSL (`temperature = 0.5`), fluent setters for Java
     * (`.temperature(0.5)`). Messages are added in call order.
     */
    public class Builder(
        /** The model id. */
        public var model: String,
    ) {
        /** The messages added so far. */
        public val messages: MutableList<ChatMessage> = mutableListOf()

        /** See [ChatRequest.temperature]. */
        public var temperature: Double? = null

        /** See [ChatRequest.topP]. */
        public var topP: Double? = null

        /** See [ChatRequest.n]. */
        public var n: Int? = null

        /** See [ChatRequest.stop]. */
        public var stop: Stop? = null

        /** See [ChatRequest.maxTokens]. */
        public var maxTokens: Int? = null

        /** See [ChatRequest.maxCompletionTokens]. */
        public var maxCompletionTokens: Int? = null

        /** See [ChatRequest.frequencyPenalty]. */
        public var frequencyPenalty: Double? = null

        /** See [ChatRequest.presencePenalty]. */
        public var presencePenalty: Double? = null

        /** See [ChatRequest.logitBias]. */
        public var logitBias: Map<String, Int>? = null

        /** See [ChatRequest.logprobs]. */
        public var logprobs: Boolean? = null

        /** See [ChatRequest.topLogprobs]. */
        public var topLogprobs: Int? = null

        /** See [ChatRequest.seed]. */
        public var seed: Long? = null

        /** See [ChatRequest.user]. */
        public var user: String? = null

        /** See [ChatRequest.safetyIdentifier]. */
        public var safetyIdentifier: String? = null

        /** See [ChatRequest.promptCacheKey]. */
        public var promptCacheKey: String? = null

        /** See [ChatRequest.responseFormat]. */
        public var responseFormat: ResponseFormat? = null

        /** The tools added so far. */
        public val tools: MutableList<ChatTool> = mutableListOf()

        /** See [ChatRequest.toolChoice]. */
        public var toolChoice: ToolChoice? = null

        /** See [ChatRequest.parallelToolCalls]. */
        public var parallelToolCalls: Boolean? = null

        /** See [ChatRequest.reasoningEffort]. */
        public var reasoningEffort: String? = null

        /** See [ChatRequest.verbosity]. */
        public var verbosity: String? = null

        /** See [ChatRequest.serviceTier]. */
        public var serviceTier: String? = null

        /** See [ChatRequest.store]. */
        public var store: Boolean? = null

        /** See [ChatRequest.metadata]. */
        public var metadata: Map<String, String>? = null

        /** See [ChatRequest.modalities]. */
        public var modalities: List<String>? = null

        /** See [ChatRequest.audio]. */
        public var audio: AudioOutput? = null

        /** See [ChatRequest.prediction]. */
        public var prediction: Prediction? = null

        /** See [ChatRequest.webSearchOptions]. */
        public var webSearchOptions: WebSearchOptions? = null

        /** See [ChatRequest.streamOptions]. */
        public var streamOptions: StreamOptions? = null

        /** Provider-specific fields merged into the body. */
        public val extraBody: MutableMap<String, JsonElement> = linkedMapOf()

        /** Sets the model. */
        public fun model(value: String): Builder = apply { model = value }

        /** Adds a system message. */
        public fun system(text: String): Builder = message(ChatMessage.system(text))

        /** Adds a developer message. */
        public fun developer(text: String): Builder = message(ChatMessage.developer(text))

        /** Adds a user message of text. */
        public fun user(text: String): Builder = message(ChatMessage.user(text))

        /** Adds a user message of parts (`ContentPart.text(...)`, `ContentPart.imageUrl(...)`, ...). */
        public fun user(vararg parts: ContentPart): Builder = message(ChatMessage.user(parts.toList()))

        /** Adds a user message of parts. */
        public fun user(parts: List<ContentPart>): Builder = message(ChatMessage.user(parts))

        /** Adds an assistant message of text. */
        public fun assistant(text: String): Builder = message(ChatMessage.assistant(text))

        /** Adds a tool result answering [toolCallId]. */
        public fun tool(toolCallId: String, content: String): Builder = message(ChatMessage.tool(toolCallId, content))

        /** Adds a message. */
        public fun message(message: ChatMessage): Builder = apply { messages += message }

        /** Adds messages. */
        public fun messages(messages: List<ChatMessage>): Builder = apply { this.messages += messages }

        /** Sets [ChatRequest.temperature]. */
        public fun temperature(value: Double): Builder = apply { temperature = value }

        /** Sets [ChatRequest.topP]. */
        public fun topP(value: Double): Builder = apply { topP = value }

        /** Sets [ChatRequest.n]. */
        public fun n(value: Int): Builder = apply { n = value }

        /** Sets one stop sequence (sent as a string). */
        public fun stop(value: String): Builder = apply { stop = Stop.of(value) }

        /** Sets several stop sequences (sent as an array). */
        public fun stop(values: List<String>): Builder = apply { stop = Stop.of(values) }

        /** Sets [ChatRequest.maxTokens]. */
        public fun maxTokens(value: Int): Builder = apply { maxTokens = value }

        /** Sets [ChatRequest.maxCompletionTokens]. */
        public fun maxCompletionTokens(value: Int): Builder = apply { maxCompletionTokens = value }

        /** Sets [ChatRequest.frequencyPenalty]. */
        public fun frequencyPenalty(value: Double): Builder = apply { frequencyPenalty = value }

        /** Sets [ChatRequest.presencePenalty]. */
        public fun presencePenalty(value: Double): Builder = apply { presencePenalty = value }

        /** Sets [ChatRequest.logitBias]. */
        public fun logitBias(value: Map<String, Int>): Builder = apply { logitBias = value }

        /** Sets [ChatRequest.logprobs]. */
        public fun logprobs(value: Boolean): Builder = apply { logprobs = value }

        /** Sets [ChatRequest.topLogprobs]. */
        public fun topLogprobs(value: Int): Builder = apply { topLogprobs = value }

        /** Sets [ChatRequest.seed]. */
        public fun seed(value: Long): Builder = apply { seed = value }

        /** Sets [ChatRequest.user] (the end-user id; [user] with one argument adds a user message). */
        public fun endUser(value: String): Builder = apply { user = value }

        /** Sets [ChatRequest.safetyIdentifier]. */
        public fun safetyIdentifier(value: String): Builder = apply { safetyIdentifier = value }

        /** Sets [ChatRequest.promptCacheKey]. */
        public fun promptCacheKey(value: String): Builder = apply { promptCacheKey = value }

        /** Sets [ChatRequest.responseFormat]. */
        public fun responseFormat(value: ResponseFormat): Builder = apply { responseFormat = value }

        /** Asks for an answer that follows [schema] (strict structured outputs by default). */
        @JvmOverloads
        public fun jsonSchema(name: String, schema: JsonObject, strict: Boolean = true): Builder =
            apply { responseFormat = ResponseFormat.jsonSchema(name, schema, strict) }

        /** Adds a tool declaration. */
        public fun tool(tool: ChatTool): Builder = apply { tools += tool }

        /** Adds a tool (its handler, if any, is not sent: only sessions run handlers). */
        public fun tool(tool: Tool): Builder = apply { tools += tool.toChatTool() }

        /** Adds tools. */
        public fun tools(tools: List<ChatTool>): Builder = apply { this.tools += tools }

        /** Sets [ChatRequest.toolChoice]. */
        public fun toolChoice(value: ToolChoice): Builder = apply { toolChoice = value }

        /** Sets [ChatRequest.parallelToolCalls]. */
        public fun parallelToolCalls(value: Boolean): Builder = apply { parallelToolCalls = value }

        /** Sets [ChatRequest.reasoningEffort]. */
        public fun reasoningEffort(value: String): Builder = apply { reasoningEffort = value }

        /** Sets [ChatRequest.verbosity]. */
        public fun verbosity(value: String): Builder = apply { verbosity = value }

        /** Sets [ChatRequest.serviceTier]. */
        public fun serviceTier(value: String): Builder = apply { serviceTier = value }

        /** Sets [ChatRequest.store]. */
        public fun store(value: Boolean): Builder = apply { store = value }

        /** Sets [ChatRequest.metadata]. */
        public fun metadata(value: Map<String, String>): Builder = apply { metadata = value }

        /** Sets [ChatRequest.modalities]. */
        public fun modalities(value: List<String>): Builder = apply { modalities = value }

        /** Sets [ChatRequest.audio]. */
        public fun audio(value: AudioOutput): Builder = apply { audio = value }

        /** Sets [ChatRequest.prediction]. */
        public fun prediction(value: Prediction): Builder = apply { prediction = value }

        /** Sets [ChatRequest.webSearchOptions]. */
        public fun webSearchOptions(value: WebSearchOptions): Builder = apply { webSearchOptions = value }

        /** Sets [ChatRequest.streamOptions]. */
        public fun streamOptions(value: StreamOptions): Builder = apply { streamOptions = value }

        /** Adds a provider-specific field. */
        public fun extraBody(name: String, value: JsonElement): Builder = apply { extraBody[name] = value }

        /** Adds a provider-specific text field. */
        public fun extraBody(name: String, value: String): Builder = extraBody(name, JsonPrimitive(value))

        /** Adds a provider-specific number field (`top_k`, `repetition_penalty`). */
        public fun extraBody(name: String, value: Number): Builder = extraBody(name, JsonPrimitive(value))

        /** Adds a provider-specific boolean field. */
        public fun extraBody(name: String, value: Boolean): Builder = extraBody(name, JsonPrimitive(value))

        /** The request. */
        public fun build(): ChatRequest = ChatRequest(
            model = model,
            messages = messages.toList(),
            temperature = temperature,
            topP = topP,
            n = n,
            stop = stop,
            maxTokens = maxTokens,
            maxCompletionTokens = maxCompletionTokens,
            frequencyPenalty = frequencyPenalty,
            presencePenalty = presencePenalty,
            logitBias = logitBias,
            logprobs = logprobs,
            topLogprobs = topLogprobs,
            seed = seed,
            user = user,
            safetyIdentifier = safetyIdentifier,
            promptCacheKey = promptCacheKey,
            responseFormat = responseFormat,
            tools = tools.toList().ifEmpty { null },
            toolChoice = toolChoice,
            parallelToolCalls = parallelToolCalls,
            reasoningEffort = reasoningEffort,
            verbosity = verbosity,
            serviceTier = serviceTier,
            store = store,
            metadata = metadata,
            modalities = modalities,
            audio = audio,
            prediction = prediction,
            webSearchOptions = webSearchOptions,
            streamOptions = streamOptions,
            extraBody = extraBody.toMap(),
        )
    }

    public companion object {
        /** A Java-style builder for [model]. */
        @JvmStatic
        public fun builder(model: String): Builder = Builder(model)
    }
}

/** Builds a [ChatRequest]: `chatRequest("gpt-4o-mini") { system("Be brief."); user("Hello"); temperature = 0.5 }`. */
public fun chatRequest(model: String, block: ChatRequest.Builder.() -> Unit): ChatRequest =
    ChatRequest.Builder(model).apply(block).build()
