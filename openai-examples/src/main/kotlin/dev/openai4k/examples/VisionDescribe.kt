package dev.openai4k.examples

import dev.openai4k.OpenAI
import dev.openai4k.vision.vision
import java.awt.Color
import java.awt.RenderingHints
import java.awt.image.BufferedImage
import java.io.ByteArrayOutputStream
import javax.imageio.ImageIO

/** Draws a small PNG in memory (a red circle on white) and asks the model what it shows. */
suspend fun visionDescribe(openai: OpenAI, model: String): String {
    val png = redCirclePng()
    val answer = openai.vision.describe(model, "What shape and colour do you see? Answer in one short sentence.", png)
    return "image: ${png.size} bytes PNG, 64x64\nanswer: $answer"
}

/** A 64x64 PNG: a red circle on a white background. */
fun redCirclePng(): ByteArray {
    val image = BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB)
    val g = image.createGraphics()
    try {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON)
        g.color = Color.WHITE
        g.fillRect(0, 0, 64, 64)
        g.color = Color.RED
        g.fillOval(8, 8, 48, 48)
    } finally {
        g.dispose()
    }
    return ByteArrayOutputStream().use { out ->
        check(ImageIO.write(image, "png", out)) { "No PNG writer available" }
        out.toByteArray()
    }
}
