package dev.openai4k.http

/** One server-sent event: its `event:` name (null when absent), its data (lines joined with `\n`), its `id:`. */
public data class ServerSentEvent(
    /** The `event:` field, or null. */
    val event: String?,
    /** The `data:` lines joined with `\n`. */
    val data: String,
    /** The last `id:` seen, or null. */
    val id: String? = null,
)
