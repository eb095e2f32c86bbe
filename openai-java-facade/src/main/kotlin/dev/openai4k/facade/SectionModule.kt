package dev.openai4k.facade

/**
 * A section module the facade can front. The facade's POM declares every section as optional, so a section's
 * classes may be missing at run time: [require] checks, by loading [probeClass] through the facade's own class
 * loader, before anything touches them, and fails with the artifact to add instead of a `NoClassDefFoundError`.
 */
internal enum class SectionModule(private val accessor: String, private val artifact: String, private val probeClass: String) {
    CHAT("chat", "openai-chat", "dev.openai4k.chat.Chat"),
    VISION("vision", "openai-vision", "dev.openai4k.vision.Vision"),
    EMBEDDINGS("embeddings", "openai-embeddings", "dev.openai4k.embeddings.Embeddings"),
    MODELS("models", "openai-models", "dev.openai4k.models.Models"),
    COMPLETIONS("completions", "openai-completions", "dev.openai4k.completions.Completions"),
    MODERATIONS("moderations", "openai-moderations", "dev.openai4k.moderations.Moderations"),
    IMAGES("images", "openai-images", "dev.openai4k.images.Images"),
    AUDIO("audio", "openai-audio", "dev.openai4k.audio.Audio"),
    RESPONSES("responses", "openai-responses", "dev.openai4k.responses.Responses"),
    FILES("files", "openai-files", "dev.openai4k.files.Files"),
    ASSISTANTS("assistants", "openai-assistants", "dev.openai4k.assistants.Assistants"),
    ;

    @Volatile
    private var present: Boolean? = null

    /** @throws IllegalStateException naming the Maven artifact when the module is not on the class path. */
    fun require() {
        val known = present ?: isLoadable(probeClass).also { present = it }
        check(known) {
            "openai.$accessor() needs dev.openai4k:$artifact on the classpath " +
                "(add it with the same version as openai-java-facade)"
        }
    }

    private fun isLoadable(className: String): Boolean = try {
        Class.forName(className, false, SectionModule::class.java.classLoader)
        true
    } catch (_: ClassNotFoundException) {
        false
    } catch (_: LinkageError) {
        false
    }
}
