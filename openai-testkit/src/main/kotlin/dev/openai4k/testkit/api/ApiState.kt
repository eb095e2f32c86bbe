package dev.openai4k.testkit.api

import kotlinx.serialization.json.JsonObject
import java.util.concurrent.atomic.AtomicLong

/**
 * Everything one server remembers: ids, a deterministic clock, models, files, images, assistants, threads and
 * responses. Handlers run one at a time under the dispatcher's lock, so none of this needs its own locking.
 */
internal class ApiState(val rootUrl: () -> String) {
    private val sequence = AtomicLong()
    private val ticks = AtomicLong()

    /** A fresh id: [prefix] followed by a zero-padded counter (`chatcmpl-000001`). */
    fun id(prefix: String): String = prefix + sequence.incrementAndGet().toString().padStart(6, '0')

    /** A deterministic Unix time that moves one second per call, so creation times are distinct and ordered. */
    fun now(): Long = BASE_EPOCH_SECONDS + ticks.incrementAndGet()

    val models = linkedMapOf<String, JsonObject>()
    val files = linkedMapOf<String, StoredFile>()
    val images = linkedMapOf<String, ByteArray>()
    val assistants = linkedMapOf<String, JsonObject>()
    val threads = linkedMapOf<String, StoredThread>()
    val responses = linkedMapOf<String, StoredResponse>()

    companion object {
        /** 2025-01-01T00:00:00Z. */
        const val BASE_EPOCH_SECONDS = 1_735_689_600L
    }
}

internal class StoredFile(
    val id: String,
    val filename: String,
    val purpose: String,
    val createdAt: Long,
    val contentType: String,
    val bytes: ByteArray,
)
