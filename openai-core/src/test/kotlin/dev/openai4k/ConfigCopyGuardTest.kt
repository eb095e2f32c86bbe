package dev.openai4k

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.types.shouldNotBeSameInstanceAs
import io.ktor.client.engine.mock.MockEngine
import io.ktor.client.engine.mock.respondOk
import kotlin.reflect.KClass
import kotlin.reflect.KMutableProperty1
import kotlin.reflect.full.memberProperties
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

/** A value of [type] that differs from [default]; a new kind of setting fails here until it is taught. */
private fun otherThan(type: KClass<*>, default: Any?, name: String): Any = when (type) {
    String::class -> "set-$name"
    Int::class -> (default as Int) + 1
    Long::class -> (default as Long) + 1
    Boolean::class -> !(default as Boolean)
    Duration::class -> (default as Duration) + 1.seconds
    HttpEngine::class -> HttpEngine.entries.first { it != default }
    AzureConfig::class -> AzureConfig("https://guard.example", "guard-deployment", "2099-01-01")
    io.ktor.client.engine.HttpClientEngine::class -> MockEngine { respondOk() }
    else -> error("ConfigCopyGuardTest does not know how to set a $type ($name): teach otherThan()")
}

/**
 * Issue 17's guard: every setting of [OpenAIConfig] survives `copy()`. Each property is set to a value other than its
 * default (each map gets an entry), then the copy must show the same values, and maps that are copies, not shared.
 */
class ConfigCopyGuardTest : FunSpec({
    test("copy() carries every setting") {
        val defaults = OpenAIConfig()
        val original = OpenAIConfig()
        val properties = OpenAIConfig::class.memberProperties
        properties.shouldNotBeEmpty()
        for (p in properties) {
            if (p is KMutableProperty1<OpenAIConfig, *>) {
                @Suppress("UNCHECKED_CAST")
                val setter = p as KMutableProperty1<OpenAIConfig, Any?>
                setter.set(original, otherThan(p.returnType.classifier as KClass<*>, p.get(defaults), p.name))
            } else {
                val value = p.get(original)
                @Suppress("UNCHECKED_CAST")
                if (value is MutableMap<*, *>) (value as MutableMap<String, String>)["guard-${p.name}"] = "v"
            }
        }
        val copy = original.copy()
        for (p in properties) withClue("OpenAIConfig.${p.name}") {
            val value = p.get(copy)
            value shouldBe p.get(original)
            value shouldNotBe p.get(defaults)
            if (value is MutableMap<*, *>) value shouldNotBeSameInstanceAs p.get(original)
        }
    }
})
