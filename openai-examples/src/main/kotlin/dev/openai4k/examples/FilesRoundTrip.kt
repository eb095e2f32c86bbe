package dev.openai4k.examples

import dev.openai4k.OpenAI
import dev.openai4k.files.FileListRequest
import dev.openai4k.files.FilePurpose
import dev.openai4k.files.files
import dev.openai4k.http.FileSource

/**
 * Uploads a small JSONL file, finds it in the list, reads its content back, and deletes it. The purpose is `batch`
 * with one valid batch line, because OpenAI does not let `user_data` files be downloaded again.
 */
suspend fun filesRoundTrip(openai: OpenAI, model: String): String {
    val line = """{"custom_id":"example-1","method":"POST","url":"/v1/chat/completions",""" +
        """"body":{"model":"$model","messages":[{"role":"user","content":"Hello"}]}}""" + "\n"
    val bytes = line.encodeToByteArray()
    val uploaded = openai.files.upload(FileSource.of(bytes, "openai4k-example.jsonl", "application/jsonl"), FilePurpose.BATCH)
    val report = try {
        val listed = openai.files.list(FileListRequest.builder().purpose(FilePurpose.BATCH).limit(100).build())
        val found = listed.data.any { it.id == uploaded.id }
        val content = openai.files.content(uploaded.id)
        check(content.contentEquals(bytes)) { "The content read back differs from what was uploaded" }
        buildString {
            appendLine("uploaded ${uploaded.id} (${uploaded.filename}, ${uploaded.bytes} bytes, purpose ${uploaded.purpose})")
            appendLine("listed: ${listed.data.size} batch file(s), ours ${if (found) "among them" else "not on the first page"}")
            append("content: ${content.size} bytes, identical to the upload")
        }
    } catch (e: Throwable) {
        runCatching { openai.files.delete(uploaded.id) } // best effort: do not leave the file behind
        throw e
    }
    val deleted = openai.files.delete(uploaded.id)
    check(deleted.deleted) { "The server did not delete ${uploaded.id}" }
    return "$report\ndeleted: ${deleted.id}"
}
