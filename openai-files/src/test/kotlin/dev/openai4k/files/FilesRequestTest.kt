package dev.openai4k.files

import dev.openai4k.common.ListOrder
import dev.openai4k.NotFoundException
import dev.openai4k.http.FileSource
import dev.openai4k.requestOptions
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.ktor.http.HttpMethod
import kotlinx.coroutines.flow.toList
import java.nio.file.Files as NioFiles

private const val FILE_JSON =
    """{"id":"file-abc","object":"file","bytes":120,"created_at":1700000000,"expires_at":1700003600,
       "filename":"train.jsonl","purpose":"fine-tune","status":"processed","status_details":null,"extra":{"x":1}}"""

class FilesRequestTest : FunSpec({

    test("upload sends purpose and the file as multipart parts and decodes the file object") {
        val r = Recorded { json(FILE_JSON) }
        val content = "{\"a\":1}\n{\"a\":2}\n".encodeToByteArray()
        val file = r.client.files.upload(FileSource.of(content, "train.jsonl"), FilePurpose.FINE_TUNE)

        val req = r.requests.single()
        req.method shouldBe HttpMethod.Post
        req.target shouldBe "/v1/files"
        val parts = req.parts
        parts.map { it.name } shouldContainExactly listOf("purpose", "file")
        parts[0].text shouldBe "fine-tune"
        parts[0].filename.shouldBeNull()
        parts[1].filename shouldBe "train.jsonl"
        parts[1].contentType shouldBe "application/jsonl"
        parts[1].bytes.toList() shouldBe content.toList()

        file shouldBe FileObject(
            id = "file-abc", objectType = "file", bytes = 120, createdAt = 1700000000, expiresAt = 1700003600,
            filename = "train.jsonl", purpose = "fine-tune", status = FileStatus.PROCESSED, statusDetails = null,
        )
    }

    test("upload with an expiry and extra fields sends expires_after[anchor] and expires_after[seconds]") {
        val r = Recorded { json(FILE_JSON) }
        val request = fileUploadRequest(FileSource.of(byteArrayOf(1, 2, 3), "blob.bin"), FilePurpose.USER_DATA) {
            expiresAfterSeconds = 7200
            field("x_provider", "yes")
        }
        r.client.files.upload(request)

        val parts = r.requests.single().parts
        parts.map { it.name to (if (it.filename == null) it.text else "<file>") } shouldContainExactly listOf(
            "purpose" to "user_data",
            "expires_after[anchor]" to "created_at",
            "expires_after[seconds]" to "7200",
            "x_provider" to "yes",
            "file" to "<file>",
        )
        parts.last().contentType shouldBe "application/octet-stream"
        parts.last().bytes.toList() shouldBe listOf<Byte>(1, 2, 3)
    }

    test("the Java builder and the DSL build the same upload") {
        val source = FileSource.of(byteArrayOf(9), "a.txt")
        val built = FileUploadRequest.builder(source, FilePurpose.BATCH)
            .expiresAfter(java.time.Duration.ofHours(2)).field("k", "v").build()
        val dsl = fileUploadRequest(source, FilePurpose.BATCH) { expiresAfterSeconds = 7200; field("k", "v") }
        built.toForm().parts.map { it.name } shouldBe dsl.toForm().parts.map { it.name }
        built.expiresAfterSeconds shouldBe 7200L
        built.extraFields shouldBe mapOf("k" to "v")
    }

    test("upload from a path takes the filename and content type from the path") {
        val dir = NioFiles.createTempDirectory("files-test")
        val path = dir.resolve("notes.md")
        NioFiles.writeString(path, "# hello")
        val r = Recorded { json(FILE_JSON) }
        r.client.files.upload(path, FilePurpose.ASSISTANTS)

        val file = r.requests.single().parts.single { it.name == "file" }
        file.filename shouldBe "notes.md"
        file.contentType shouldBe "text/markdown"
        file.text shouldBe "# hello"
        dir.toFile().deleteRecursively()
    }

    test("list sends only the query parameters that are set and decodes the page") {
        val r = Recorded {
            json("""{"object":"list","data":[$FILE_JSON,{"id":"file-2"}],"first_id":"file-abc","last_id":"file-2","has_more":true}""")
        }
        val page = r.client.files.list(fileListRequest {
            purpose = FilePurpose.BATCH; limit = 2; order = ListOrder.ASC; after = "file-0"
        })
        r.client.files.list()

        r.requests[0].method shouldBe HttpMethod.Get
        r.requests[0].target shouldBe "/v1/files?purpose=batch&limit=2&order=asc&after=file-0"
        r.requests[1].target shouldBe "/v1/files"
        page.data.map { it.id } shouldContainExactly listOf("file-abc", "file-2")
        page.hasMore shouldBe true
        page.lastId shouldBe "file-2"
        page.data[1].purpose.shouldBeNull()
    }

    test("listAll follows the cursor over three pages, using the last item when last_id is missing") {
        val r = Recorded { request ->
            when (request.url.parameters["after"]) {
                null -> json("""{"data":[{"id":"f1"},{"id":"f2"}],"has_more":true,"last_id":"f2"}""")
                "f2" -> json("""{"data":[{"id":"f3"},{"id":"f4"}],"has_more":true}""")
                "f4" -> json("""{"data":[{"id":"f5"}],"has_more":false,"last_id":"f5"}""")
                else -> json("""{"error":{"message":"bad cursor"}}""", 400)
            }
        }
        val all = r.client.files.listAll(fileListRequest { purpose = FilePurpose.ASSISTANTS; limit = 2 }).toList()

        all.map { it.id } shouldContainExactly listOf("f1", "f2", "f3", "f4", "f5")
        r.requests.map { it.target } shouldContainExactly listOf(
            "/v1/files?purpose=assistants&limit=2",
            "/v1/files?purpose=assistants&limit=2&after=f2",
            "/v1/files?purpose=assistants&limit=2&after=f4",
        )
    }

    test("listAll starts after the request's own cursor") {
        val r = Recorded { json("""{"data":[{"id":"f9"}],"has_more":false}""") }
        r.client.files.listAll(FileListRequest(after = "f8")).toList().map { it.id } shouldBe listOf("f9")
        r.requests.single().target shouldBe "/v1/files?after=f8"
    }

    test("retrieve keeps the id one path segment and tolerates missing fields") {
        val r = Recorded { json("""{"id":"file/odd id"}""") }
        val file = r.client.files.retrieve("file/odd id")

        r.requests.single().method shouldBe HttpMethod.Get
        r.requests.single().url.encodedPath shouldBe "/v1/files/file%2Fodd%20id"
        file shouldBe FileObject(id = "file/odd id")
    }

    test("delete uses DELETE and decodes the deletion status") {
        val r = Recorded { json("""{"id":"file-abc","object":"file","deleted":true}""") }
        val deleted = r.client.files.delete("file-abc")

        r.requests.single().method shouldBe HttpMethod.Delete
        r.requests.single().target shouldBe "/v1/files/file-abc"
        deleted shouldBe FileDeleted("file-abc", "file", true)
    }

    test("a 404 becomes NotFoundException with the server's message and code") {
        val r = Recorded {
            json("""{"error":{"message":"No such File object: file-x","type":"invalid_request_error","param":"id","code":"not_found"}}""", 404)
        }
        val e = shouldThrow<NotFoundException> { r.client.files.retrieve("file-x") }
        e.status shouldBe 404
        e.code shouldBe "not_found"
        e.param shouldBe "id"
        e.message!!.contains("No such File object") shouldBe true
    }

    test("request options add headers and query parameters") {
        val r = Recorded { json(FILE_JSON) }
        r.client.files.retrieve("file-abc", requestOptions { header("X-Trace", "t-1"); query("debug", "1") })
        r.requests.single().headers["X-Trace"] shouldBe "t-1"
        r.requests.single().target shouldBe "/v1/files/file-abc?debug=1"
    }

    test("in Azure mode files go to the resource root with api-version and the api-key header") {
        val r = Recorded({ azure("https://res.openai.azure.com", "dep-1", "2024-10-21") }, apiKey = "sk-test") { json(FILE_JSON) }
        r.client.files.retrieve("file-abc")
        val req = r.requests.single()
        req.url.toString() shouldBe "https://res.openai.azure.com/openai/files/file-abc?api-version=2024-10-21"
        req.headers["api-key"] shouldBe "sk-test"
    }
})
