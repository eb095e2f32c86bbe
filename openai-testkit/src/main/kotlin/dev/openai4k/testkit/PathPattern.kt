package dev.openai4k.testkit

/**
 * A path below `/v1/`, optionally preceded by a method (`"POST threads/{id}/runs"`). A segment `*` or `{name}`
 * matches any one segment; other segments match the percent-decoded request segment exactly.
 */
internal class PathPattern private constructor(val method: String?, val segments: List<String>) {
    val hasWildcards: Boolean = segments.any { isWildcard(it) }

    fun matches(requestMethod: String, requestSegments: List<String>): Boolean {
        if (method != null && !method.equals(requestMethod, ignoreCase = true)) return false
        if (requestSegments.size != segments.size) return false
        for (i in segments.indices) {
            if (!isWildcard(segments[i]) && segments[i] != requestSegments[i]) return false
        }
        return true
    }

    override fun toString(): String = (method?.let { "$it " } ?: "") + segments.joinToString("/")

    companion object {
        fun parse(text: String): PathPattern {
            val trimmed = text.trim()
            val space = trimmed.indexOf(' ')
            val method = if (space > 0) trimmed.substring(0, space).uppercase() else null
            val path = if (space > 0) trimmed.substring(space + 1).trim() else trimmed
            return PathPattern(method, segmentsOf(path))
        }

        /** The decoded segments below `/v1/` of a raw path (query dropped; `/v1` prefix optional). */
        fun segmentsOf(rawPath: String): List<String> {
            val path = rawPath.substringBefore('?').trim('/').let {
                when {
                    it == "v1" -> ""
                    it.startsWith("v1/") -> it.substring(3)
                    else -> it
                }
            }.trim('/')
            return if (path.isEmpty()) emptyList() else path.split('/').map { percentDecode(it) }
        }

        private fun isWildcard(segment: String) =
            segment == "*" || (segment.length > 2 && segment.startsWith("{") && segment.endsWith("}"))
    }
}

/**
 * Per-path FIFO queues of scripted answers. The most specific queue that matches answers first: a concrete path
 * with a method, a concrete path, a pattern with a method, a pattern; among equals, the one added first.
 */
internal class ScriptQueues {
    private class Entry(val pattern: PathPattern, val queue: ArrayDeque<Scripted>)

    private val entries = mutableListOf<Entry>()

    @Synchronized
    fun add(path: String, scripts: List<Scripted>) {
        val pattern = PathPattern.parse(path)
        val key = pattern.toString()
        val entry = entries.firstOrNull { it.pattern.toString() == key } ?: Entry(pattern, ArrayDeque()).also { entries += it }
        entry.queue.addAll(scripts)
    }

    @Synchronized
    fun poll(method: String, segments: List<String>): Scripted? {
        val candidates = entries.filter { it.queue.isNotEmpty() && it.pattern.matches(method, segments) }
        val entry = candidates.firstOrNull { !it.pattern.hasWildcards && it.pattern.method != null }
            ?: candidates.firstOrNull { !it.pattern.hasWildcards }
            ?: candidates.firstOrNull { it.pattern.method != null }
            ?: candidates.firstOrNull()
        return entry?.queue?.removeFirst()
    }

    @Synchronized
    fun pending(path: String): Int {
        val key = PathPattern.parse(path).toString()
        return entries.firstOrNull { it.pattern.toString() == key }?.queue?.size ?: 0
    }

    @Synchronized
    fun pendingTotal(): Int = entries.sumOf { it.queue.size }

    @Synchronized
    fun clear() {
        entries.clear()
    }
}
