package dev.openai4k.contract

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject
import java.io.File
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.util.concurrent.TimeUnit

/**
 * Where everything the suite needs lives: the repository, OpenAI's spec and its Prism conversion script, the
 * pinned Prism install and node. Resolved once; when something is missing, [skipReason] says what, and the whole
 * suite is skipped (so the project still builds on a machine without node or Prism).
 */
internal object PrismSetup {
    const val PRISM_VERSION = "5.14.2"

    /** The repository root: the directory holding this module. */
    val repoRoot: Path? by lazy {
        var dir: Path? = Paths.get(System.getProperty("user.dir")).toAbsolutePath()
        var steps = 0
        while (dir != null && steps < 8) {
            if (Files.isRegularFile(dir.resolve("openai-contract-tests/pom.xml"))) return@lazy dir
            dir = dir.parent
            steps++
        }
        null
    }

    /** This module's build directory, where the converted spec and Prism's log go. */
    val workDir: Path by lazy {
        val root = repoRoot ?: Paths.get(System.getProperty("user.dir"))
        root.resolve("openai-contract-tests/target/prism").also { Files.createDirectories(it) }
    }

    /** OpenAI's OpenAPI YAML: env `OPENAI_OPENAPI_SPEC`, else `../shared/openapi/openai-openapi.yaml` from the root. */
    val specYaml: Path? by lazy {
        System.getenv("OPENAI_OPENAPI_SPEC")?.takeIf { it.isNotBlank() }?.let { return@lazy Paths.get(it).toAbsolutePath() }
        repoRoot?.resolve("../shared/openapi/openai-openapi.yaml")?.normalize()
    }

    /** The conversion script that makes the spec digestible by Prism: next to the spec, else in shared/openapi. */
    val fixScript: Path? by lazy {
        val candidates = listOfNotNull(
            specYaml?.resolveSibling("prism-fix-spec.js"),
            repoRoot?.resolve("../shared/openapi/prism-fix-spec.js")?.normalize(),
        )
        candidates.firstOrNull { Files.isRegularFile(it) }
    }

    /** The Prism executable: env `PRISM_BIN`, else `<root>/.prism/node_modules/.bin/prism`. */
    val prismBin: Path? by lazy {
        System.getenv("PRISM_BIN")?.takeIf { it.isNotBlank() }?.let { return@lazy Paths.get(it).toAbsolutePath() }
        repoRoot?.resolve(".prism/node_modules/.bin/prism")
    }

    /** The `node_modules` directory Prism is installed in (the conversion script needs its `@stoplight/yaml`). */
    val nodeModules: Path? by lazy {
        val bin = prismBin?.takeIf { Files.exists(it) } ?: return@lazy null
        var dir: Path? = bin.toRealPath().parent
        var steps = 0
        while (dir != null && steps < 10) {
            if (dir.fileName?.toString() == "node_modules" && Files.isDirectory(dir.resolve("@stoplight/yaml"))) return@lazy dir
            dir = dir.parent
            steps++
        }
        null
    }

    /** The version of the Prism found, read from its package.json. */
    private val prismVersion: String? by lazy {
        val pkg = nodeModules?.resolve("@stoplight/prism-cli/package.json") ?: return@lazy null
        if (!Files.isRegularFile(pkg)) return@lazy null
        Regex("\"version\"\\s*:\\s*\"([^\"]+)\"").find(Files.readString(pkg))?.groupValues?.get(1)
    }

    /** `node` on the PATH (Prism's launcher and the conversion script run on it). */
    val node: Path? by lazy {
        (System.getenv("PATH") ?: "").split(File.pathSeparator).filter { it.isNotBlank() }
            .map { Paths.get(it, "node") }
            .firstOrNull { Files.isRegularFile(it) && Files.isExecutable(it) }
    }

    /** Why the suite cannot run here, or null when it can. Printed once, on one line, the first time it is asked. */
    val skipReason: String? by lazy {
        val reason = when {
            repoRoot == null -> "repository root not found from ${System.getProperty("user.dir")}"
            specYaml == null || !Files.isRegularFile(specYaml!!) -> "OpenAPI spec not found at $specYaml (set OPENAI_OPENAPI_SPEC)"
            fixScript == null -> "prism-fix-spec.js not found next to $specYaml"
            node == null -> "node not found on PATH"
            prismBin == null || !Files.exists(prismBin!!) -> "Prism not installed (run .ci/install-prism.sh)"
            nodeModules == null -> "Prism's node_modules not found from $prismBin (run .ci/install-prism.sh)"
            prismVersion != PRISM_VERSION -> "Prism $prismVersion found, $PRISM_VERSION required (run .ci/install-prism.sh)"
            else -> null
        }
        if (reason != null) println("contract tests skipped: $reason")
        reason
    }

    /**
     * What the suite changes in the converted spec before Prism reads it, each with the reason: places where the
     * spec cannot be satisfied by any request, so leaving them would only hide every other check of the operation.
     */
    val SPEC_ADJUSTMENTS: List<String> = listOf(
        "`InputItem` (the items of `POST /responses` `input`): `oneOf` becomes `anyOf` (and its `discriminator`, which " +
            "names a property some branches leave optional, goes). Its branches overlap: a " +
            "message `{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",...}]}` is both an " +
            "`EasyInputMessage` and an `Item`/`InputMessage`, so under `oneOf` Prism rejects every message item whose " +
            "content is a list (\"must match exactly one schema in oneOf\"), whoever sends it.",
    )

    /**
     * The spec as Prism reads it: converted by the shared script (`target/prism/openai.json`, redone when older
     * than the spec or the script), then given the [SPEC_ADJUSTMENTS] (`target/prism/openai.contract.json`).
     *
     * @throws IllegalStateException when the conversion fails.
     */
    val specJson: Path by lazy { adjusted(converted) }

    private fun adjusted(converted: Path): Path {
        val root = Json.parseToJsonElement(Files.readString(converted)).jsonObject
        val components = root.getValue("components").jsonObject
        val schemas = components.getValue("schemas").jsonObject
        val inputItem = schemas.getValue("InputItem").jsonObject
        val oneOf = checkNotNull(inputItem["oneOf"]) { "InputItem has no oneOf any more: review SPEC_ADJUSTMENTS" }
        val fixedItem = JsonObject(inputItem - "oneOf" - "discriminator" + ("anyOf" to oneOf))
        val fixed = JsonObject(root + ("components" to JsonObject(components + ("schemas" to JsonObject(schemas + ("InputItem" to fixedItem))))))
        val out = workDir.resolve("openai.contract.json")
        Files.writeString(out, fixed.toString())
        return out
    }

    private val converted: Path by lazy {
        val yaml = checkNotNull(specYaml)
        val script = checkNotNull(fixScript)
        val out = workDir.resolve("openai.json")
        val fresh = Files.isRegularFile(out) &&
            Files.getLastModifiedTime(out) >= Files.getLastModifiedTime(yaml) &&
            Files.getLastModifiedTime(out) >= Files.getLastModifiedTime(script)
        if (!fresh) {
            val log = workDir.resolve("convert.log").toFile()
            val process = ProcessBuilder(node.toString(), script.toString(), yaml.toString(), out.toString())
                .redirectErrorStream(true)
                .redirectOutput(log)
                .also { it.environment()["NODE_PATH"] = nodeModules.toString() }
                .start()
            val finished = process.waitFor(CONVERT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
            if (!finished) process.destroyForcibly()
            check(finished && process.exitValue() == 0 && Files.isRegularFile(out)) {
                "Converting $yaml for Prism failed: ${log.readText().takeLast(2000)}"
            }
        }
        out
    }

    private const val CONVERT_TIMEOUT_SECONDS = 120L
}
