package dev.openai4k.files

import dev.openai4k.CursorPage
import dev.openai4k.OpenAI
import dev.openai4k.RequestOptions
import dev.openai4k.autoPaging
import dev.openai4k.http.ApiBody
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import dev.openai4k.http.FileSource
import dev.openai4k.http.UploadProgressListener
import kotlinx.coroutines.flow.Flow
import java.io.OutputStream
import java.nio.file.Path

/**
 * The Files API (`/files`): upload files for assistants, batches, fine-tuning, vision and evals; list, retrieve,
 * delete them and download their content. Reach it through [OpenAI.files].
 *
 * Every call throws [dev.openai4k.OpenAIException] on failure: a status subclass such as
 * [dev.openai4k.NotFoundException] for error answers, [dev.openai4k.OpenAIConnectionException] for the network,
 * [dev.openai4k.OpenAIDecodeException] for an answer that does not decode.
 */
public class Files internal constructor(private val client: OpenAI) {

    /**
     * Uploads a file (`POST /files`, multipart). [progress], if given, is told how many bytes have been sent and
     * the total (-1 when a stream's length is unknown), growing monotonically up to the total; on a retry it
     * starts again from zero.
     *
     * @throws dev.openai4k.OpenAIException on failure (a one-shot stream is never retried).
     */
    public suspend fun upload(
        request: FileUploadRequest,
        options: RequestOptions = RequestOptions.NONE,
        progress: UploadProgressListener? = null,
    ): FileObject = client.execute(
        ApiCall(ApiMethod.POST, ROOT, ApiBody.Form(request.toForm()), options = options, uploadProgress = progress),
        FileObject.serializer(),
    )

    /**
     * Uploads [file] for [purpose] (see [FilePurpose]); the short form of [upload] with a [FileUploadRequest].
     *
     * @throws dev.openai4k.OpenAIException on failure.
     */
    public suspend fun upload(
        file: FileSource,
        purpose: String,
        options: RequestOptions = RequestOptions.NONE,
        progress: UploadProgressListener? = null,
    ): FileObject = upload(FileUploadRequest(file, purpose), options, progress)

    /**
     * Uploads the file at [path] for [purpose]; its name and content type come from the path.
     *
     * @throws IllegalArgumentException if [path] is not a readable regular file.
     * @throws dev.openai4k.OpenAIException on failure.
     */
    public suspend fun upload(
        path: Path,
        purpose: String,
        options: RequestOptions = RequestOptions.NONE,
        progress: UploadProgressListener? = null,
    ): FileObject = upload(FileUploadRequest(FileSource.of(path), purpose), options, progress)

    /**
     * One page of files (`GET /files`). Servers that do not page answer with everything as one last page.
     *
     * @throws dev.openai4k.OpenAIException on failure.
     */
    public suspend fun list(
        request: FileListRequest = FileListRequest.ALL,
        options: RequestOptions = RequestOptions.NONE,
    ): CursorPage<FileObject> = page(request, request.after, options)

    /**
     * Every file matching [request], as a cold flow that fetches pages lazily (starting after [FileListRequest.after])
     * until the server says there are no more. Each collection starts over.
     *
     * @throws dev.openai4k.OpenAIException from the collector on failure.
     */
    public fun listAll(
        request: FileListRequest = FileListRequest.ALL,
        options: RequestOptions = RequestOptions.NONE,
    ): Flow<FileObject> = autoPaging(FileObject::id) { cursor -> page(request, cursor ?: request.after, options) }

    private suspend fun page(request: FileListRequest, after: String?, options: RequestOptions): CursorPage<FileObject> =
        client.execute(
            ApiCall(ApiMethod.GET, ROOT, query = request.query(after), options = options),
            CursorPage.serializer(FileObject.serializer()),
        )

    /**
     * The metadata of one file (`GET /files/{id}`).
     *
     * @throws dev.openai4k.NotFoundException if there is no such file.
     * @throws dev.openai4k.OpenAIException on other failures.
     */
    public suspend fun retrieve(fileId: String, options: RequestOptions = RequestOptions.NONE): FileObject =
        client.execute(ApiCall(ApiMethod.GET, ROOT / fileId, options = options), FileObject.serializer())

    /**
     * Deletes a file (`DELETE /files/{id}`).
     *
     * @throws dev.openai4k.NotFoundException if there is no such file.
     * @throws dev.openai4k.OpenAIException on other failures.
     */
    public suspend fun delete(fileId: String, options: RequestOptions = RequestOptions.NONE): FileDeleted =
        client.execute(ApiCall(ApiMethod.DELETE, ROOT / fileId, options = options), FileDeleted.serializer())

    /**
     * The content of a file (`GET /files/{id}/content`), held in memory (bounded by the client's
     * `maxResponseBytes`). For large files use the overloads that stream to a path or an [OutputStream].
     *
     * @throws dev.openai4k.OpenAIDecodeException if the content is larger than `maxResponseBytes`.
     * @throws dev.openai4k.OpenAIException on other failures.
     */
    public suspend fun content(fileId: String, options: RequestOptions = RequestOptions.NONE): ByteArray =
        client.executeBytes(contentCall(fileId, options))

    /**
     * Streams the content of a file into [target] without holding it in memory, and returns the number of bytes
     * written. The bytes go to a temporary file next to [target] that replaces it only once the download is
     * complete, so a failed download leaves [target] as it was. A body that ends before its `Content-Length`
     * (a connection the server closed early) raises `OpenAIConnectionException`.
     *
     * @throws java.io.IOException if the file cannot be written.
     * @throws dev.openai4k.OpenAIException on failure of the call; the server's idle timeout applies between reads.
     */
    public suspend fun content(fileId: String, target: Path, options: RequestOptions = RequestOptions.NONE): Long =
        writeToFileAtomically(target) { out ->
            client.executeStreaming(contentCall(fileId, options)) { channel -> channel.copyToStream(out) }
        }

    /**
     * Streams the content of a file into [out] without holding it in memory, and returns the number of bytes
     * written. [out] is flushed but not closed. If the call fails midway, [out] holds what had arrived and the call
     * raises `OpenAIConnectionException` (a body cut short of its `Content-Length` included).
     *
     * @throws java.io.IOException if [out] fails.
     * @throws dev.openai4k.OpenAIException on failure of the call.
     */
    public suspend fun content(fileId: String, out: OutputStream, options: RequestOptions = RequestOptions.NONE): Long =
        client.executeStreaming(contentCall(fileId, options)) { channel -> channel.copyToStream(out) }

    private fun contentCall(fileId: String, options: RequestOptions) =
        ApiCall(ApiMethod.GET, ROOT / fileId / "content", options = options)

    override fun toString(): String = "Files($client)"

    private companion object {
        val ROOT: ApiPath = ApiPath.fixed("files")
    }
}

/** The Files API of this client (`/files`). */
public val OpenAI.files: Files get() = Files(this)
