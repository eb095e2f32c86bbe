package dev.openai4k.vision

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import java.util.Base64

class ImageFormatTest : FunSpec({
    test("each supported format is recognised from real encoder output and maps to its MIME type") {
        val cases = listOf(
            Images.png to "image/png",
            Images.jpeg to "image/jpeg",
            Images.gif to "image/gif",
            Images.gif87 to "image/gif",
            Images.webp to "image/webp",
        )
        for ((bytes, mime) in cases) {
            ImageFormat.of(bytes).mimeType shouldBe mime
            ImageInput.bytes(bytes).mimeType shouldBe mime
            ImageInput.bytes(bytes).url shouldStartWith "data:$mime;base64,"
        }
        ImageFormat.detect(Images.png) shouldBe ImageFormat.PNG
        ImageFormat.detect(Images.jpeg) shouldBe ImageFormat.JPEG
        ImageFormat.detect(Images.gif) shouldBe ImageFormat.GIF
        ImageFormat.detect(Images.webp) shouldBe ImageFormat.WEBP
    }

    test("only the signature counts: a signature followed by anything is that format, a shifted one is not") {
        val pngHead = Images.png.copyOf(8)
        ImageFormat.detect(pngHead + ByteArray(3)) shouldBe ImageFormat.PNG
        ImageFormat.detect(byteArrayOf(0) + pngHead) shouldBe null
        ImageFormat.detect(byteArrayOf(0xFF.toByte(), 0xD8.toByte(), 0xFF.toByte())) shouldBe ImageFormat.JPEG
        ImageFormat.detect(byteArrayOf(0xFF.toByte(), 0xD8.toByte())) shouldBe null
        ImageFormat.detect("GIF88a".toByteArray()) shouldBe null
    }

    test("unknown content is rejected with a message naming what was seen and its first bytes") {
        fun rejection(bytes: ByteArray): String = shouldThrow<IllegalArgumentException> { ImageInput.bytes(bytes) }.message!!

        val pdf = rejection("%PDF-1.7\n%âãÏÓ\n1 0 obj".toByteArray(Charsets.ISO_8859_1))
        pdf shouldContain "PDF document"
        pdf shouldContain "25 50 44 46 2D 31 2E 37"
        pdf shouldContain "expected PNG, JPEG, GIF or WebP"

        rejection(Images.bmp) shouldContain "BMP image"
        rejection("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>".toByteArray()) shouldContain "SVG text"
        rejection("<!DOCTYPE html><html>Not found</html>".toByteArray()) shouldContain "HTML or XML text"
        rejection(Base64.getEncoder().encode(Images.png)) shouldContain "base64 text of an image"
        rejection("data:image/png;base64,iVBORw0KGgo=".toByteArray()) shouldContain "pass it to ImageInput.url"
        rejection("hello world".toByteArray()) shouldContain "plain text"
        rejection(Images.png.copyOf(5)) shouldContain "truncated PNG signature"
        val wav = rejection("RIFF".toByteArray() + byteArrayOf(36, 0, 0, 0) + "WAVEfmt ".toByteArray())
        wav shouldContain "RIFF file of type 'WAVE'"
        wav shouldContain "not WebP"
        rejection("RIFF".toByteArray() + byteArrayOf(1, 0)) shouldContain "truncated RIFF header"
        rejection(byteArrayOf(0, 0, 0, 0x18) + "ftypheic".toByteArray() + ByteArray(8)) shouldContain "HEIC/HEIF image"
        rejection(byteArrayOf(0, 0, 0, 0x1C) + "ftypavif".toByteArray() + ByteArray(8)) shouldContain "AVIF image"
        rejection(byteArrayOf(0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0)) shouldContain "TIFF image"
        rejection(byteArrayOf(0x50, 0x4B, 0x03, 0x04, 20, 0)) shouldContain "ZIP archive"
        val binary = rejection(ByteArray(40) { (it * 7 + 1).toByte() })
        binary shouldContain "unrecognised binary content"
        binary shouldContain "(40 bytes, starting 01 08 0F 16"
        binary shouldContain " ..." // more than 16 bytes: the preview says it is cut
        rejection(ByteArray(0)) shouldContain "empty (0 bytes)"
    }

    test("ImageFormat.of raises the same kind of message; detect returns null instead") {
        ImageFormat.detect("%PDF-1.4".toByteArray()) shouldBe null
        shouldThrow<IllegalArgumentException> { ImageFormat.of("%PDF-1.4".toByteArray()) }.message!! shouldContain "PDF document"
    }
})
