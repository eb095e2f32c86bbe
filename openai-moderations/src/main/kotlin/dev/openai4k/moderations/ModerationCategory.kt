package dev.openai4k.moderations

/** The category names OpenAI's moderation models report; other servers (Mistral) use names of their own. */
public object ModerationCategory {
    /** Hate based on a protected attribute. */
    public const val HATE: String = "hate"

    /** Hate that also threatens violence or serious harm. */
    public const val HATE_THREATENING: String = "hate/threatening"

    /** Harassing language. */
    public const val HARASSMENT: String = "harassment"

    /** Harassment that also threatens violence or serious harm. */
    public const val HARASSMENT_THREATENING: String = "harassment/threatening"

    /** Promotes or depicts self-harm. */
    public const val SELF_HARM: String = "self-harm"

    /** States an intent to self-harm. */
    public const val SELF_HARM_INTENT: String = "self-harm/intent"

    /** Instructs or encourages self-harm. */
    public const val SELF_HARM_INSTRUCTIONS: String = "self-harm/instructions"

    /** Sexual content. */
    public const val SEXUAL: String = "sexual"

    /** Sexual content involving minors. */
    public const val SEXUAL_MINORS: String = "sexual/minors"

    /** Depicts death, violence or injury. */
    public const val VIOLENCE: String = "violence"

    /** Depicts violence in graphic detail. */
    public const val VIOLENCE_GRAPHIC: String = "violence/graphic"

    /** Advice or instruction on wrongdoing. */
    public const val ILLICIT: String = "illicit"

    /** Illicit content that also involves violence or weapons. */
    public const val ILLICIT_VIOLENT: String = "illicit/violent"
}
