package dev.openai4k.internal

import java.time.ZonedDateTime
import java.time.format.DateTimeFormatter
import kotlin.math.min
import kotlin.random.Random

internal const val INITIAL_RETRY_DELAY_MS = 500L
internal const val MAX_RETRY_DELAY_MS = 8_000L
internal const val MAX_RETRY_AFTER_MS = 60_000L

/**
 * How long to wait before retry number [retry] (1 for the first retry): the server's `retry-after-ms` or
 * `retry-after` when given and at most 60 s, else min(0.5 s * 2^(retry-1), 8 s) less up to 25 % jitter.
 */
internal fun retryDelayMillis(retry: Int, retryAfterMillis: Long?, random: Random = Random.Default): Long {
    if (retryAfterMillis != null && retryAfterMillis in 0..MAX_RETRY_AFTER_MS) return retryAfterMillis
    val base = min(INITIAL_RETRY_DELAY_MS * (1L shl (retry - 1).coerceIn(0, 20)), MAX_RETRY_DELAY_MS)
    val jitter = 1.0 - 0.25 * random.nextDouble()
    return (base * jitter).toLong()
}

/**
 * The server's requested wait from `retry-after-ms` (milliseconds, fractional allowed) or `retry-after`
 * (seconds, fractional allowed, or an HTTP date), or null.
 */
internal fun parseRetryAfter(retryAfterMs: String?, retryAfter: String?, nowMillis: Long = System.currentTimeMillis()): Long? {
    retryAfterMs?.trim()?.toDoubleOrNull()?.let { if (it >= 0 && it.isFinite()) return it.toLong() }
    val value = retryAfter?.trim() ?: return null
    value.toDoubleOrNull()?.let { return if (it >= 0 && it.isFinite()) (it * 1000).toLong() else null }
    return try {
        val date = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
        (date.toInstant().toEpochMilli() - nowMillis).coerceAtLeast(0)
    } catch (_: Exception) {
        null
    }
}
