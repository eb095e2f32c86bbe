package dev.openai4k.facade

import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.nio.file.Files
import javax.tools.DiagnosticCollector
import javax.tools.JavaFileObject
import javax.tools.ToolProvider

/**
 * Every ```java block of the repository's Markdown (README.md, ARCHITECTURE.md, CONTRIBUTING.md, the modules'
 * READMEs) compiles against the SDK as a Java user has it: the block's own imports, plus the SDK packages, in a
 * method that has an `OpenAIAsync openai` and a `ChatRequest request` in scope (the names the docs' fragments use).
 * A snippet that no longer matches the API fails here with its file and line.
 */
class DocSnippetsTest {
    private val root: File = generateSequence(File(System.getProperty("user.dir")).absoluteFile) { it.parentFile }
        .first { File(it, "ARCHITECTURE.md").isFile }

    @Test
    fun everyJavaSnippetInTheDocsCompiles() {
        val docs = root.listFiles { f -> f.name.endsWith(".md") }!!.toList() +
            root.listFiles { f -> f.isDirectory && f.name.startsWith("openai-") }!!.mapNotNull { File(it, "README.md").takeIf(File::isFile) }
        val snippets = docs.flatMap { doc -> snippetsOf(doc) }
        assertTrue(snippets.size >= 4) { "found only ${snippets.size} Java snippets in ${docs.map { it.name }}" }

        val dir = Files.createTempDirectory("doc-snippets").toFile()
        val sources = snippets.mapIndexed { i, snippet ->
            File(dir, "Snippet$i.java").apply { writeText(snippet.asClass("Snippet$i")) }
        }
        val compiler = ToolProvider.getSystemJavaCompiler()
        val diagnostics = DiagnosticCollector<JavaFileObject>()
        val classPath = System.getProperty("surefire.test.class.path") ?: System.getProperty("java.class.path")
        compiler.getStandardFileManager(diagnostics, null, null).use { files ->
            compiler.getTask(
                null, files, diagnostics, listOf("-classpath", classPath, "-d", dir.path, "-proc:none"), null,
                files.getJavaFileObjectsFromFiles(sources),
            ).call()
        }
        val errors = diagnostics.diagnostics.filter { it.kind == javax.tools.Diagnostic.Kind.ERROR }.map { d ->
            val index = Regex("Snippet(\\d+)").find(d.source?.name ?: "")?.groupValues?.get(1)?.toInt()
            val where = index?.let { snippets[it].where(d.lineNumber) } ?: "?"
            "$where: ${d.getMessage(null)}"
        }
        assertTrue(errors.isEmpty()) { "Java snippets in the docs that do not compile:\n" + errors.joinToString("\n") }
    }

    private class Snippet(val file: String, val line: Int, val code: String) {
        private val lines = code.lines()
        private val imports = lines.filter { it.trimStart().startsWith("import ") }
        private val body = lines.filterNot { it.trimStart().startsWith("import ") }
        private val given = CONTEXT.filterNot { (_, name) -> Regex("\\b$name\\s*=").containsMatchIn(code) }
            .joinToString { (type, name) -> "$type $name" }
        private val header = listOf("package snippets;") + STANDARD_IMPORTS.map { "import $it;" } + imports +
            listOf("class %s {", "    void run($given) throws Exception {")

        /** The snippet as a compilable class (its imports hoisted, its body in a method). */
        fun asClass(name: String): String = (header.map { it.replace("%s", name) } + body.map { "        $it" } + listOf("    }", "}")).joinToString("\n")

        /** The doc's file and line for a line of the generated class. */
        fun where(generatedLine: Long): String =
            "$file:${if (generatedLine > header.size) line + imports.size + (generatedLine - header.size - 1) else line}"
    }

    private fun snippetsOf(doc: File): List<Snippet> {
        val lines = doc.readLines()
        val found = mutableListOf<Snippet>()
        var start = -1
        for ((i, line) in lines.withIndex()) {
            if (start < 0 && line.trim() == "```java") {
                start = i + 1
            } else if (start >= 0 && line.trim() == "```") {
                found += Snippet(doc.relativeTo(root).path, start + 1, lines.subList(start, i).joinToString("\n"))
                start = -1
            }
        }
        return found
    }

    private companion object {
        /** What the docs' fragments have in scope unless they declare it themselves. */
        val CONTEXT = listOf("OpenAIAsync" to "openai", "ChatRequest" to "request")

        val STANDARD_IMPORTS = listOf(
            "dev.openai4k.*", "dev.openai4k.chat.*", "dev.openai4k.common.*", "dev.openai4k.facade.*",
            "dev.openai4k.testkit.*", "java.util.*", "java.util.concurrent.CompletionException",
        )
    }
}
