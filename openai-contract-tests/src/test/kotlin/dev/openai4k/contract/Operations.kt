package dev.openai4k.contract

/** One operation of the spec: an HTTP method and a path exactly as the spec's `paths` spell it. */
internal data class Operation(val method: String, val path: String) {
    override fun toString(): String = "$method $path"
}

/**
 * The spec's operations the SDK implements, each with the public call that reaches it, and the ones in the
 * sections we ship that it deliberately leaves out, each with the reason. A spec operation in a shipped section
 * that is in neither map fails `CoverageTest`, so a new endpoint in the spec cannot go unnoticed.
 */
internal object Operations {
    /** Path prefixes of the sections the SDK ships. */
    val SHIPPED_SECTIONS = listOf(
        "/chat/completions", "/completions", "/embeddings", "/models", "/moderations", "/images", "/audio",
        "/responses", "/files", "/assistants", "/threads",
    )

    val CHAT_CREATE = Operation("POST", "/chat/completions")
    val COMPLETIONS_CREATE = Operation("POST", "/completions")
    val EMBEDDINGS_CREATE = Operation("POST", "/embeddings")
    val MODELS_LIST = Operation("GET", "/models")
    val MODELS_RETRIEVE = Operation("GET", "/models/{model}")
    val MODELS_DELETE = Operation("DELETE", "/models/{model}")
    val MODERATIONS_CREATE = Operation("POST", "/moderations")
    val IMAGES_GENERATE = Operation("POST", "/images/generations")
    val IMAGES_EDIT = Operation("POST", "/images/edits")
    val IMAGES_VARIATION = Operation("POST", "/images/variations")
    val AUDIO_SPEECH = Operation("POST", "/audio/speech")
    val AUDIO_TRANSCRIPTION = Operation("POST", "/audio/transcriptions")
    val AUDIO_TRANSLATION = Operation("POST", "/audio/translations")
    val RESPONSES_CREATE = Operation("POST", "/responses")
    val RESPONSES_RETRIEVE = Operation("GET", "/responses/{response_id}")
    val RESPONSES_DELETE = Operation("DELETE", "/responses/{response_id}")
    val RESPONSES_CANCEL = Operation("POST", "/responses/{response_id}/cancel")
    val RESPONSES_INPUT_ITEMS = Operation("GET", "/responses/{response_id}/input_items")
    val FILES_UPLOAD = Operation("POST", "/files")
    val FILES_LIST = Operation("GET", "/files")
    val FILES_RETRIEVE = Operation("GET", "/files/{file_id}")
    val FILES_DELETE = Operation("DELETE", "/files/{file_id}")
    val FILES_CONTENT = Operation("GET", "/files/{file_id}/content")
    val ASSISTANTS_CREATE = Operation("POST", "/assistants")
    val ASSISTANTS_LIST = Operation("GET", "/assistants")
    val ASSISTANTS_RETRIEVE = Operation("GET", "/assistants/{assistant_id}")
    val ASSISTANTS_UPDATE = Operation("POST", "/assistants/{assistant_id}")
    val ASSISTANTS_DELETE = Operation("DELETE", "/assistants/{assistant_id}")
    val THREADS_CREATE = Operation("POST", "/threads")
    val THREADS_RETRIEVE = Operation("GET", "/threads/{thread_id}")
    val THREADS_UPDATE = Operation("POST", "/threads/{thread_id}")
    val THREADS_DELETE = Operation("DELETE", "/threads/{thread_id}")
    val MESSAGES_CREATE = Operation("POST", "/threads/{thread_id}/messages")
    val MESSAGES_LIST = Operation("GET", "/threads/{thread_id}/messages")
    val MESSAGES_RETRIEVE = Operation("GET", "/threads/{thread_id}/messages/{message_id}")
    val MESSAGES_DELETE = Operation("DELETE", "/threads/{thread_id}/messages/{message_id}")
    val RUNS_CREATE = Operation("POST", "/threads/{thread_id}/runs")
    val RUNS_LIST = Operation("GET", "/threads/{thread_id}/runs")
    val RUNS_RETRIEVE = Operation("GET", "/threads/{thread_id}/runs/{run_id}")
    val RUNS_CANCEL = Operation("POST", "/threads/{thread_id}/runs/{run_id}/cancel")
    val RUNS_SUBMIT_TOOL_OUTPUTS = Operation("POST", "/threads/{thread_id}/runs/{run_id}/submit_tool_outputs")

    /** Every implemented operation and the public call(s) that reach it. */
    val IMPLEMENTED: Map<Operation, String> = linkedMapOf(
        CHAT_CREATE to "`chat.create` (vision: image parts)",
        COMPLETIONS_CREATE to "`completions.create`",
        EMBEDDINGS_CREATE to "`embeddings.create`",
        MODELS_LIST to "`models.list`",
        MODELS_RETRIEVE to "`models.retrieve`",
        MODELS_DELETE to "`models.delete`",
        MODERATIONS_CREATE to "`moderations.create`",
        IMAGES_GENERATE to "`images.generate`",
        IMAGES_EDIT to "`images.edit`",
        IMAGES_VARIATION to "`images.createVariation`",
        AUDIO_SPEECH to "`audio.speech.create`, `createTo`, `stream`",
        AUDIO_TRANSCRIPTION to "`audio.transcriptions.create`, `createVerbose`, `createText`, `stream`",
        AUDIO_TRANSLATION to "`audio.translations.create`, `createVerbose`, `createText`",
        RESPONSES_CREATE to "`responses.create`",
        RESPONSES_RETRIEVE to "`responses.retrieve`",
        RESPONSES_DELETE to "`responses.delete`",
        RESPONSES_CANCEL to "`responses.cancel`",
        RESPONSES_INPUT_ITEMS to "`responses.inputItems.list`",
        FILES_UPLOAD to "`files.upload`",
        FILES_LIST to "`files.list`",
        FILES_RETRIEVE to "`files.retrieve`",
        FILES_DELETE to "`files.delete`",
        FILES_CONTENT to "`files.content`",
        ASSISTANTS_CREATE to "`assistants.create`",
        ASSISTANTS_LIST to "`assistants.list`",
        ASSISTANTS_RETRIEVE to "`assistants.retrieve`",
        ASSISTANTS_UPDATE to "`assistants.update`",
        ASSISTANTS_DELETE to "`assistants.delete`",
        THREADS_CREATE to "`assistants.threads.create`",
        THREADS_RETRIEVE to "`assistants.threads.retrieve`",
        THREADS_UPDATE to "`assistants.threads.update`",
        THREADS_DELETE to "`assistants.threads.delete`",
        MESSAGES_CREATE to "`threads.messages.create`",
        MESSAGES_LIST to "`threads.messages.list`",
        MESSAGES_RETRIEVE to "`threads.messages.retrieve`",
        MESSAGES_DELETE to "`threads.messages.delete`",
        RUNS_CREATE to "`threads.runs.create`",
        RUNS_LIST to "`threads.runs.list`",
        RUNS_RETRIEVE to "`threads.runs.retrieve`",
        RUNS_CANCEL to "`threads.runs.cancel`",
        RUNS_SUBMIT_TOOL_OUTPUTS to "`threads.runs.submitToolOutputs`",
    )

    private const val STORED_CHAT = "stored chat completions (list/get/update/delete) are not in openai-chat; " +
        "create with `store = true` is"
    private const val VOICES = "custom voices and voice consents are account management, not in openai-audio"
    private const val RUN_STEPS = "run steps are not in openai-assistants (runs report their tool calls)"

    /** Operations of shipped sections the SDK leaves out on purpose, and why. */
    val EXCLUDED: Map<Operation, String> = linkedMapOf(
        Operation("GET", "/chat/completions") to STORED_CHAT,
        Operation("GET", "/chat/completions/{completion_id}") to STORED_CHAT,
        Operation("POST", "/chat/completions/{completion_id}") to STORED_CHAT,
        Operation("DELETE", "/chat/completions/{completion_id}") to STORED_CHAT,
        Operation("GET", "/chat/completions/{completion_id}/messages") to STORED_CHAT,
        Operation("POST", "/audio/voice_consents") to VOICES,
        Operation("GET", "/audio/voice_consents") to VOICES,
        Operation("GET", "/audio/voice_consents/{consent_id}") to VOICES,
        Operation("POST", "/audio/voice_consents/{consent_id}") to VOICES,
        Operation("DELETE", "/audio/voice_consents/{consent_id}") to VOICES,
        Operation("POST", "/audio/voices") to VOICES,
        Operation("POST", "/responses/input_tokens") to "input token counting is not in openai-responses",
        Operation("POST", "/responses/compact") to "conversation compaction is not in openai-responses",
        betaDuplicate(Operation("POST", "/responses")),
        betaDuplicate(Operation("GET", "/responses/{response_id}")),
        betaDuplicate(Operation("DELETE", "/responses/{response_id}")),
        betaDuplicate(Operation("POST", "/responses/{response_id}/cancel")),
        betaDuplicate(Operation("GET", "/responses/{response_id}/input_items")),
        betaDuplicate(Operation("POST", "/responses/input_tokens")),
        betaDuplicate(Operation("POST", "/responses/compact")),
        Operation("POST", "/threads/runs") to "create-thread-and-run is not in openai-assistants (create a thread, then a run)",
        Operation("POST", "/threads/{thread_id}/messages/{message_id}") to
            "modifying a message (metadata only) is not in openai-assistants",
        Operation("POST", "/threads/{thread_id}/runs/{run_id}") to
            "modifying a run (metadata only) is not in openai-assistants",
        Operation("GET", "/threads/{thread_id}/runs/{run_id}/steps") to RUN_STEPS,
        Operation("GET", "/threads/{thread_id}/runs/{run_id}/steps/{step_id}") to RUN_STEPS,
    )

    private fun betaDuplicate(of: Operation): Pair<Operation, String> =
        Operation(of.method, "${of.path}?beta=true") to "the spec's `?beta=true` duplicate of `$of` (the same wire request)"

    /** Whether [path] belongs to a section the SDK ships (`/models/{model}` does, `/vector_stores` does not). */
    fun inShippedSection(path: String): Boolean {
        val bare = path.substringBefore('?')
        return SHIPPED_SECTIONS.any { bare == it || bare.startsWith("$it/") }
    }
}
