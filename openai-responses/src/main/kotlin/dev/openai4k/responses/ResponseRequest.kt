package dev.openai4k.responses

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.Transient
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * A `POST /responses` request. Only [model] is required; unset fields are not sent, so a request with a model and
 * a string input encodes to exactly `{"model":...,"input":...}`.
 *
 * Build it with [ResponseRequest.builder] (Java) or [responseRequest] (Kotlin DSL).
 */
@Serializable
public data class ResponseRequest(
    /** The model id. */
    val model: String,
    /** The input: a string or a list of items. */
    val input: ResponseInput? = null,
    /** System-level instructions; not carried over by `previous_response_id`, so send them every turn. */
    val instructions: String? = null,
    /** The tools the model may use. */
    val tools: List<ResponseTool> = emptyList(),
    /** How the model picks tools. */
    @SerialName("tool_choice") val toolChoice: ResponseToolChoice? = null,
    /** Continue from this stored response (its input and output become context). */
    @SerialName("previous_response_id") val previousResponseId: String? = null,
    /** The conversation to add to: a `conv_...` id string or an object such as `{"id":"conv_..."}`. */
    val conversation: JsonElement? = null,
    /** Whether the server stores the response (OpenAI's default is true). */
    val store: Boolean? = null,
    /** Reasoning settings. */
    val reasoning: ReasoningConfig? = null,
    /** Output format and verbosity. */
    val text: TextConfig? = null,
    /** The most output tokens, reasoning included. */
    @SerialName("max_output_tokens") val maxOutputTokens: Int? = null,
    /** The most hosted-tool calls in one response. */
    @SerialName("max_tool_calls") val maxToolCalls: Int? = null,
    /** Sampling temperature, 0 to 2. */
    val temperature: Double? = null,
    /** Nucleus sampling mass. */
    @SerialName("top_p") val topP: Double? = null,
    /** How many most-likely tokens to report per position (with `include` of `message.output_text.logprobs`). */
    @SerialName("top_logprobs") val topLogprobs: Int? = null,
    /** `auto` (drop old context to fit) or `disabled` (fail instead). */
    val truncation: String? = null,
    /** Up to 16 key-value pairs stored with the response. */
    val metadata: Map<String, String> = emptyMap(),
    /** Whether several tool calls may come in one response. */
    @SerialName("parallel_tool_calls") val parallelToolCalls: Boolean? = null,
    /** Extra output to include; see [ResponseInclude]. */
    val include: List<String> = emptyList(),
    /** Run in the background; poll with `retrieve` or cancel with `cancel`. */
    val background: Boolean? = null,
    /** A key that groups requests sharing a prompt prefix, to improve cache hits. */
    @SerialName("prompt_cache_key") val promptCacheKey: String? = null,
    /** A stable, hashed end-user id for abuse detection. */
    @SerialName("safety_identifier") val safetyIdentifier: String? = null,
    /** `auto`, `default`, `flex`, `priority`, ... */
    @SerialName("service_tier") val serviceTier: String? = null,
    /** The older end-user id field. */
    val user: String? = null,
    /** Provider-specific fields merged into the body (an extra key replaces a modelled one). */
    @Transient val extraBody: Map<String, JsonElement> = emptyMap(),
) {
    /** A builder that starts from this request's values. */
    public fun toBuilder(): Builder = Builder(model).also { b ->
        b.input = input
        b.instructions = instructions
        b.tools.addAll(tools)
        b.toolChoice = toolChoice
        b.previousResponseId = previousResponseId
        b.conversation = conversation
        b.store = store
        b.reasoning = reasoning
        b.text = text
        b.maxOutputTokens = maxOutputTokens
        b.maxToolCalls = maxToolCalls
        b.temperature = temperature
        b.topP = topP
        b.topLogprobs = topLogprobs
        b.truncation = truncation
        b.metadata.putAll(metadata)
        b.parallelToolCalls = parallelToolCalls
        b.include.addAll(include)
        b.background = background
        b.promptCacheKey = promptCacheKey
        b.safetyIdentifier = safetyIdentifier
        b.serviceTier = serviceTier
        b.user = user
        b.extraBody.putAll(extraBody)
    }

    /**
     * Builds a [ResponseRequest]: properties for the Kotlin DSL, fluent setters for Java.
     *
     * Input is set with [input] (a string) or built item by item with [user], [system], [developer],
     * [assistant], [item] and [functionCallOutput]; adding an item after a string input turns that string into
     * the first user message.
     */
    public class Builder(
        /** The model id. */
        public var model: String,
    ) {
        /** See [ResponseRequest.input]. */
        public var input: ResponseInput? = null

        /** See [ResponseRequest.instructions]. */
        public var instructions: String? = null

        /** See [ResponseRequest.tools]. */
        public val tools: MutableList<ResponseTool> = mutableListOf()

        /** See [ResponseRequest.toolChoice]. */
        public var toolChoice: ResponseToolChoice? = null

        /** See [ResponseRequest.previousResponseId]. */
        public var previousResponseId: String? = null

        /** See [ResponseRequest.conversation]. */
        public var conversation: JsonElement? = null

        /** See [ResponseRequest.store]. */
        public var store: Boolean? = null

        /** See [ResponseRequest.reasoning]. */
        public var reasoning: ReasoningConfig? = null

        /** See [ResponseRequest.text]. */
        public var text: TextConfig? = null

        /** See [ResponseRequest.maxOutputTokens]. */
        public var maxOutputTokens: Int? = null

        /** See [ResponseRequest.maxToolCalls]. */
        public var maxToolCalls: Int? = null

        /** See [ResponseRequest.temperature]. */
        public var temperature: Double? = null

        /** See [ResponseRequest.topP]. */
        public var topP: Double? = null

        /** See [ResponseRequest.topLogprobs]. */
        public var topLogprobs: Int? = null

        /** See [ResponseRequest.truncation]. */
        public var truncation: String? = null

        /** See [ResponseRequest.metadata]. */
        public val metadata: MutableMap<String, String> = linkedMapOf()

        /** See [ResponseRequest.parallelToolCalls]. */
        public var parallelToolCalls: Boolean? = null

        /** See [ResponseRequest.include]. */
        public val include: MutableList<String> = mutableListOf()

        /** See [ResponseRequest.background]. */
        public var background: Boolean? = null

        /** See [ResponseRequest.promptCacheKey]. */
        public var promptCacheKey: String? = null

        /** See [ResponseRequest.safetyIdentifier]. */
        public var safetyIdentifier: String? = null

        /** See [ResponseRequest.serviceTier]. */
        public var serviceTier: String? = null

        /** See [ResponseRequest.user]: the end-user id, not a message (messages are added with [user] calls). */
        public var user: String? = null

        /** See [ResponseRequest.extraBody]. */
        public val extraBody: MutableMap<String, JsonElement> = linkedMapOf()

        /** Sets the model. */
        public fun model(value: String): Builder = apply { model = value }

        /** Sets a plain-string input, replacing any input so far. */
        public fun input(text: String): Builder = apply { input = ResponseInput.Text(text) }

        /** Sets a list of input items, replacing any input so far. */
        public fun input(items: List<ResponseItem>): Builder = apply { input = ResponseInput.Items(items.toList()) }

        /** Appends an input item. */
        public fun item(item: ResponseItem): Builder = apply {
            input = when (val current = input) {
                null -> ResponseInput.Items(listOf(item))
                is ResponseInput.Text -> ResponseInput.Items(listOf(ResponseItem.user(current.text), item))
                is ResponseInput.Items -> ResponseInput.Items(current.items + item)
            }
        }

        /** Appends input items. */
        public fun items(items: List<ResponseItem>): Builder = apply { items.forEach { item(it) } }

        /** Appends a user message of one text part. */
        public fun user(text: String): Builder = item(ResponseItem.user(text))

        /** Appends a user message of several parts (text, images, files). */
        public fun user(vararg parts: ResponseContentPart): Builder = item(ResponseItem.user(parts.toList()))

        /** Appends a system message. */
        public fun system(text: String): Builder = item(ResponseItem.system(text))

        /** Appends a developer message. */
        public fun developer(text: String): Builder = item(ResponseItem.developer(text))

        /** Appends an earlier assistant answer, as history. */
        public fun assistant(text: String): Builder = item(ResponseItem.assistant(text))

        /** Appends the result of the function call [callId]. */
        public fun functionCallOutput(callId: String, output: String): Builder =
            item(ResponseItem.functionCallOutput(callId, output))

        /** Sets the instructions. */
        public fun instructions(value: String?): Builder = apply { instructions = value }

        /** Adds a tool. */
        public fun tool(tool: ResponseTool): Builder = apply { tools += tool }

        /** Adds tools. */
        public fun tools(tools: List<ResponseTool>): Builder = apply { this.tools += tools }

        /** Adds a function tool whose arguments follow the JSON Schema [parameters]. */
        @JvmOverloads
        public fun function(
            name: String,
            description: String? = null,
            parameters: JsonObject? = null,
            strict: Boolean? = null,
        ): Builder = tool(ResponseTool.Function(name, description, parameters, strict))

        /** Sets the tool choice. */
        public fun toolChoice(value: ResponseToolChoice): Builder = apply { toolChoice = value }

        /** Sets the response to continue from. */
        public fun previousResponseId(value: String?): Builder = apply { previousResponseId = value }

        /** Adds the response to the conversation [id]. */
        public fun conversation(id: String): Builder = apply { conversation = JsonPrimitive(id) }

        /** Adds the response to a conversation given as an object (`{"id":"conv_..."}`). */
        public fun conversation(value: JsonObject): Builder = apply { conversation = value }

        /** Sets whether the response is stored. */
        public fun store(value: Boolean): Builder = apply { store = value }

        /** Sets the reasoning settings. */
        public fun reasoning(value: ReasoningConfig): Builder = apply { reasoning = value }

        /** Sets the reasoning effort and, optionally, the summary mode. */
        @JvmOverloads
        public fun reasoning(effort: String?, summary: String? = null): Builder =
            apply { reasoning = ReasoningConfig(effort, summary) }

        /** Sets the text settings. */
        public fun text(value: TextConfig): Builder = apply { text = value }

        /** Sets the output format, keeping the verbosity. */
        public fun format(value: TextFormat): Builder = apply { text = (text ?: TextConfig()).copy(format = value) }

        /** Asks for JSON matching [schema]; see [TextFormat.jsonSchema]. */
        @JvmOverloads
        public fun jsonSchema(name: String, schema: JsonObject, strict: Boolean? = true): Builder =
            format(TextFormat.jsonSchema(name, schema, strict))

        /** Sets the verbosity, keeping the format. */
        public fun verbosity(value: String): Builder = apply { text = (text ?: TextConfig()).copy(verbosity = value) }

        /** Sets the output token limit. */
        public fun maxOutputTokens(value: Int): Builder = apply { maxOutputTokens = value }

        /** Sets the hosted-tool call limit. */
        public fun maxToolCalls(value: Int): Builder = apply { maxToolCalls = value }

        /** Sets the temperature. */
        public fun temperature(value: Double): Builder = apply { temperature = value }

        /** Sets the nucleus sampling mass. */
        public fun topP(value: Double): Builder = apply { topP = value }

        /** Sets how many alternative tokens to report per position. */
        public fun topLogprobs(value: Int): Builder = apply { topLogprobs = value }

        /** Sets the truncation strategy (`auto` or `disabled`). */
        public fun truncation(value: String): Builder = apply { truncation = value }

        /** Adds a metadata pair. */
        public fun metadata(key: String, value: String): Builder = apply { metadata[key] = value }

        /** Sets whether tool calls may run in parallel. */
        public fun parallelToolCalls(value: Boolean): Builder = apply { parallelToolCalls = value }

        /** Asks for extra output; see [ResponseInclude]. */
        public fun include(vararg values: String): Builder = apply { include += values }

        /** Sets background mode. */
        public fun background(value: Boolean): Builder = apply { background = value }

        /** Sets the prompt cache key. */
        public fun promptCacheKey(value: String): Builder = apply { promptCacheKey = value }

        /** Sets the safety identifier. */
        public fun safetyIdentifier(value: String): Builder = apply { safetyIdentifier = value }

        /** Sets the service tier. */
        public fun serviceTier(value: String): Builder = apply { serviceTier = value }

        /** Sets the end-user id sent as `user` (OpenAI now prefers [safetyIdentifier] and [promptCacheKey]). */
        public fun endUser(value: String): Builder = apply { user = value }

        /** Adds a provider-specific field to the body. */
        public fun extraBody(name: String, value: JsonElement): Builder = apply { extraBody[name] = value }

        /** Adds a provider-specific text field to the body. */
        public fun extraBody(name: String, value: String): Builder = extraBody(name, JsonPrimitive(value))

        /** Adds a provider-specific number field to the body. */
        public fun extraBody(name: String, value: Number): Builder = extraBody(name, JsonPrimitive(value))

        /** Adds a provider-specific boolean field to the body. */
        public fun extraBody(name: String, value: Boolean): Builder = extraBody(name, JsonPrimitive(value))

        /** The request. */
        public fun build(): ResponseRequest = ResponseRequest(
            model = model,
            input = input,
            instructions = instructions,
            tools = tools.toList(),
            toolChoice = toolChoice,
            previousResponseId = previousResponseId,
            conversation = conversation,
            store = store,
            reasoning = reasoning,
            text = text,
            maxOutputTokens = maxOutputTokens,
            maxToolCalls = maxToolCalls,
            temperature = temperature,
            topP = topP,
            topLogprobs = topLogprobs,
            truncation = truncation,
            metadata = metadata.toMap(),
            parallelToolCalls = parallelToolCalls,
            include = include.toList(),
            background = background,
            promptCacheKey = promptCacheKey,
            safetyIdentifier = safetyIdentifier,
            serviceTier = serviceTier,
            user = user,
            extraBody = extraBody.toMap(),
        )
    }

    public companion object {
        /** A Java-style builder. */
        @JvmStatic
        public fun builder(model: String): Builder = Builder(model)
    }
}

/**
 * Builds a [ResponseRequest] with a Kotlin DSL:
 * ```kotlin
 * responseRequest("gpt-4o-mini") { instructions = "Be brief."; user("Hello") }
 * ```
 */
public fun responseRequest(model: String, block: ResponseRequest.Builder.() -> Unit): ResponseRequest =
    ResponseRequest.Builder(model).apply(block).build()

/** Values of [ResponseRequest.include]. */
public object ResponseInclude {
    /** Encrypted reasoning, to send back when `store` is false. */
    public const val REASONING_ENCRYPTED_CONTENT: String = "reasoning.encrypted_content"

    /** Token log probabilities of output text. */
    public const val OUTPUT_TEXT_LOGPROBS: String = "message.output_text.logprobs"

    /** File-search matches. */
    public const val FILE_SEARCH_RESULTS: String = "file_search_call.results"

    /** Web-search sources. */
    public const val WEB_SEARCH_SOURCES: String = "web_search_call.action.sources"

    /** Image URLs of input messages. */
    public const val INPUT_IMAGE_URLS: String = "message.input_image.image_url"

    /** Outputs of code-interpreter calls. */
    public const val CODE_INTERPRETER_OUTPUTS: String = "code_interpreter_call.outputs"
}
