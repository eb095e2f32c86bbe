package dev.openai4k.facade

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.lang.reflect.Modifier
import kotlin.reflect.KVisibility

/**
 * Issue 17's guard: no public top-level type name stands in two `dev.openai4k` packages, so a Java user who imports
 * `dev.openai4k.chat.*` and `dev.openai4k.responses.*` never meets an ambiguous name. The names that clash today are
 * listed in [knownClashes] with their packages, to be merged into the shared vocabulary; the list may only shrink: a
 * new clash fails, and so does an entry that no longer clashes (remove it).
 */
class PublicNamesGuardTest {
    /** Simple name to the packages (below `dev.openai4k`, the root being "") that define it: none since issue 17. */
    private val knownClashes: Map<String, Set<String>> = emptyMap()

    @Test
    fun noPublicSimpleNameInTwoPackages() {
        val types = sdkClasses { segments -> "internal" !in segments.dropLast(1) && !segments.last().contains('$') }
            .filter { Modifier.isPublic(it.modifiers) && !it.isSynthetic && isTypeNotFacade(it) && isPublicInKotlin(it) }
        assertTrue(types.size > 200) { "the scan found only ${types.size} public types" }
        val clashes = types.groupBy { it.simpleName }
            .mapValues { (_, same) -> same.map { it.packageName.removePrefix("dev.openai4k").removePrefix(".") }.toSet() }
            .filterValues { it.size > 1 }
        val report = clashes.toSortedMap().entries.joinToString("\n") { (name, packages) ->
            "        \"$name\" to setOf(${packages.sorted().joinToString { "\"$it\"" }}),"
        }
        assertEquals(knownClashes, clashes) { "Public simple names in more than one package (as found; the known ones are listed in this test):\n$report" }
    }

    /** Kotlin's `internal` types are public in bytecode but not API (their serializers, say): not counted. */
    private fun isPublicInKotlin(type: Class<*>): Boolean =
        type.getAnnotation(Metadata::class.java) == null || type.kotlin.visibility == KVisibility.PUBLIC

    /** A class, interface, object or enum per its Kotlin metadata (kind 1), or a Java type; not a file facade. */
    private fun isTypeNotFacade(type: Class<*>): Boolean = type.getAnnotation(Metadata::class.java)?.kind?.let { it == 1 } ?: true
}
