package dev.openai4k.examples

/**
 * The model names the examples use, from the environment (so the same tour runs against OpenAI, Ollama, vLLM, ...):
 *
 * | variable | default |
 * |---|---|
 * | `OPENAI_MODEL` | `gpt-4o-mini` (chat, sessions, streaming, tools, structured output, Responses) |
 * | `OPENAI_VISION_MODEL` | the chat model |
 * | `OPENAI_EMBEDDING_MODEL` | `text-embedding-3-small` |
 * | `OPENAI_IMAGE_MODEL` | `gpt-image-1` |
 * | `OPENAI_SPEECH_MODEL` | `gpt-4o-mini-tts` |
 * | `OPENAI_SPEECH_VOICE` | `alloy` |
 * | `OPENAI_TRANSCRIPTION_MODEL` | `whisper-1` |
 * | `OPENAI_MODERATION_MODEL` | unset: the server's default |
 */
class ExampleModels(
    val chat: String = "gpt-4o-mini",
    val vision: String = chat,
    val embedding: String = "text-embedding-3-small",
    val image: String = "gpt-image-1",
    val speech: String = "gpt-4o-mini-tts",
    val voice: String = "alloy",
    val transcription: String = "whisper-1",
    val moderation: String? = null,
) {
    override fun toString(): String =
        "chat=$chat, vision=$vision, embedding=$embedding, image=$image, speech=$speech ($voice), " +
            "transcription=$transcription, moderation=${moderation ?: "<server default>"}"

    companion object {
        /** The models named by the environment [env], defaults for the rest. */
        @JvmStatic
        fun fromEnv(env: (String) -> String? = System::getenv): ExampleModels {
            fun read(name: String): String? = env(name)?.trim()?.takeIf { it.isNotEmpty() }
            val chat = read("OPENAI_MODEL") ?: "gpt-4o-mini"
            return ExampleModels(
                chat = chat,
                vision = read("OPENAI_VISION_MODEL") ?: chat,
                embedding = read("OPENAI_EMBEDDING_MODEL") ?: "text-embedding-3-small",
                image = read("OPENAI_IMAGE_MODEL") ?: "gpt-image-1",
                speech = read("OPENAI_SPEECH_MODEL") ?: "gpt-4o-mini-tts",
                voice = read("OPENAI_SPEECH_VOICE") ?: "alloy",
                transcription = read("OPENAI_TRANSCRIPTION_MODEL") ?: "whisper-1",
                moderation = read("OPENAI_MODERATION_MODEL"),
            )
        }
    }
}
