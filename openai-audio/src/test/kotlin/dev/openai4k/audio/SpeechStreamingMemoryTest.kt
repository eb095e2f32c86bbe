package dev.openai4k.audio

import dev.openai4k.testsupport.*
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.ktor.client.engine.mock.respond
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import io.ktor.utils.io.ByteChannel
import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.writeFully
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout
import java.io.OutputStream
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.atomic.AtomicLong
import java.util.zip.CRC32
import kotlin.time.Duration.Companion.seconds

/**
 * Speech streamed to a sink must not be held in memory.
 *
 * Why not measure the heap: `totalMemory - freeMemory` depends on when the collector last ran, on TLABs and on
 * whatever else the JVM is doing; a probe that passes on one machine flakes on another. Instead the audio comes
 * from a generator that counts what it has produced, and the sink counts what has been written; after every
 * chunk the generator records `produced - written`, the bytes in flight between the two. Whatever memory the
 * client uses for the body is bounded by that lag: an implementation that buffered the body (readBytes,
 * executeBytes, a ByteArrayOutputStream) lets the generator run to the end before the sink sees a byte, so the
 * lag reaches the whole audio size. The generator writes into a Ktor channel that suspends when ~1 MiB is
 * unread, so a streaming copy keeps the lag near that. The assertion (lag < 8 MiB for 64 MiB) is deterministic,
 * and the control test shows the probe does catch a buffering consumer.
 */
class SpeechStreamingMemoryTest : FunSpec({
    val mib = 1024L * 1024

    /** Produces [total] pseudo-random bytes in 64 KiB chunks and tracks the largest lag behind [written]. */
    class Generator(private val total: Long, private val written: () -> Long) {
        val crc = CRC32()
        val maxLag = AtomicLong()

        fun channel(scope: CoroutineScope): ByteReadChannel {
            val channel = ByteChannel()
            scope.launch {
                try {
                    val chunk = ByteArray(64 * 1024)
                    var produced = 0L
                    while (produced < total) {
                        val n = minOf(chunk.size.toLong(), total - produced).toInt()
                        for (i in 0 until n) chunk[i] = patternAt(produced + i)
                        crc.update(chunk, 0, n)
                        channel.writeFully(chunk, 0, n)
                        produced += n
                        maxLag.accumulateAndGet(produced - written()) { a, b -> maxOf(a, b) }
                    }
                    channel.flushAndClose()
                } catch (t: Throwable) {
                    channel.cancel(t)
                }
            }
            return channel
        }
    }

    class CountingSink : OutputStream() {
        val count = AtomicLong()
        val crc = CRC32()
        override fun write(b: Int) {
            crc.update(b)
            count.incrementAndGet()
        }
        override fun write(b: ByteArray, off: Int, len: Int) {
            crc.update(b, off, len)
            count.addAndGet(len.toLong())
        }
    }

    fun serving(generator: Generator, scope: CoroutineScope) = Recorded {
        respond(generator.channel(scope), HttpStatusCode.OK, headersOf(HttpHeaders.ContentType, "audio/mpeg"))
    }

    test("64 MiB of speech streamed to an OutputStream never runs more than a few MiB ahead of the sink") {
        val total = 64 * mib
        val sink = CountingSink()
        val generator = Generator(total) { sink.count.get() }
        val scope = CoroutineScope(Dispatchers.IO + SupervisorJob())
        try {
            val r = serving(generator, scope)
            val written = withTimeout(120.seconds) { r.client.audio.speech.createTo(speechRequest("tts-1", "long", "alloy"), sink) }
            written shouldBe total
            sink.count.get() shouldBe total
            sink.crc.value shouldBe generator.crc.value
            generator.maxLag.get() shouldBeLessThan 8 * mib
        } finally {
            scope.cancel()
        }
    }

    test("64 MiB of speech streamed to a file arrives whole, with the file growing as the audio arrives") {
        val total = 64 * mib
        val dir = Files.createTempDirectory("speech-long")
        // What has reached the disk: the temporary file while streaming, the target once moved into place.
        val onDisk = { Files.list(dir).use { files -> files.mapToLong { Files.size(it) }.sum() } }
        val generator = Generator(total, onDisk)
        val scope = CoroutineScope(Dispatchers.IO + SupervisorJob())
        try {
            val r = serving(generator, scope)
            val target = dir.resolve("book.mp3")
            withTimeout(120.seconds) { r.client.audio.speech.createTo(speechRequest("tts-1", "long", "alloy"), target) } shouldBe total
            Files.size(target) shouldBe total
            crcOf(target) shouldBe generator.crc.value
            generator.maxLag.get() shouldBeLessThan 8 * mib
        } finally {
            scope.cancel()
        }
    }

    test("control: a consumer that buffers the whole body is caught by the same probe") {
        val total = 16 * mib
        val sink = CountingSink()
        val generator = Generator(total) { sink.count.get() }
        val scope = CoroutineScope(Dispatchers.IO + SupervisorJob())
        try {
            val r = serving(generator, scope)
            val bytes = withTimeout(60.seconds) { r.client.audio.speech.create(speechRequest("tts-1", "long", "alloy")) }
            sink.write(bytes, 0, bytes.size)
            sink.count.get() shouldBe total
            generator.maxLag.get() shouldBeGreaterThanOrEqual total
        } finally {
            scope.cancel()
        }
    }
})

private fun patternAt(position: Long): Byte = (position xor (position ushr 9) xor (position ushr 17)).toByte()

private fun crcOf(path: Path): Long {
    val crc = CRC32()
    Files.newInputStream(path).use { input ->
        val buffer = ByteArray(1 shl 16)
        while (true) {
            val n = input.read(buffer)
            if (n < 0) break
            crc.update(buffer, 0, n)
        }
    }
    return crc.value
}
