package dev.openai4k.audio

import dev.openai4k.http.FileSource
import dev.openai4k.http.MultipartForm

/**
 * A multipart body: the file first, then the modelled fields that are set (a list value repeats its name), then
 * [extra]. An extra field replaces every modelled field of the same name, as `extraBody` does for JSON bodies.
 */
internal fun audioForm(file: FileSource, fields: List<Pair<String, Any?>>, extra: Map<String, String>): MultipartForm {
    val form = MultipartForm().file("file", file)
    for ((name, value) in fields) {
        if (name in extra) continue
        if (value is List<*>) form.fields(name, value.filterNotNull()) else form.field(name, value)
    }
    extra.forEach { (name, value) -> form.field(name, value) }
    return form
}
