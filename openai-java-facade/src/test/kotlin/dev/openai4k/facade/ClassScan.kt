package dev.openai4k.facade

import java.io.File
import java.util.jar.JarFile

/**
 * Every class under `dev/openai4k/` on the test class path (directories and jars) whose path segments below
 * `dev/openai4k/` pass [accept]; serializer and lambda holders are left out.
 */
internal fun sdkClasses(accept: (List<String>) -> Boolean): List<Class<*>> {
    val names = sortedSetOf<String>()
    fun consider(path: String) {
        if (!path.startsWith("dev/openai4k/") || !path.endsWith(".class")) return
        val segments = path.removePrefix("dev/openai4k/").split('/')
        if (segments.last().contains("\$\$") || segments.last().contains("\$serializer")) return
        if (accept(segments)) names += path
    }
    val path = System.getProperty("surefire.test.class.path") ?: System.getProperty("java.class.path")
    for (entry in path.split(File.pathSeparator).filter { it.isNotEmpty() }.map(::File)) {
        when {
            entry.isDirectory -> entry.walkTopDown().filter { it.isFile }.forEach { consider(it.relativeTo(entry).invariantSeparatorsPath) }
            entry.isFile && entry.name.endsWith(".jar") -> JarFile(entry).use { jar -> jar.entries().asSequence().forEach { consider(it.name) } }
        }
    }
    return names.map { Class.forName(it.removeSuffix(".class").replace('/', '.'), false, ClassScanMarker::class.java.classLoader) }
}

private object ClassScanMarker
