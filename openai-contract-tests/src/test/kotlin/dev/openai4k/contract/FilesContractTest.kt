package dev.openai4k.contract

import dev.openai4k.files.FilePurpose
import dev.openai4k.files.FileUploadRequest
import dev.openai4k.files.fileListRequest
import dev.openai4k.files.fileUploadRequest
import dev.openai4k.files.files
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

@EnabledIf(PrismAvailable::class)
class FilesContractTest : FunSpec({
    contract(
        Operations.FILES_UPLOAD,
        minimal = {
            val file = openai.files.upload(FileUploadRequest(Fixtures.jsonl(), FilePurpose.FINE_TUNE), options)
            if (!dynamic) {
                file.objectType shouldBe "file"
                file.status shouldBe "uploaded"
            }
        },
        full = {
            val request = fileUploadRequest(Fixtures.jsonl(), FilePurpose.BATCH) {
                expiresAfterSeconds = 3600
            }
            openai.files.upload(request, options)
        },
    )

    contract(
        Operations.FILES_LIST,
        minimal = {
            val page = openai.files.list(options = options)
            if (!dynamic) page.data.single().filename shouldBe "string"
        },
        full = {
            val request = fileListRequest {
                purpose = FilePurpose.ASSISTANTS
                limit = 50
                order = "asc"
                after = "file-abc123"
            }
            openai.files.list(request, options)
        },
    )

    contract(
        Operations.FILES_RETRIEVE,
        minimal = {
            val file = openai.files.retrieve("file-abc123", options)
            if (!dynamic) file.bytes shouldBe 0
        },
        full = null,
    )

    contract(
        Operations.FILES_DELETE,
        minimal = {
            val deleted = openai.files.delete("file-abc123", options)
            if (!dynamic) deleted.deleted shouldBe true
        },
        full = null,
    )

    contract(
        Operations.FILES_CONTENT,
        minimal = {
            val bytes = openai.files.content("file-abc123", options)
            // The spec declares the content as a JSON string; Prism's example is "string", quotes included.
            if (!dynamic) bytes.decodeToString() shouldBe "\"string\""
        },
        full = null,
    )
})
