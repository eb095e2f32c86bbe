package dev.openai4k.chat

import dev.openai4k.OpenAIJson
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import kotlinx.serialization.descriptors.PolymorphicKind
import kotlinx.serialization.descriptors.PrimitiveKind
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.descriptors.SerialKind
import kotlinx.serialization.descriptors.StructureKind
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * A JSON value for [descriptor] with every element present and set to a value no default has: strings name their
 * path, numbers are 3 (longs a timestamp), booleans true, lists hold one element, classes every element.
 */
private fun everything(descriptor: SerialDescriptor, path: String, depth: Int = 0): JsonElement {
    check(depth < 12) { "descriptor too deep at $path" }
    return when (descriptor.kind) {
        PrimitiveKind.STRING, PrimitiveKind.CHAR -> JsonPrimitive("v:$path")
        PrimitiveKind.INT, PrimitiveKind.SHORT, PrimitiveKind.BYTE -> JsonPrimitive(3)
        PrimitiveKind.LONG -> JsonPrimitive(1_700_000_003L)
        PrimitiveKind.DOUBLE, PrimitiveKind.FLOAT -> JsonPrimitive(0.25)
        PrimitiveKind.BOOLEAN -> JsonPrimitive(true)
        StructureKind.LIST -> JsonArray(listOf(everything(descriptor.getElementDescriptor(0), "$path[0]", depth + 1)))
        StructureKind.MAP -> JsonObject(mapOf("k" to everything(descriptor.getElementDescriptor(1), "$path.k", depth + 1)))
        StructureKind.CLASS, StructureKind.OBJECT -> JsonObject(
            (0 until descriptor.elementsCount).associate { i ->
                val name = descriptor.getElementName(i)
                name to everything(descriptor.getElementDescriptor(i), "$path.$name", depth + 1)
            },
        )
        SerialKind.ENUM -> JsonPrimitive(descriptor.getElementName(descriptor.elementsCount - 1))
        is PolymorphicKind, SerialKind.CONTEXTUAL -> JsonPrimitive("v:$path") // JsonElement fields and the like
        else -> error("no sample for ${descriptor.kind} at $path")
    }
}

/**
 * Issue 17's guard on the hand-written chunk scanner: on a chunk with every field of [ChatCompletionChunk] (and of
 * every class inside it) set, [ChatChunkDecoder] reads it itself and gives exactly what the generated serializer
 * gives. A field added to the model but not to the scanner fails here instead of being dropped from every stream.
 */
class ChunkDecoderGuardTest : FunSpec({
    test("the scanner reads a chunk with every descriptor element set exactly as the serializer does") {
        val json = everything(ChatCompletionChunk.serializer().descriptor, "chunk").toString()
        val expected = OpenAIJson.decodeFromString(ChatCompletionChunk.serializer(), json)
        withClue("the sample sets content, tool calls, logprobs, audio and annotations: $expected") {
            expected.choices.single().delta.toolCalls.shouldNotBeNull()
            expected.choices.single().logprobs.shouldNotBeNull()
            expected.choices.single().delta.annotations.shouldNotBeNull()
        }
        withClue("scanned (not handed to the serializer) and equal, on $json") {
            ChatChunkDecoder().scan(json).shouldNotBeNull() shouldBe expected
        }
        // A second chunk through the same decoder: remembered values must not leak into a chunk that differs.
        val decoder = ChatChunkDecoder()
        decoder.scan(json)
        val other = json.replace("v:chunk", "w:chunk")
        decoder.scan(other) shouldBe OpenAIJson.decodeFromString(ChatCompletionChunk.serializer(), other)
    }
})
