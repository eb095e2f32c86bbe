package dev.openai4k.facade

import dev.openai4k.http.FileSource
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.lang.reflect.Modifier
import java.nio.file.Path
import kotlin.reflect.KClass
import kotlin.reflect.KFunction
import kotlin.reflect.KParameter
import kotlin.reflect.KType
import kotlin.reflect.KVisibility
import kotlin.reflect.full.primaryConstructor

/**
 * Issue 17's builder guard: every public request class with a `Builder` (chat, responses, embeddings, images, ...)
 * has a builder member for each of its properties (a Kotlin property, so `setX`/`getX` from Java, or a fluent
 * method of the same name) and survives `toBuilder().build()` with every property set to a value that is not its
 * default. A property added to a request but forgotten in its builder fails here, naming the class and property.
 *
 * The rule is the property's own name: an adder with another name (`message(...)` next to `messages`) does not
 * count, so a Java caller can always find the member for a property by its name, and `toBuilder()` can set it whole.
 *
 * "Survives" compares the request's properties one by one (not `equals`), so a request that is not a data class
 * (`FileUploadRequest`) is checked too; a [FileSource] is compared by identity, and `toBuilder()` carries the same
 * instance over.
 */
class RequestBuildersGuardTest {
    private val requests: List<KClass<*>> = sdkClasses { segments -> "internal" !in segments && !segments.last().contains('$') }
        .filter { Modifier.isPublic(it.modifiers) && it.simpleName.endsWith("Request") && builderOf(it) != null }
        .map { it.kotlin }
        .filter { it.visibility == KVisibility.PUBLIC }

    @Test
    fun everyRequestPropertyHasABuilderMember() {
        assertTrue(requests.size >= 12) { "the scan found only ${requests.map { it.simpleName }}" }
        val missing = requests.flatMap { request ->
            val builder = builderOf(request.java)!!
            val members = builder.methods.filter { Modifier.isPublic(it.modifiers) }.map { it.name }.toSet()
            constructorOf(request).parameters.map { it.name!! }
                .filter { name -> name !in members && "set${name.cap()}" !in members && "get${name.cap()}" !in members }
                .map { "${request.simpleName}.$it" }
        }
        assertTrue(missing.isEmpty()) { "Request properties without a builder member: $missing" }
    }

    @Test
    fun everyRequestSurvivesToBuilderBuild() {
        val broken = requests.mapNotNull { request ->
            val full = try {
                fullySet(request)
            } catch (e: IllegalStateException) {
                return@mapNotNull "${request.simpleName}: cannot make a sample (${e.message})"
            }
            val toBuilder = request.java.methods.firstOrNull { it.name == "toBuilder" && it.parameterCount == 0 }
                ?: return@mapNotNull "${request.simpleName}: has a Builder but no toBuilder()"
            val builder = toBuilder.invoke(full)
            val rebuilt = builder.javaClass.getMethod("build").invoke(builder)
            val lost = differences(request, full, rebuilt)
            if (lost.isEmpty()) null else "${request.simpleName}: toBuilder().build() lost $lost"
        }
        assertTrue(broken.isEmpty()) { "Requests that do not survive toBuilder().build():\n" + broken.joinToString("\n") }
    }

    private fun builderOf(type: Class<*>): Class<*>? = type.declaredClasses.firstOrNull { it.simpleName == "Builder" && Modifier.isPublic(it.modifiers) }

    private fun constructorOf(type: KClass<*>): KFunction<Any> = type.primaryConstructor as KFunction<Any>? ?: error("no primary constructor")

    /** An instance of [type] with every constructor property given a sample that differs from its default. */
    private fun fullySet(type: KClass<*>): Any {
        val constructor = constructorOf(type)
        val defaults = runCatching { constructor.callBy(required(constructor)) }.getOrNull()
        val args = constructor.parameters.associateWith { p ->
            val value = sample(p.type, p.name!!, 1)
            val default = defaults?.let { d -> property(d, p.name!!) }
            if (value == default) flip(value) else value
        }
        return constructor.callBy(args)
    }

    private fun required(constructor: KFunction<Any>): Map<KParameter, Any?> =
        constructor.parameters.filter { !it.isOptional }.associateWith { sample(it.type, it.name!!, 1) }

    private fun property(instance: Any, name: String): Any? = getter(instance, name)?.invoke(instance)

    private fun getter(instance: Any, name: String) =
        instance.javaClass.methods.firstOrNull { it.parameterCount == 0 && (it.name == "get${name.cap()}" || it.name == name || it.name == "is${name.cap()}") }

    /** The properties of [type] whose values differ between [a] and [b]; a property without a getter cannot pass unseen. */
    private fun differences(type: KClass<*>, a: Any, b: Any): List<String> =
        constructorOf(type).parameters.map { it.name!! }.mapNotNull { name ->
            val get = getter(a, name) ?: return@mapNotNull "$name (no getter to compare)"
            name.takeIf { get.invoke(a) != get.invoke(b) }
        }

    private fun flip(value: Any?): Any? = when (value) {
        is Boolean -> !value
        is Int -> value + 1
        is Double -> value + 1
        is String -> "$value-2"
        else -> value
    }

    /**
     * A sample of [type] for the property at [path] (`tools/fileSearch/...`, for messages), [depth] levels below the
     * request. Nested model types get every property down to [FULL_DEPTH] and only their required ones below it, so
     * deep but finite types (tool resources, vector stores) end; only a type that needs itself fails, at [MAX_DEPTH].
     */
    private fun sample(type: KType, path: String, depth: Int): Any? {
        check(depth <= MAX_DEPTH) { "nesting too deep at $path (a type that requires itself?)" }
        val kind = type.classifier as? KClass<*> ?: error("no class for $path: $type")
        val arg = { i: Int -> type.arguments[i].type ?: error("star type at $path") }
        val name = path.substringAfterLast('/')
        return when (kind) {
            String::class -> "s-$name"
            Int::class -> 3
            Long::class -> 5L
            Double::class -> 0.25
            Float::class -> 0.5f
            Boolean::class -> true
            List::class, Collection::class, Iterable::class -> listOf(sample(arg(0), path, depth + 1))
            Set::class -> setOf(sample(arg(0), path, depth + 1))
            Map::class -> mapOf("k-$name" to sample(arg(1), path, depth + 1))
            JsonObject::class -> JsonObject(mapOf("k" to JsonPrimitive(name)))
            JsonArray::class -> JsonArray(listOf(JsonPrimitive(name)))
            JsonElement::class, JsonPrimitive::class -> JsonPrimitive("j-$name")
            FloatArray::class -> floatArrayOf(0.5f)
            ByteArray::class -> byteArrayOf(1, 2)
            Path::class -> Path.of("sample-$name.bin")
            // Bytes, not a path: FileSource.of(Path) needs the file to exist.
            FileSource::class -> FileSource.of(byteArrayOf(1, 2), "sample-$name.bin")
            else -> construct(kind, path, depth)
        }
    }

    /**
     * A value of a model type: its object, its public primary constructor, a sealed subtype (modelled variants
     * before the catch-alls such as `OtherTool` or `Unknown`), or a public static factory taking only strings.
     */
    private fun construct(kind: KClass<*>, path: String, depth: Int): Any {
        if (kind.objectInstance != null) return kind.objectInstance!!
        kind.primaryConstructor?.takeIf { it.visibility == KVisibility.PUBLIC && !kind.isAbstract && !kind.isSealed }?.let { c ->
            val given = if (depth < FULL_DEPTH) c.parameters else c.parameters.filter { !it.isOptional }
            return c.callBy(given.associateWith { sample(it.type, "$path/${it.name}", depth + 1) })
        }
        val failures = mutableListOf<String>()
        if (kind.isSealed) {
            val variants = kind.sealedSubclasses.sortedWith(compareBy({ it.isCatchAll() }, { it.qualifiedName }))
            for (sub in variants) {
                try {
                    return construct(sub, path, depth)
                } catch (e: IllegalStateException) {
                    failures += "${sub.simpleName}: ${e.message}"
                }
            }
        }
        val factory = kind.java.methods.firstOrNull { m ->
            Modifier.isStatic(m.modifiers) && kind.java.isAssignableFrom(m.returnType) && m.parameterTypes.all { it == String::class.java }
        } ?: error("cannot build a ${kind.simpleName} for $path" + if (failures.isEmpty()) "" else " $failures")
        return factory.invoke(null, *Array(factory.parameterCount) { "s-${path.substringAfterLast('/')}" })
    }

    /** A variant that holds what the SDK does not model: a sample should prefer the modelled ones. */
    private fun KClass<*>.isCatchAll(): Boolean = simpleName.orEmpty().let { it.startsWith("Other") || it.startsWith("Unknown") }

    private fun String.cap(): String = replaceFirstChar { it.uppercaseChar() }

    private companion object {
        /** Nested model types get every property down to this depth, and only their required ones below it. */
        const val FULL_DEPTH = 4

        /** Deeper than this, a sample fails: only a type that requires itself gets here. */
        const val MAX_DEPTH = 12
    }
}
