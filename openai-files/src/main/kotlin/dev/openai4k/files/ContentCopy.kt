package dev.openai4k.files

import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.readAvailable
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import java.io.OutputStream
import java.nio.file.AtomicMoveNotSupportedException
import java.nio.file.Files as NioFiles
import java.nio.file.Path
import java.nio.file.StandardCopyOption

private const val BUFFER_BYTES = 64 * 1024

/** Copies the channel into [out] until it ends, returning the byte count; blocking writes run on the IO pool. */
internal suspend fun ByteReadChannel.copyToStream(out: OutputStream): Long = withContext(Dispatchers.IO) {
    val buffer = ByteArray(BUFFER_BYTES)
    var total = 0L
    while (true) {
        val n = readAvailable(buffer, 0, buffer.size)
        if (n < 0) break
        out.write(buffer, 0, n)
        total += n
    }
    out.flush()
    total
}

/**
 * Runs [write] into a temporary sibling of [target] and moves it into place once [write] has returned (so once the
 * download is known to be complete), so a reader of [target] never sees half a download and a failure leaves no debris.
 */
internal suspend fun writeToFileAtomically(target: Path, write: suspend (OutputStream) -> Long): Long {
    val absolute = target.toAbsolutePath()
    val dir = absolute.parent
    val temp = withContext(Dispatchers.IO) { NioFiles.createTempFile(dir, ".${absolute.fileName}.", ".part") }
    try {
        val count = withContext(Dispatchers.IO) { NioFiles.newOutputStream(temp) }.use { write(it) }
        withContext(Dispatchers.IO) {
            try {
                NioFiles.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE)
            } catch (_: AtomicMoveNotSupportedException) {
                NioFiles.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING)
            }
        }
        return count
    } finally {
        withContext(kotlinx.coroutines.NonCancellable + Dispatchers.IO) { NioFiles.deleteIfExists(temp) }
    }
}
