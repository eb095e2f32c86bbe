package dev.openai4k.moderations

import kotlinx.serialization.Serializable
import kotlinx.serialization.Transient
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonPrimitive

/** A request to `POST /moderations`. Without a [model] the server picks its default. */
@Serializable
public data class ModerationRequest(
    /** What to classify. */
    val input: ModerationInput,
    /** `omni-moderation-latest`, `text-moderation-latest`, `mistral-moderation-latest`, ...; null for the default. */
    val model: String? = null,
    /** Provider-specific fields merged into the JSON body (they replace modelled keys of the same name). */
    @Transient val extraBody: Map<String, JsonElement> = emptyMap(),
) {
    /** A builder holding every value of this request ([extraBody] included): change what differs and build again. */
    public fun toBuilder(): Builder = Builder().also { b ->
        b.input = input
        b.model = model
        b.extraBody.putAll(extraBody)
    }

    /**
     * Builds a [ModerationRequest]: properties for the Kotlin DSL, fluent setters for Java. Set the input with
     * [input] or [inputs], or add multimodal parts with [text] and [imageUrl]; not both.
     */
    public class Builder {
        /** See [ModerationRequest.input]; set this or add parts. */
        public var input: ModerationInput? = null

        /** See [ModerationRequest.model]. */
        public var model: String? = null

        /** See [ModerationRequest.extraBody]. */
        public val extraBody: MutableMap<String, JsonElement> = linkedMapOf()

        private val parts = mutableListOf<ModerationPart>()

        /** Sets the input. */
        public fun input(value: ModerationInput): Builder = apply { input = value }

        /** Classifies one text. */
        public fun input(text: String): Builder = apply { input = ModerationInput.of(text) }

        /** Classifies several texts, one result each. */
        public fun inputs(texts: List<String>): Builder = apply { input = ModerationInput.ofTexts(texts) }

        /** Adds a text part to a multimodal input. */
        public fun text(text: String): Builder = apply { parts += ModerationPart.Text(text) }

        /** Adds an image part (an `https:` or `data:` URL) to a multimodal input. */
        public fun imageUrl(url: String): Builder = apply { parts += ModerationPart.ImageUrl(url) }

        /** Adds parts to a multimodal input. */
        public fun parts(values: List<ModerationPart>): Builder = apply { parts += values }

        /** Sets the model. */
        public fun model(value: String): Builder = apply { model = value }

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
         * @throws IllegalStateException if there is no input, or both an input and parts.
         */
        public fun build(): ModerationRequest {
            val given = input
            check(given == null || parts.isEmpty()) { "Set an input or add parts, not both" }
            val resolved = given ?: if (parts.isNotEmpty()) ModerationInput.Parts(parts.toList()) else null
            return ModerationRequest(
                input = checkNotNull(resolved) { "A moderation request needs an input" },
                model = model,
                extraBody = extraBody.toMap(),
            )
        }
    }

    public companion object {
        /** A builder for Java callers. */
        @JvmStatic
        public fun builder(): Builder = Builder()
    }
}

/** Builds a [ModerationRequest] with a Kotlin DSL: `moderationRequest { text("..."); imageUrl(url) }`. */
public fun moderationRequest(block: ModerationRequest.Builder.() -> Unit): ModerationRequest =
    ModerationRequest.Builder().apply(block).build()
