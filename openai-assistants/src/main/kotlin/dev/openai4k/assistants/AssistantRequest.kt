package dev.openai4k.assistants

import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.Transient
import kotlinx.serialization.json.JsonElement

/**
 * The body of `POST /assistants`. Only [model] is required; unset fields are not sent.
 *
 * Build with [assistantRequest] in Kotlin or [AssistantRequest.builder] in Java.
 */
@Serializable
public data class AssistantRequest(
    /** The model the assistant uses. */
    val model: String,
    /** Its name (at most 256 characters). */
    val name: String? = null,
    /** Its description (at most 512 characters). */
    val description: String? = null,
    /** Its system instructions. */
    val instructions: String? = null,
    /** Its tools (at most 128). */
    val tools: List<AssistantTool>? = null,
    /** Files and vector stores for its tools. */
    @SerialName("tool_resources") val toolResources: ToolResources? = null,
    /** Up to 16 string pairs of your own. */
    val metadata: Map<String, String>? = null,
    /** Sampling temperature, 0 to 2. */
    val temperature: Double? = null,
    /** Nucleus sampling mass, 0 to 1. */
    @SerialName("top_p") val topP: Double? = null,
    /** The answer format. */
    @SerialName("response_format") val responseFormat: AssistantResponseFormat? = null,
    /** Reasoning effort for reasoning models (`low`, `medium`, `high`, ...). */
    @SerialName("reasoning_effort") val reasoningEffort: String? = null,
    /** Provider-specific fields merged into the body (a key here replaces a modelled one). */
    @Transient val extraBody: Map<String, JsonElement> = emptyMap(),
) {
    /** A builder holding every value of this request ([extraBody] included): change what differs and build again. */
    public fun toBuilder(): Builder = Builder(model).also { b ->
        b.copyFrom(
            name, description, instructions, tools, toolResources, metadata, temperature, topP, responseFormat,
            reasoningEffort, extraBody,
        )
    }

    /** Builds an [AssistantRequest]; properties for the Kotlin DSL, fluent setters for Java. */
    public class Builder(
        /** See [AssistantRequest.model]. */
        public var model: String,
    ) : AssistantFields<Builder>() {
        /** Sets [AssistantRequest.model]. */
        public fun model(value: String): Builder = apply { model = value }

        /** The request. */
        public fun build(): AssistantRequest = AssistantRequest(
            model, name, description, instructions, toolsOrNull(), toolResources, metadataOrNull(), temperature, topP,
            responseFormat, reasoningEffort, extraBody.toMap(),
        )
    }

    public companion object {
        /** A Java-style builder. */
        @JvmStatic
        public fun builder(model: String): Builder = Builder(model)
    }
}

/** Builds an [AssistantRequest] with a Kotlin DSL: `assistantRequest("gpt-4o") { name = "Tutor"; tool(AssistantTool.codeInterpreter()) }`. */
public fun assistantRequest(model: String, block: AssistantRequest.Builder.() -> Unit = {}): AssistantRequest =
    AssistantRequest.Builder(model).apply(block).build()

/**
 * The body of `POST /assistants/{id}`: only the fields that are set change. Clearing a field to null needs
 * [extraBody] (`"instructions" to JsonNull`), since unset and null fields are never sent.
 *
 * Build with [assistantUpdate] in Kotlin or [AssistantUpdateRequest.builder] in Java.
 */
@Serializable
public data class AssistantUpdateRequest(
    /** A new model. */
    val model: String? = null,
    /** A new name. */
    val name: String? = null,
    /** A new description. */
    val description: String? = null,
    /** New instructions. */
    val instructions: String? = null,
    /** New tools, replacing all the old ones. */
    val tools: List<AssistantTool>? = null,
    /** New tool resources. */
    @SerialName("tool_resources") val toolResources: ToolResources? = null,
    /** New metadata, replacing the old. */
    val metadata: Map<String, String>? = null,
    /** A new temperature. */
    val temperature: Double? = null,
    /** A new top_p. */
    @SerialName("top_p") val topP: Double? = null,
    /** A new answer format. */
    @SerialName("response_format") val responseFormat: AssistantResponseFormat? = null,
    /** A new reasoning effort. */
    @SerialName("reasoning_effort") val reasoningEffort: String? = null,
    /** Provider-specific fields merged into the body (a key here replaces a modelled one). */
    @Transient val extraBody: Map<String, JsonElement> = emptyMap(),
) {
    /** A builder holding every value of this request ([extraBody] included): change what differs and build again. */
    public fun toBuilder(): Builder = Builder().also { b ->
        b.model = model
        b.copyFrom(
            name, description, instructions, tools, toolResources, metadata, temperature, topP, responseFormat,
            reasoningEffort, extraBody,
        )
    }

    /** Builds an [AssistantUpdateRequest]; properties for the Kotlin DSL, fluent setters for Java. */
    public class Builder : AssistantFields<Builder>() {
        /** See [AssistantUpdateRequest.model]. */
        public var model: String? = null

        /** Sets [AssistantUpdateRequest.model]. */
        public fun model(value: String): Builder = apply { model = value }

        /** The request. */
        public fun build(): AssistantUpdateRequest = AssistantUpdateRequest(
            model, name, description, instructions, toolsOrNull(), toolResources, metadataOrNull(), temperature, topP,
            responseFormat, reasoningEffort, extraBody.toMap(),
        )
    }

    public companion object {
        /** A Java-style builder. */
        @JvmStatic
        public fun builder(): Builder = Builder()
    }
}

/** Builds an [AssistantUpdateRequest] with a Kotlin DSL: `assistantUpdate { instructions = "Be terse." }`. */
public fun assistantUpdate(block: AssistantUpdateRequest.Builder.() -> Unit): AssistantUpdateRequest =
    AssistantUpdateRequest.Builder().apply(block).build()

/** The settings an assistant's create and update builders share. */
public abstract class AssistantFields<B : AssistantFields<B>> internal constructor() {
    /** The assistant's name. */
    public var name: String? = null

    /** The assistant's description. */
    public var description: String? = null

    /** The assistant's system instructions. */
    public var instructions: String? = null

    /** Files and vector stores for its tools. */
    public var toolResources: ToolResources? = null

    /** Sampling temperature, 0 to 2. */
    public var temperature: Double? = null

    /** Nucleus sampling mass, 0 to 1. */
    public var topP: Double? = null

    /** The answer format. */
    public var responseFormat: AssistantResponseFormat? = null

    /** Reasoning effort for reasoning models. */
    public var reasoningEffort: String? = null

    private var tools: MutableList<AssistantTool>? = null
    private var metadata: MutableMap<String, String>? = null

    /** Provider-specific fields merged into the body. */
    protected val extraBody: MutableMap<String, JsonElement> = linkedMapOf()

    @Suppress("UNCHECKED_CAST")
    private fun self(): B = this as B

    /** Sets the name. */
    public fun name(value: String): B = self().also { name = value }

    /** Sets the description. */
    public fun description(value: String): B = self().also { description = value }

    /** Sets the instructions. */
    public fun instructions(value: String): B = self().also { instructions = value }

    /** Adds a tool. */
    public fun tool(tool: AssistantTool): B = self().also { (tools ?: mutableListOf<AssistantTool>().also { tools = it }) += tool }

    /** Sets the tools, replacing any added before (an empty list sends `[]`, removing all tools). */
    public fun tools(tools: List<AssistantTool>): B = self().also { this.tools = tools.toMutableList() }

    /** Sets the tool resources. */
    public fun toolResources(value: ToolResources): B = self().also { toolResources = value }

    /** Sets the metadata, replacing any pairs added before (an empty map sends `{}`). */
    public fun metadata(values: Map<String, String>): B = self().also { metadata = LinkedHashMap(values) }

    /** Adds a metadata pair. */
    public fun metadata(key: String, value: String): B =
        self().also { (metadata ?: linkedMapOf<String, String>().also { metadata = it })[key] = value }

    /** Sets the temperature. */
    public fun temperature(value: Double): B = self().also { temperature = value }

    /** Sets top_p. */
    public fun topP(value: Double): B = self().also { topP = value }

    /** Sets the answer format. */
    public fun responseFormat(value: AssistantResponseFormat): B = self().also { responseFormat = value }

    /** Sets the reasoning effort. */
    public fun reasoningEffort(value: String): B = self().also { reasoningEffort = value }

    /** Adds a provider-specific body field. */
    public fun extraBody(name: String, value: JsonElement): B = self().also { extraBody[name] = value }

    /** Adds a provider-specific text body field. */
    public fun extraBody(name: String, value: String): B = extraBody(name, JsonPrimitive(value))

    /** Adds a provider-specific number body field. */
    public fun extraBody(name: String, value: Number): B = extraBody(name, JsonPrimitive(value))

    /** Adds a provider-specific boolean body field. */
    public fun extraBody(name: String, value: Boolean): B = extraBody(name, JsonPrimitive(value))

    internal fun toolsOrNull(): List<AssistantTool>? = tools?.toList()

    /** Sets every shared field from a request (its `toBuilder()`); the create and update requests share these fields. */
    @Suppress("LongParameterList")
    internal fun copyFrom(
        name: String?, description: String?, instructions: String?, tools: List<AssistantTool>?,
        toolResources: ToolResources?, metadata: Map<String, String>?, temperature: Double?, topP: Double?,
        responseFormat: AssistantResponseFormat?, reasoningEffort: String?, extraBody: Map<String, JsonElement>,
    ) {
        this.name = name
        this.description = description
        this.instructions = instructions
        this.tools = tools?.toMutableList()
        this.toolResources = toolResources
        this.metadata = metadata?.let { LinkedHashMap(it) }
        this.temperature = temperature
        this.topP = topP
        this.responseFormat = responseFormat
        this.reasoningEffort = reasoningEffort
        this.extraBody.putAll(extraBody)
    }
    internal fun metadataOrNull(): Map<String, String>? = metadata?.toMap()
}
