package dev.openai4k.examples

import dev.openai4k.OpenAI
import dev.openai4k.images.ImageQuality
import dev.openai4k.images.ImageResponseFormat
import dev.openai4k.images.ImageSize
import dev.openai4k.images.imageGenerationRequest
import dev.openai4k.images.images
import java.nio.file.Files
import java.nio.file.Path
import javax.imageio.ImageIO

/** Generates an image and saves it under [dir]; returns what was written. */
suspend fun imageGeneration(openai: OpenAI, model: String, dir: Path): String {
    val dallE = model.startsWith("dall-e")
    val request = imageGenerationRequest("A small watercolour lighthouse at dusk, minimal style") {
        this.model = model
        size = ImageSize.SQUARE_1024
        // GPT image models always answer base64 and reject response_format; DALL·E answers a URL unless asked.
        if (dallE) responseFormat = ImageResponseFormat.B64_JSON else quality = ImageQuality.LOW
    }
    val files = openai.images.generate(request).saveAll(dir, prefix = "lighthouse")
    return files.joinToString("\n") { file ->
        val image = ImageIO.read(file.toFile())
        val size = image?.let { "${it.width}x${it.height}" } ?: "unreadable by ImageIO"
        "saved $file (${Files.size(file)} bytes, $size)"
    }
}
