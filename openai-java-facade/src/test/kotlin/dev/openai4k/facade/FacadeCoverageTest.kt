package dev.openai4k.facade

import kotlinx.coroutines.flow.Flow
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.lang.reflect.Modifier
import java.util.concurrent.CompletableFuture
import kotlin.reflect.KClass
import kotlin.reflect.KFunction
import kotlin.reflect.KVisibility
import kotlin.reflect.full.declaredMemberFunctions
import java.util.concurrent.Flow as JdkFlow

/**
 * Every public suspend function and every public `Flow`-returning function of every section class must have a Java
 * counterpart of the same name (and as many parameters) on the facade class `Async<SectionClass>`: a
 * `CompletableFuture` for a suspend function, a `Flow.Publisher` for a flow. The section classes are found by scanning
 * the `dev.openai4k.<section>` packages on the class path, so a new endpoint or API class fails this test until it
 * has its Java form.
 */
class FacadeCoverageTest {

    /**
     * Interfaces whose suspend functions the SDK calls and the user implements (tool handlers). Their Java form is a
     * facade interface the user implements instead, adapted by the facade.
     */
    private val callbackForms: Map<String, Class<*>> = mapOf(
        "dev.openai4k.tools.ToolHandler" to BlockingToolHandler::class.java,
        "dev.openai4k.tools.TypedToolHandler" to BlockingToolHandler::class.java,
    )

    @Test
    fun everySuspendAndFlowFunctionOfEverySectionHasAJavaCounterpart() {
        val apiClasses = sectionClasses().filter { asyncOrFlowFunctions(it).isNotEmpty() }
        val found = apiClasses.map { it.qualifiedName }.toSet()
        val expected = listOf(
            "dev.openai4k.chat.Chat", "dev.openai4k.chat.ChatSession", "dev.openai4k.vision.Vision", "dev.openai4k.embeddings.Embeddings",
            "dev.openai4k.models.Models", "dev.openai4k.completions.Completions", "dev.openai4k.moderations.Moderations",
            "dev.openai4k.images.Images", "dev.openai4k.audio.Speech", "dev.openai4k.audio.Transcriptions",
            "dev.openai4k.audio.Translations", "dev.openai4k.responses.Responses", "dev.openai4k.responses.ResponseInputItems",
            "dev.openai4k.responses.ResponseSession", "dev.openai4k.files.Files", "dev.openai4k.assistants.Assistants",
            "dev.openai4k.assistants.Threads", "dev.openai4k.assistants.Messages", "dev.openai4k.assistants.Runs",
            "dev.openai4k.tools.ToolRunner",
        )
        assertTrue(found.containsAll(expected)) { "The scan missed ${expected - found}; it found $found" }

        val problems = mutableListOf<String>()
        var checked = 0
        for (section in apiClasses) {
            val functions = asyncOrFlowFunctions(section)
            val name = section.qualifiedName!!
            if (section.java.isInterface && functions.all { it.isAbstract }) {
                val form = callbackForms[name]
                if (form == null) {
                    problems += "$name is a callback interface with suspend functions but has no Java form in callbackForms"
                } else if (!form.isInterface || form.methods.count { Modifier.isAbstract(it.modifiers) } != 1) {
                    problems += "${form.name} (the Java form of $name) is not a functional interface"
                }
                continue
            }
            val facadeName = "dev.openai4k.facade.Async${section.java.simpleName}"
            val facade = try {
                Class.forName(facadeName)
            } catch (_: ClassNotFoundException) {
                problems += "$name has no facade class $facadeName"
                continue
            }
            for (function in functions) {
                checked++
                val wanted = if (function.isSuspend) CompletableFuture::class.java else JdkFlow.Publisher::class.java
                val arity = function.parameters.size - 1
                val counterparts = facade.methods.filter { it.name == function.name && wanted.isAssignableFrom(it.returnType) }
                when {
                    counterparts.isEmpty() ->
                        problems += "$name.${function.name} has no ${wanted.simpleName}-returning ${function.name} on ${facade.simpleName}"
                    counterparts.none { it.parameterCount == arity } ->
                        problems += "$name.${function.name}/$arity has no counterpart with $arity parameters on ${facade.simpleName}"
                }
            }
        }
        assertTrue(problems.isEmpty()) { problems.joinToString("\n") }
        assertTrue(checked >= 60) { "only $checked functions were checked: the scan is broken" }
    }

    private fun asyncOrFlowFunctions(section: KClass<*>): List<KFunction<*>> =
        section.declaredMemberFunctions.filter { f ->
            f.visibility == KVisibility.PUBLIC && (f.isSuspend || f.returnType.classifier == Flow::class)
        }

    /** Every public Kotlin class in a `dev.openai4k.<section>` package on the class path. */
    private fun sectionClasses(): List<KClass<*>> =
        sdkClasses { segments -> segments.size >= 2 && segments[0] !in NOT_SECTIONS }
            .filter { isKotlinClass(it) && !it.isSynthetic && !it.isAnonymousClass && !it.isLocalClass }
            .map { it.kotlin }
            .filter { it.visibility == KVisibility.PUBLIC }

    /** A class (not a file facade, lambda or synthetic holder) per its Kotlin metadata. */
    private fun isKotlinClass(type: Class<*>): Boolean = type.getAnnotation(Metadata::class.java)?.kind == 1

    private companion object {
        val NOT_SECTIONS = setOf("facade", "testkit", "http", "internal")
    }
}
