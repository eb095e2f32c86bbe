package dev.openai4k.models

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/**
 * A model a server offers. OpenAI sends [id], [created] and [ownedBy]; other servers drop some of those and add
 * their own fields, a few of which are kept: vLLM's [maxModelLen], [root] and [parent]; OpenRouter's [name],
 * [description], [contextLength], [pricing] and [architecture]. Anything else is ignored.
 */
@Serializable
public data class Model(
    /** The id to put in a request's `model` field. */
    val id: String,
    /** Creation time in Unix seconds; absent on some servers (LM Studio). */
    val created: Long? = null,
    /** The owner (`openai`, `system`, `library` on Ollama, `vllm`, ...); absent on some servers. */
    @SerialName("owned_by") val ownedBy: String? = null,
    /** The `object` field, `model`. */
    @SerialName("object") val objectType: String? = null,
    /** vLLM: the longest context the server accepts for this model, in tokens. */
    @SerialName("max_model_len") val maxModelLen: Int? = null,
    /** vLLM: the base model a LoRA adapter (or the model itself) comes from. */
    val root: String? = null,
    /** vLLM: the parent model of a LoRA adapter. */
    val parent: String? = null,
    /** OpenRouter: a display name. */
    val name: String? = null,
    /** OpenRouter: a description. */
    val description: String? = null,
    /** OpenRouter: the context window, in tokens. */
    @SerialName("context_length") val contextLength: Int? = null,
    /** OpenRouter: prices per token or request, in US dollars. */
    val pricing: ModelPricing? = null,
    /** OpenRouter: what goes in and out. */
    val architecture: ModelArchitecture? = null,
)

/**
 * OpenRouter's prices, in US dollars per token (or per request, per image), as the decimal text the server sends
 * so no precision is lost; a number on the wire is accepted too.
 */
@Serializable
public data class ModelPricing(
    /** Per prompt token. */
    @Serializable(with = LenientStringSerializer::class) val prompt: String? = null,
    /** Per completion token. */
    @Serializable(with = LenientStringSerializer::class) val completion: String? = null,
    /** Per request. */
    @Serializable(with = LenientStringSerializer::class) val request: String? = null,
    /** Per input image. */
    @Serializable(with = LenientStringSerializer::class) val image: String? = null,
)

/** OpenRouter's description of a model's inputs and outputs. */
@Serializable
public data class ModelArchitecture(
    /** E.g. `text+image->text`. */
    val modality: String? = null,
    /** E.g. `["text", "image"]`. */
    @SerialName("input_modalities") val inputModalities: List<String> = emptyList(),
    /** E.g. `["text"]`. */
    @SerialName("output_modalities") val outputModalities: List<String> = emptyList(),
    /** The tokenizer family, e.g. `GPT`, `Llama3`. */
    val tokenizer: String? = null,
    /** The instruction format, e.g. `chatml`, or null. */
    @SerialName("instruct_type") val instructType: String? = null,
)

/** The answer of `DELETE /models/{id}` (fine-tuned models only on OpenAI). */
@Serializable
public data class ModelDeleted(
    /** The id that was deleted. */
    val id: String,
    /** Whether the model is gone. */
    val deleted: Boolean = false,
    /** The `object` field, `model`. */
    @SerialName("object") val objectType: String? = null,
)

/** The answer of `GET /models`. */
@Serializable
internal data class ModelList(
    val data: List<Model> = emptyList(),
)
