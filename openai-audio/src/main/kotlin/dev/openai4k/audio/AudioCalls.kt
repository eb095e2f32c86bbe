package dev.openai4k.audio

import dev.openai4k.RequestOptions
import dev.openai4k.http.ApiBody
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import dev.openai4k.http.MultipartForm

internal val SPEECH: ApiPath = ApiPath.fixed("audio/speech")
internal val TRANSCRIPTIONS: ApiPath = ApiPath.fixed("audio/transcriptions")
internal val TRANSLATIONS: ApiPath = ApiPath.fixed("audio/translations")

/** A multipart call that Azure OpenAI serves under the deployment. */
internal fun formCall(path: ApiPath, form: MultipartForm, options: RequestOptions): ApiCall =
    ApiCall(ApiMethod.POST, path, ApiBody.Form(form), options = options, deploymentScoped = true)

internal fun requireJson(format: String?, alternative: String) {
    require(format !in TranscriptionFormat.PLAIN_TEXT) {
        "response_format=$format answers plain text, not JSON: use $alternative"
    }
}
