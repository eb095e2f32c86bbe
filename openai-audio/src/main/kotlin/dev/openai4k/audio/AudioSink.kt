package dev.openai4k.audio

import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.readAvailable
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import java.io.OutputStream
import java.nio.file.AtomicMoveNotSupportedException
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

/** Size of the one buffer a copy uses: memory stays at this whatever the audio's length. */
internal const val COPY_BUFFER_BYTES = 8 * 1024

/**
 * Copies [channel] to [out] in pieces of at most [COPY_BUFFER_BYTES], as they arrive, and returns the byte count.
 * [out] is flushed, not closed.
 *
 * The channel is read on the caller's coroutine and only the blocking writes move to the IO dispatcher: read from
 * another dispatcher, a connection reset was observed to look like a clean end of body. A channel can also report
 * its end (-1) while holding the failure that ended it, so [ByteReadChannel.closedCause] is checked at the end.
 */
internal suspend fun copyChannel(channel: ByteReadChannel, out: OutputStream): Long {
    val buffer = ByteArray(COPY_BUFFER_BYTES)
    var total = 0L
    while (true) {
        val n = channel.readAvailable(buffer, 0, buffer.size)
        if (n < 0) break
        withContext(Dispatchers.IO) { out.write(buffer, 0, n) }
        total += n
    }
    channel.closedCause?.let { throw it }
    withContext(Dispatchers.IO) { out.flush() }
    return total
}

/**
 * Writes to a hidden `.part` file beside [target] and moves it into place only when [write] succeeds, so a broken
 * download never leaves a truncated file under the target's name (nor replaces a good one).
 */
internal suspend fun writeAtomically(target: Path, write: suspend (OutputStream) -> Long): Long {
    val absolute = target.toAbsolutePath()
    val dir = absolute.parent
    val temp = withContext(Dispatchers.IO) {
        Files.createDirectories(dir)
        Files.createTempFile(dir, ".${absolute.fileName}.", ".part")
    }
    try {
        val count = withContext(Dispatchers.IO) { Files.newOutputStream(temp) }.use { write(it) }
        withContext(Dispatchers.IO) {
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING)
            } catch (_: AtomicMoveNotSupportedException) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING)
            }
        }
        return count
    } catch (t: Throwable) {
        Files.deleteIfExists(temp)
        throw t
    }
}
