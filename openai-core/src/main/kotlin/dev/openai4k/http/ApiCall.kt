package dev.openai4k.http

import dev.openai4k.RequestOptions
import kotlinx.serialization.json.JsonElement

/** The HTTP methods the API uses. */
public enum class ApiMethod { GET, POST, DELETE }

/**
 * A path relative to the client's base URL, built from segments that are each percent-encoded, so a model id
 * such as `org/model:tag` stays one segment (`org%2Fmodel%3Atag`).
 */
public class ApiPath private constructor(
    /** The raw (unencoded) segments. */
    public val segments: List<String>,
) {
    /** The encoded path, without a leading slash. */
    public val encoded: String = segments.joinToString("/") { percentEncode(it) }

    override fun toString(): String = encoded
    override fun equals(other: Any?): Boolean = other is ApiPath && other.segments == segments
    override fun hashCode(): Int = segments.hashCode()

    public companion object {
        /**
         * A path from segments. A segment may itself contain `/` to spell several fixed segments
         * (`of("chat/completions")`); use [segment] for values that must stay one segment.
         */
        @JvmStatic
        public fun of(vararg parts: String): ApiPath = ApiPath(parts.toList())

        /** Fixed path text such as `"chat/completions"`, split on `/`. */
        @JvmStatic
        public fun fixed(path: String): ApiPath = ApiPath(path.trim('/').split('/').filter { it.isNotEmpty() })
    }

    /** This path followed by one more segment, encoded as a single segment whatever it contains. */
    public operator fun div(segment: String): ApiPath = ApiPath(segments + segment)
}

/** Percent-encodes one path segment: every byte outside RFC 3986's unreserved set is encoded. */
public fun percentEncode(segment: String): String {
    val bytes = segment.encodeToByteArray()
    val out = StringBuilder(bytes.size + 8)
    for (b in bytes) {
        val c = b.toInt() and 0xff
        val unreserved = (c in 'a'.code..'z'.code) || (c in 'A'.code..'Z'.code) || (c in '0'.code..'9'.code) ||
            c == '-'.code || c == '.'.code || c == '_'.code || c == '~'.code
        if (unreserved) {
            out.append(c.toChar())
        } else {
            out.append('%').append(HEX[c shr 4]).append(HEX[c and 0xf])
        }
    }
    return out.toString()
}

private const val HEX = "0123456789ABCDEF"

/** What a request carries. */
public sealed interface ApiBody {
    /** A JSON body. */
    public class Json(public val element: JsonElement) : ApiBody

    /** A `multipart/form-data` body. */
    public class Form(public val form: MultipartForm) : ApiBody
}

/** Reports how much of an upload has been sent; [total] is -1 when the length is unknown. */
public fun interface UploadProgressListener {
    /** Called as bytes leave; [sent] grows monotonically up to [total]. */
    public fun onProgress(sent: Long, total: Long)
}

/**
 * One API call as a section module describes it: method, path, body, query, headers and per-call options.
 * The client adds the base URL, authentication, default headers, retries and timeouts.
 */
public class ApiCall @JvmOverloads constructor(
    /** The HTTP method. */
    public val method: ApiMethod,
    /** The path under the base URL. */
    public val path: ApiPath,
    /** The body, if any. */
    public val body: ApiBody? = null,
    /** Query parameters (a name may repeat). Null values are dropped. */
    public val query: List<Pair<String, String?>> = emptyList(),
    /** Headers the section needs (`OpenAI-Beta`, `Accept`). */
    public val headers: Map<String, String> = emptyMap(),
    /** Per-call overrides from the caller. */
    public val options: RequestOptions = RequestOptions.NONE,
    /** Upload progress, for multipart bodies. */
    public val uploadProgress: UploadProgressListener? = null,
    /**
     * Whether Azure OpenAI serves this path under the configured deployment (`/openai/deployments/{name}/...`), as it
     * does for chat completions, completions, embeddings, audio and images; other paths go to `/openai/...`. The
     * section that builds the call says so; other servers ignore it.
     */
    @get:JvmName("isDeploymentScoped")
    public val deploymentScoped: Boolean = false,
) {
    override fun toString(): String = "ApiCall($method /$path)"
}
