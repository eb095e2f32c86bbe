package dev.openai4k.contract

import java.io.RandomAccessFile
import java.nio.file.Files

/**
 * Reads Prism's log (its `[VALIDATOR]` lines list every violation, where the SDK's exception keeps only the first
 * 2 KiB of the 422 body). Checks run one at a time, so the lines written since a check began are that check's.
 */
internal object PrismLog {
    private val VALIDATOR = Regex("""\[VALIDATOR]\s+\S+\s+error\s+(.*)$""")

    /** The log's current length, to read from later. */
    fun mark(): Long {
        val file = PrismServer.logFile
        return if (Files.isRegularFile(file)) Files.size(file) else 0L
    }

    /** The distinct validation errors Prism logged after [mark]. */
    fun validationSince(mark: Long): List<String> {
        val file = PrismServer.logFile
        if (!Files.isRegularFile(file)) return emptyList()
        awaitQuiet()
        val text = RandomAccessFile(file.toFile(), "r").use { raf ->
            val length = raf.length()
            if (length <= mark) return emptyList()
            val bytes = ByteArray((length - mark).coerceAtMost(MAX_BYTES).toInt())
            raf.seek(mark)
            raf.readFully(bytes)
            bytes.decodeToString()
        }
        return text.lineSequence().mapNotNull { VALIDATOR.find(it)?.groupValues?.get(1)?.trim() }.distinct().toList()
    }

    /** Waits (at most 200 ms) until the log stops growing, so the lines of the last answer are all there. */
    private fun awaitQuiet() {
        var last = -1L
        repeat(10) {
            val size = Files.size(PrismServer.logFile)
            if (size == last) return
            last = size
            Thread.sleep(20)
        }
    }

    private const val MAX_BYTES = 4L * 1024 * 1024
}
