package dev.openai4k.facade

import dev.openai4k.CursorPage
import dev.openai4k.OpenAI
import dev.openai4k.RequestOptions
import dev.openai4k.files.FileDeleted
import dev.openai4k.files.FileListRequest
import dev.openai4k.files.FileObject
import dev.openai4k.files.FileUploadRequest
import dev.openai4k.files.Files
import dev.openai4k.files.files
import dev.openai4k.http.FileSource
import dev.openai4k.http.UploadProgressListener
import java.io.OutputStream
import java.nio.file.Path
import java.util.concurrent.CompletableFuture

/**
 * The Files API for Java (`openai.files()`): upload, list (a page, or every file as an [AsyncStream]), retrieve,
 * delete and download. Futures fail with the `OpenAIException`s the Kotlin [Files] documents. An upload's progress
 * listener is called from the upload as bytes leave, not necessarily on the facade's executor: keep it short.
 */
public class AsyncFiles internal constructor(client: OpenAI, private val runtime: AsyncRuntime) {
    private val files: Files = client.files

    /** Uploads a file; see [Files.upload]. */
    @JvmOverloads
    public fun upload(
        request: FileUploadRequest,
        options: RequestOptions = RequestOptions.NONE,
        progress: UploadProgressListener? = null,
    ): CompletableFuture<FileObject> = runtime.future { files.upload(request, options, progress) }

    /** Uploads [file] for [purpose] (see `FilePurpose`). */
    @JvmOverloads
    public fun upload(
        file: FileSource,
        purpose: String,
        options: RequestOptions = RequestOptions.NONE,
        progress: UploadProgressListener? = null,
    ): CompletableFuture<FileObject> = runtime.future { files.upload(file, purpose, options, progress) }

    /** Uploads the file at [path] for [purpose]; the future fails with `IllegalArgumentException` if it is not a readable file. */
    @JvmOverloads
    public fun upload(
        path: Path,
        purpose: String,
        options: RequestOptions = RequestOptions.NONE,
        progress: UploadProgressListener? = null,
    ): CompletableFuture<FileObject> = runtime.future { files.upload(path, purpose, options, progress) }

    /** One page of files; see [Files.list]. */
    @JvmOverloads
    public fun list(
        request: FileListRequest = FileListRequest.ALL,
        options: RequestOptions = RequestOptions.NONE,
    ): CompletableFuture<CursorPage<FileObject>> = runtime.future { files.list(request, options) }

    /** Every file matching [request], fetching pages as the stream is consumed (see [AsyncStream]); see [Files.listAll]. */
    @JvmOverloads
    public fun listAll(
        request: FileListRequest = FileListRequest.ALL,
        options: RequestOptions = RequestOptions.NONE,
    ): AsyncStream<FileObject> = runtime.stream { files.listAll(request, options) }

    /** The metadata of one file; see [Files.retrieve]. */
    @JvmOverloads
    public fun retrieve(fileId: String, options: RequestOptions = RequestOptions.NONE): CompletableFuture<FileObject> =
        runtime.future { files.retrieve(fileId, options) }

    /** Deletes a file; see [Files.delete]. */
    @JvmOverloads
    public fun delete(fileId: String, options: RequestOptions = RequestOptions.NONE): CompletableFuture<FileDeleted> =
        runtime.future { files.delete(fileId, options) }

    /** The content of a file, in memory; see [Files.content]. */
    @JvmOverloads
    public fun content(fileId: String, options: RequestOptions = RequestOptions.NONE): CompletableFuture<ByteArray> =
        runtime.future { files.content(fileId, options) }

    /** Streams the content of a file into [target] (replaced only once complete); completes with the byte count. */
    @JvmOverloads
    public fun content(fileId: String, target: Path, options: RequestOptions = RequestOptions.NONE): CompletableFuture<Long> =
        runtime.future { files.content(fileId, target, options) }

    /** Streams the content of a file into [out] (flushed, not closed); completes with the byte count. */
    @JvmOverloads
    public fun content(fileId: String, out: OutputStream, options: RequestOptions = RequestOptions.NONE): CompletableFuture<Long> =
        runtime.future { files.content(fileId, out, options) }

    /** The Kotlin API underneath. */
    public fun kotlin(): Files = files
}
