package dev.openai4k.facade

import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.lang.reflect.Modifier
import kotlin.reflect.KVisibility
import kotlin.reflect.jvm.javaConstructor

/**
 * The facade is for Java: no public signature may carry a Kotlin-only type (function types, `Unit`, `Continuation`,
 * `kotlin.time.Duration`, coroutine types), no method may have a value-class-mangled name, and everything on a
 * companion must be callable statically.
 */
class JavaSignatureTest {
    private val forbidden = listOf(
        "kotlin.jvm.functions.", "kotlin.Unit", "kotlin.coroutines.", "kotlin.time.", "kotlinx.coroutines.", "kotlin.sequences.",
    )

    @Test
    fun publicFacadeSignaturesUseJavaTypesOnly() {
        val classes = facadeClasses().filter { type ->
            Modifier.isPublic(type.modifiers) && type.getAnnotation(Metadata::class.java)?.kind == 1 &&
                type.kotlin.visibility == KVisibility.PUBLIC
        }
        assertTrue(classes.any { it == OpenAIAsync::class.java } && classes.size > 15) { "scan found $classes" }
        val problems = mutableListOf<String>()
        for (type in classes) {
            if (type.simpleName == "Companion") continue
            for (method in type.declaredMethods.filter { Modifier.isPublic(it.modifiers) && !it.isSynthetic && !it.name.contains('$') }) {
                val signature = method.toGenericString()
                forbidden.filter { signature.contains(it) }.forEach { problems += "$signature mentions $it" }
                if (method.name.contains('-')) problems += "$signature has a mangled name"
            }
            val publicConstructors = type.kotlin.constructors.filter { it.visibility == KVisibility.PUBLIC }.mapNotNull { it.javaConstructor }
            for (constructor in publicConstructors) {
                val signature = constructor.toGenericString()
                forbidden.filter { signature.contains(it) }.forEach { problems += "$signature mentions $it" }
            }
        }
        assertTrue(problems.isEmpty()) { problems.joinToString("\n") }
    }

    @Test
    fun companionFunctionsAreStatic() {
        val statics = OpenAIAsync::class.java.declaredMethods.filter { Modifier.isStatic(it.modifiers) && Modifier.isPublic(it.modifiers) }
            .map { it.name to it.parameterTypes.toList() }.toSet()
        val companion = OpenAIAsync.Companion::class.java.declaredMethods
            .filter { Modifier.isPublic(it.modifiers) && !it.isSynthetic && !it.name.contains('$') }
        val missing = companion.filter { (it.name to it.parameterTypes.toList()) !in statics }.map { it.name }
        assertTrue(missing.isEmpty()) { "not @JvmStatic: $missing" }
        assertTrue(statics.map { it.first }.containsAll(listOf("fromEnv", "builder", "wrap", "unwrap", "unwrapCause")))
    }

    private fun facadeClasses(): List<Class<*>> {
        val root = File(OpenAIAsync::class.java.protectionDomain.codeSource.location.toURI())
        val names = if (root.isDirectory) {
            root.resolve("dev/openai4k/facade").walkTopDown().filter { it.isFile && it.name.endsWith(".class") }
                .map { "dev.openai4k.facade." + it.relativeTo(root.resolve("dev/openai4k/facade")).invariantSeparatorsPath.removeSuffix(".class").replace('/', '.') }
                .toList()
        } else {
            java.util.jar.JarFile(root).use { jar ->
                jar.entries().asSequence().map { it.name }
                    .filter { it.startsWith("dev/openai4k/facade/") && it.endsWith(".class") }
                    .map { it.removeSuffix(".class").replace('/', '.') }.toList()
            }
        }
        return names.map { Class.forName(it, false, javaClass.classLoader) }
    }
}
