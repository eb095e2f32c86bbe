package dev.openai4k.testkit.api

import java.io.ByteArrayOutputStream
import java.io.DataOutputStream
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.util.zip.CRC32
import java.util.zip.DeflaterOutputStream
import kotlin.math.PI
import kotlin.math.sin

/** A valid RGB PNG of one colour. */
internal fun solidPng(width: Int, height: Int, rgb: Int): ByteArray {
    val raw = ByteArrayOutputStream()
    repeat(height) {
        raw.write(0) // filter: none
        repeat(width) {
            raw.write((rgb shr 16) and 0xff)
            raw.write((rgb shr 8) and 0xff)
            raw.write(rgb and 0xff)
        }
    }
    val compressed = ByteArrayOutputStream().also { out -> DeflaterOutputStream(out).use { it.write(raw.toByteArray()) } }
    val png = ByteArrayOutputStream()
    png.write(byteArrayOf(0x89.toByte(), 'P'.code.toByte(), 'N'.code.toByte(), 'G'.code.toByte(), 13, 10, 26, 10))
    val header = ByteBuffer.allocate(13).putInt(width).putInt(height)
        .put(8).put(2).put(0).put(0).put(0).array() // 8-bit, truecolour, deflate, no filter, no interlace
    pngChunk(png, "IHDR", header)
    pngChunk(png, "IDAT", compressed.toByteArray())
    pngChunk(png, "IEND", ByteArray(0))
    return png.toByteArray()
}

private fun pngChunk(out: ByteArrayOutputStream, type: String, data: ByteArray) {
    val data32 = DataOutputStream(out)
    data32.writeInt(data.size)
    val typeBytes = type.toByteArray(Charsets.US_ASCII)
    data32.write(typeBytes)
    data32.write(data)
    val crc = CRC32()
    crc.update(typeBytes)
    crc.update(data)
    data32.writeInt(crc.value.toInt())
}

/** 16-bit mono PCM samples of a soft tone: [millis] long at [sampleRate]. */
internal fun tonePcm(millis: Int, sampleRate: Int = SPEECH_SAMPLE_RATE, hz: Double = 440.0): ByteArray {
    val count = sampleRate * millis / 1000
    val buffer = ByteBuffer.allocate(count * 2).order(ByteOrder.LITTLE_ENDIAN)
    for (i in 0 until count) buffer.putShort((sin(2 * PI * hz * i / sampleRate) * 3000).toInt().toShort())
    return buffer.array()
}

/** A valid RIFF/WAVE file around 16-bit mono [pcm]. */
internal fun wav(pcm: ByteArray, sampleRate: Int = SPEECH_SAMPLE_RATE): ByteArray {
    val b = ByteBuffer.allocate(44 + pcm.size).order(ByteOrder.LITTLE_ENDIAN)
    b.put("RIFF".toByteArray(Charsets.US_ASCII)).putInt(36 + pcm.size).put("WAVE".toByteArray(Charsets.US_ASCII))
    b.put("fmt ".toByteArray(Charsets.US_ASCII)).putInt(16).putShort(1).putShort(1)
        .putInt(sampleRate).putInt(sampleRate * 2).putShort(2).putShort(16)
    b.put("data".toByteArray(Charsets.US_ASCII)).putInt(pcm.size).put(pcm)
    return b.array()
}

internal const val SPEECH_SAMPLE_RATE = 24_000
