package dev.openai4k.files

import dev.openai4k.NotFoundException
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.ktor.http.HttpMethod
import java.io.ByteArrayOutputStream
import java.nio.file.Files as NioFiles

/** Every byte value, several times, so any text decoding on the way would show. */
private val BINARY = ByteArray(256 * 300) { it.toByte() }

class FilesContentTest : FunSpec({

    test("content returns the raw bytes of GET /files/{id}/content") {
        val r = Recorded { binary(BINARY) }
        val bytes = r.client.files.content("file-abc")

        r.requests.single().method shouldBe HttpMethod.Get
        r.requests.single().target shouldBe "/v1/files/file-abc/content"
        r.requests.single().headers["Accept"] shouldBe "*/*"
        bytes.contentEquals(BINARY) shouldBe true
    }

    test("content streams into an OutputStream and returns the count") {
        val r = Recorded { binary(BINARY) }
        val out = ByteArrayOutputStream()
        val n = r.client.files.content("file-abc", out)

        n shouldBe BINARY.size.toLong()
        out.toByteArray().contentEquals(BINARY) shouldBe true
        r.requests.single().target shouldBe "/v1/files/file-abc/content"
    }

    test("content streams into a path, replacing an existing file and leaving no temporary file") {
        val dir = NioFiles.createTempDirectory("files-content")
        val target = dir.resolve("out.bin")
        NioFiles.writeString(target, "old")
        val r = Recorded { binary(BINARY) }

        val n = r.client.files.content("file-abc", target)

        n shouldBe BINARY.size.toLong()
        NioFiles.readAllBytes(target).contentEquals(BINARY) shouldBe true
        NioFiles.list(dir).use { it.map { p -> p.fileName.toString() }.toList() } shouldBe listOf("out.bin")
        dir.toFile().deleteRecursively()
    }

    test("a failed download to a path leaves the old file untouched and no temporary file") {
        val dir = NioFiles.createTempDirectory("files-content")
        val target = dir.resolve("out.bin")
        NioFiles.writeString(target, "old")
        val r = Recorded { json("""{"error":{"message":"No such file","code":"not_found"}}""", 404) }

        shouldThrow<NotFoundException> { r.client.files.content("file-x", target) }

        NioFiles.readString(target) shouldBe "old"
        NioFiles.list(dir).use { it.count() } shouldBe 1L
        dir.toFile().deleteRecursively()
    }
})
