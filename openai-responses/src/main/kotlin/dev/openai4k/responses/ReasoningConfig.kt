package dev.openai4k.responses

import kotlinx.serialization.Serializable

/** Reasoning settings (reasoning models only): how hard to think and whether to summarize the thinking. */
@Serializable
public data class ReasoningConfig(
    /** `none`, `minimal`, `low`, `medium`, `high` or `xhigh`; see [ReasoningEffort]. */
    val effort: String? = null,
    /** `auto`, `concise` or `detailed`; see [ReasoningSummaryMode]. Summaries arrive in [ResponseItem.Reasoning]. */
    val summary: String? = null,
)

/** Values of [ReasoningConfig.summary]. */
public object ReasoningSummaryMode {
    /** The most detailed summary the model supports. */
    public const val AUTO: String = "auto"

    /** A short summary. */
    public const val CONCISE: String = "concise"

    /** A detailed summary. */
    public const val DETAILED: String = "detailed"
}
