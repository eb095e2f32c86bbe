package dev.openai4k.files

import dev.openai4k.common.ListOrder
import dev.openai4k.BadRequestException
import dev.openai4k.NotFoundException
import dev.openai4k.OpenAI
import dev.openai4k.OpenAIConnectionException
import dev.openai4k.http.FileSource
import dev.openai4k.http.UploadProgressListener
import dev.openai4k.testkit.Fault
import dev.openai4k.testkit.OpenAITestServer
import dev.openai4k.testkit.Scripted
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.flow.toList
import java.io.ByteArrayInputStream
import java.util.concurrent.CopyOnWriteArrayList
import java.nio.file.Files as NioFiles

/** Records progress reports; a list safe to append to from the engine's threads. */
private class ProgressLog : UploadProgressListener {
    val reports = CopyOnWriteArrayList<Pair<Long, Long>>()
    override fun onProgress(sent: Long, total: Long) {
        reports += sent to total
    }

    fun assertMonotonic() {
        reports.map { it.first }.zipWithNext().forEach { (a, b) -> (b >= a) shouldBe true }
    }
}

/** A megabyte of varied bytes, so the upload takes many writes and any corruption shows. */
private val PAYLOAD = ByteArray(1 shl 20) { ((it * 31) xor (it ushr 8)).toByte() }

class FilesSocketTest : FunSpec({
    val server = OpenAITestServer.start()
    val client = OpenAI { baseUrl = server.baseUrl; apiKey = "sk-test"; maxRetries = 0 }
    afterSpec {
        client.close()
        server.close()
    }
    beforeEach { server.clearRequests() }

    test("an upload reaches the server as purpose and file parts, reporting progress up to the total") {
        val progress = ProgressLog()
        val file = client.files.upload(FileSource.of(PAYLOAD, "data.jsonl"), FilePurpose.BATCH, progress = progress)

        val recorded = server.requests("POST files").single()
        recorded.parts.map { it.name } shouldContainExactly listOf("purpose", "file")
        recorded.part("purpose")!!.text shouldBe "batch"
        recorded.part("purpose")!!.filename shouldBe null
        val part = recorded.part("file")!!
        part.filename shouldBe "data.jsonl"
        part.contentType shouldBe "application/jsonl"
        part.bytes.contentEquals(PAYLOAD) shouldBe true

        progress.reports.size shouldBeGreaterThan 1
        progress.assertMonotonic()
        val (lastSent, lastTotal) = progress.reports.last()
        lastTotal shouldBe recorded.body.size.toLong()
        lastSent shouldBe lastTotal
        progress.reports.map { it.second }.toSet() shouldBe setOf(lastTotal)

        file.filename shouldBe "data.jsonl"
        file.bytes shouldBe PAYLOAD.size.toLong()
        file.purpose shouldBe "batch"
    }

    test("an upload from a stream of unknown length arrives whole and reports an unknown total") {
        val progress = ProgressLog()
        val source = FileSource.of(ByteArrayInputStream(PAYLOAD), "blob.bin")
        val file = client.files.upload(fileUploadRequest(source, FilePurpose.USER_DATA) { expiresAfterSeconds = 3600 }, progress = progress)

        val recorded = server.requests("POST files").single()
        recorded.parts.map { it.name } shouldContainExactly
            listOf("purpose", "expires_after[anchor]", "expires_after[seconds]", "file")
        recorded.part("expires_after[anchor]")!!.text shouldBe "created_at"
        recorded.part("expires_after[seconds]")!!.text shouldBe "3600"
        recorded.part("file")!!.bytes.contentEquals(PAYLOAD) shouldBe true
        recorded.part("file")!!.contentType shouldBe "application/octet-stream"
        file.bytes shouldBe PAYLOAD.size.toLong()

        progress.reports.size shouldBeGreaterThan 1
        progress.assertMonotonic()
        progress.reports.map { it.second }.toSet() shouldBe setOf(-1L)
        progress.reports.last().first shouldBe recorded.body.size.toLong()
    }

    test("upload, list over pages, retrieve, download and delete against the server's store") {
        val names = listOf("a.txt", "b.txt", "c.txt")
        val uploaded = names.map { client.files.upload(FileSource.of("content of $it".encodeToByteArray(), it), FilePurpose.ASSISTANTS) }
        client.files.upload(FileSource.of(byteArrayOf(1), "other.jsonl"), FilePurpose.FINE_TUNE)

        val listed = client.files.listAll(fileListRequest { purpose = FilePurpose.ASSISTANTS; limit = 1; order = ListOrder.ASC }).toList()
        listed.map { it.id } shouldContainExactly uploaded.map { it.id }
        server.requests("GET files").size shouldBe 3

        val b = uploaded[1]
        client.files.retrieve(b.id).filename shouldBe "b.txt"
        client.files.content(b.id).decodeToString() shouldBe "content of b.txt"
        val dir = NioFiles.createTempDirectory("files-socket")
        val target = dir.resolve("b.txt")
        client.files.content(b.id, target) shouldBe "content of b.txt".length.toLong()
        NioFiles.readString(target) shouldBe "content of b.txt"
        dir.toFile().deleteRecursively()

        client.files.delete(b.id) shouldBe FileDeleted(b.id, "file", true)
        shouldThrow<NotFoundException> { client.files.retrieve(b.id) }.param shouldBe "id"
        server.requests("DELETE files/{id}").single().path shouldBe "/v1/files/${b.id}"
    }

    test("a large download streams to an OutputStream intact") {
        val file = client.files.upload(FileSource.of(PAYLOAD, "big.bin"), FilePurpose.USER_DATA)
        val out = java.io.ByteArrayOutputStream()
        client.files.content(file.id, out) shouldBe PAYLOAD.size.toLong()
        out.toByteArray().contentEquals(PAYLOAD) shouldBe true
    }

    test("an in-memory download cut short by the server fails instead of returning part of the file") {
        val file = client.files.upload(FileSource.of(PAYLOAD, "big.bin"), FilePurpose.USER_DATA)
        server.enqueue("GET files/{id}/content", Scripted.fault(Fault.closeAfterBytes(100_000)))

        val e = shouldThrow<OpenAIConnectionException> { client.files.content(file.id) }
        e.message!! shouldContain "100000 of ${PAYLOAD.size}"
    }

    test("the server's validation error comes back as BadRequestException naming the parameter") {
        val e = shouldThrow<BadRequestException> { client.files.upload(FileSource.of(byteArrayOf(1), "x.txt"), "not-a-purpose") }
        e.param shouldBe "purpose"
        e.status shouldBe 400
    }
})
