package dev.openai4k.images

import dev.openai4k.http.FileSource
import dev.openai4k.http.MultipartForm

/**
 * A multipart body: the files first (servers that stream uploads see them before the options), then the modelled
 * fields that are set, then [extra]. An extra field replaces a modelled one of the same name, as `extraBody` does
 * for JSON bodies.
 */
internal fun imageForm(
    files: List<Pair<String, FileSource>>,
    fields: List<Pair<String, Any?>>,
    extra: Map<String, String>,
): MultipartForm {
    val form = MultipartForm()
    files.forEach { (name, source) -> form.file(name, source) }
    fields.forEach { (name, value) -> if (name !in extra) form.field(name, value) }
    extra.forEach { (name, value) -> form.field(name, value) }
    return form
}
