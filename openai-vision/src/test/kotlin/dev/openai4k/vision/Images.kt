package dev.openai4k.vision

import java.awt.Color
import java.awt.image.BufferedImage
import java.io.ByteArrayOutputStream
import javax.imageio.ImageIO

/** Real images written by the JDK's encoders, so detection is tested on genuine files. */
object Images {
    private fun picture(type: Int = BufferedImage.TYPE_INT_RGB): BufferedImage = BufferedImage(4, 3, type).also { img ->
        for (x in 0 until 4) for (y in 0 until 3) img.setRGB(x, y, Color(x * 60, y * 80, 200).rgb)
    }

    private fun encode(format: String, image: BufferedImage = picture()): ByteArray {
        val out = ByteArrayOutputStream()
        check(ImageIO.write(image, format, out)) { "no ImageIO writer for $format" }
        return out.toByteArray()
    }

    val png: ByteArray by lazy { encode("png") }
    val jpeg: ByteArray by lazy { encode("jpeg") }
    val gif: ByteArray by lazy { encode("gif", picture(BufferedImage.TYPE_BYTE_INDEXED)) }
    val bmp: ByteArray by lazy { encode("bmp") }

    /** A lossless WebP container: RIFF, little-endian length, WEBP, then a VP8L chunk. */
    val webp: ByteArray by lazy {
        val payload = byteArrayOf(0x2F, 0x03, 0x00, 0x00, 0x00, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88.toByte(), 0x88.toByte(), 0xFE.toByte(), 0x07, 0x00)
        val chunk = "VP8L".toByteArray() + le32(payload.size) + payload + (if (payload.size % 2 == 1) byteArrayOf(0) else byteArrayOf())
        "RIFF".toByteArray() + le32(4 + chunk.size) + "WEBP".toByteArray() + chunk
    }

    /** A GIF with the older `GIF87a` signature (the JDK writes GIF89a). */
    val gif87: ByteArray by lazy { gif.copyOf().also { it[4] = '7'.code.toByte() } }

    private fun le32(v: Int) = byteArrayOf(v.toByte(), (v shr 8).toByte(), (v shr 16).toByte(), (v shr 24).toByte())
}
