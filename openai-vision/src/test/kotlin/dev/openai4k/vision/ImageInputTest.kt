package dev.openai4k.vision

import dev.openai4k.common.ImageDetail
import dev.openai4k.chat.ImagePart
import dev.openai4k.common.ImageUrl
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import java.nio.file.Files
import java.util.Base64

class ImageInputTest : FunSpec({
    test("http(s) and data: URLs are accepted as given, trimmed, whatever the scheme's case") {
        ImageInput.url("https://example.test/cat.png").url shouldBe "https://example.test/cat.png"
        ImageInput.url("  http://127.0.0.1:8080/a.jpg?sig=x%20y \n").url shouldBe "http://127.0.0.1:8080/a.jpg?sig=x%20y"
        ImageInput.url("HTTPS://Example.test/A.PNG").url shouldBe "HTTPS://Example.test/A.PNG"
        val data = "data:image/png;base64," + Base64.getEncoder().encodeToString(Images.png)
        ImageInput.url(data).url shouldBe data
        ImageInput.url(data).isDataUrl shouldBe true
        ImageInput.url("https://example.test/cat.png").isDataUrl shouldBe false
    }

    test("a URL that is neither http(s) nor data: is rejected, pointing local paths at ImageInput.file") {
        fun rejection(url: String): String = shouldThrow<IllegalArgumentException> { ImageInput.url(url) }.message!!

        rejection("ftp://example.test/cat.png") shouldContain "must be http(s) or a data: URL, got 'ftp://example.test/cat.png'"
        rejection("ftp://example.test/cat.png") shouldNotContain "ImageInput.file"
        rejection("file:///tmp/cat.png") shouldContain "use ImageInput.file(path)"
        rejection("/tmp/cat.png") shouldContain "use ImageInput.file(path)"
        rejection("C:\\pictures\\cat.png") shouldContain "use ImageInput.file(path)"
        rejection("cat.png") shouldContain "must be http(s) or a data: URL"
        rejection("   ") shouldContain "empty"
        rejection("https://") shouldContain "no host"
        rejection("https:///cat.png") shouldContain "no host"
        rejection("https://example.test/a cat.png") shouldContain "whitespace"
    }

    test("a data: URL must be a base64 image with a payload") {
        fun rejection(url: String): String = shouldThrow<IllegalArgumentException> { ImageInput.url(url) }.message!!

        rejection("data:text/plain;base64,aGVsbG8=") shouldContain "image/* media type, got 'text/plain'"
        rejection("data:;base64,aGVsbG8=") shouldContain "got '(none)'"
        rejection("data:image/svg+xml,<svg/>") shouldContain "must be base64 encoded"
        rejection("data:image/png;base64") shouldContain "needs a comma"
        rejection("data:image/png;base64,") shouldContain "empty payload"
    }

    test("a file is read now, its type taken from the content and not from its name") {
        val dir = Files.createTempDirectory("vision-test")
        try {
            val misnamed = dir.resolve("photo.png")
            Files.write(misnamed, Images.jpeg)
            val image = ImageInput.file(misnamed)
            image.format shouldBe ImageFormat.JPEG
            image.url shouldBe "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(Images.jpeg)
            image.source shouldBe misnamed.toString()
            image.size shouldBe Images.jpeg.size

            val noExtension = dir.resolve("upload")
            Files.write(noExtension, Images.webp)
            ImageInput.file(noExtension).mimeType shouldBe "image/webp"

            val text = dir.resolve("notes.jpg")
            Files.write(text, "not an image at all".toByteArray())
            val wrong = shouldThrow<IllegalArgumentException> { ImageInput.file(text) }.message!!
            wrong shouldContain "Unsupported image content in $text"
            wrong shouldContain "plain text"
        } finally {
            dir.toFile().deleteRecursively()
        }
    }

    test("a missing file or a directory is a clear IllegalArgumentException naming the path") {
        val dir = Files.createTempDirectory("vision-test")
        try {
            val missing = dir.resolve("nope.png")
            shouldThrow<IllegalArgumentException> { ImageInput.file(missing) }.message shouldBe
                "No image file at $missing (${missing.toAbsolutePath()})"
            shouldThrow<IllegalArgumentException> { ImageInput.file(dir) }.message shouldBe "Not a regular file: $dir"
        } finally {
            dir.toFile().deleteRecursively()
        }
    }

    test("bytes are copied in and out, so later changes to the caller's array do not alter what is sent") {
        val bytes = Images.png.copyOf()
        val image = ImageInput.bytes(bytes)
        bytes.fill(0)
        Base64.getDecoder().decode(image.url.substringAfter(",")) shouldBe Images.png
        image.bytes[0] = 0
        image.bytes shouldBe Images.png
        image shouldBe ImageInput.bytes(Images.png)
    }

    test("toContentPart carries the URL and the detail; a blank detail is rejected; toString hides the payload") {
        val image = ImageInput.bytes(Images.gif)
        image.toContentPart(ImageDetail.LOW) shouldBe ImagePart(ImageUrl(image.url, "low"))
        image.toContentPart() shouldBe ImagePart(ImageUrl(image.url, null))
        shouldThrow<IllegalArgumentException> { image.toContentPart(" ") }
        image.toString() shouldBe "ImageInput.Content(image/gif, ${Images.gif.size} bytes)"
        val dataUrl = ImageInput.url(image.url)
        dataUrl.toString() shouldBe "ImageInput.Url(data:image/gif;base64,... ${image.url.length} chars)"
    }
})
