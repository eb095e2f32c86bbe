package dev.openai4k

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.io.File
import java.lang.reflect.InvocationTargetException
import java.net.URLClassLoader

/**
 * `ktor-client-cio-jvm` is an optional dependency of openai-core: without it on the classpath the default engine works
 * and choosing CIO fails at once with an error naming the artifact to add. Checked in a class loader that sees the
 * test classpath minus the CIO jar.
 */
class OptionalCioTest : FunSpec({
    fun withoutCio(): URLClassLoader {
        val entries = System.getProperty("java.class.path").split(File.pathSeparator)
        val kept = entries.filterNot { "ktor-client-cio" in File(it).name }
        check(kept.size == entries.size - 1) { "expected exactly one CIO jar on the test classpath: $entries" }
        return URLClassLoader(kept.map { File(it).toURI().toURL() }.toTypedArray(), ClassLoader.getPlatformClassLoader())
    }

    fun clientWith(loader: ClassLoader, engine: String?): AutoCloseable {
        val configClass = loader.loadClass("dev.openai4k.OpenAIConfig")
        val config = configClass.getConstructor().newInstance()
        configClass.getMethod("setApiKey", String::class.java).invoke(config, "sk-test")
        configClass.getMethod("setBaseUrl", String::class.java).invoke(config, "http://127.0.0.1:9/v1")
        if (engine != null) {
            val engines = loader.loadClass("dev.openai4k.HttpEngine")
            val value = engines.enumConstants.single { (it as Enum<*>).name == engine }
            configClass.getMethod("setHttpEngine", engines).invoke(config, value)
        }
        return loader.loadClass("dev.openai4k.OpenAI").getConstructor(configClass).newInstance(config) as AutoCloseable
    }

    test("without the CIO jar the default engine builds a client") {
        withoutCio().use { loader ->
            runCatching { loader.loadClass("io.ktor.client.engine.cio.CIO") }.isFailure shouldBe true
            clientWith(loader, null).close()
        }
    }

    test("without the CIO jar HttpEngine.CIO fails at once, naming the artifact to add") {
        withoutCio().use { loader ->
            val e = shouldThrow<InvocationTargetException> { clientWith(loader, "CIO") }
            val cause = e.targetException
            cause::class shouldBe IllegalStateException::class
            cause.message!! shouldContain "io.ktor:ktor-client-cio-jvm"
        }
    }
})
