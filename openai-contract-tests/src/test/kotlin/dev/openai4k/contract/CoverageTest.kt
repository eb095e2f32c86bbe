package dev.openai4k.contract

import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldNotBeEmpty

/** The coverage maps in [Operations] must agree with the spec itself. */
@EnabledIf(PrismAvailable::class)
class CoverageTest : FunSpec({
    test("every operation of a shipped section is either implemented or excluded with a reason") {
        SpecOperations.shipped.keys.shouldNotBeEmpty()
        val unclassified = SpecOperations.shipped.keys.filter { it !in Operations.IMPLEMENTED && it !in Operations.EXCLUDED }
        unclassified.shouldBeEmpty()
    }

    test("every operation the maps name exists in the spec, in a shipped section, in one map only") {
        val stale = (Operations.IMPLEMENTED.keys + Operations.EXCLUDED.keys).filter { it !in SpecOperations.shipped }
        stale.shouldBeEmpty()
        Operations.IMPLEMENTED.keys.intersect(Operations.EXCLUDED.keys).shouldBeEmpty()
    }
})
