package dev.openai4k.assistants

import dev.openai4k.testsupport.Seen

/** The Assistants beta header as sent. */
val Seen.beta: String? get() = headers["OpenAI-Beta"]
