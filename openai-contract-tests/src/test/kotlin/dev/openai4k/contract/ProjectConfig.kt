package dev.openai4k.contract

import io.kotest.core.config.AbstractProjectConfig

/**
 * Kotest's project config for this module (found by package): after the run, refreshes `COVERAGE.md`. Prism is
 * not stopped here (a launcher may run several projects in one JVM); its JVM shutdown hook stops it.
 */
class ProjectConfig : AbstractProjectConfig() {
    override suspend fun afterProject() {
        CoverageReport.writeIfComplete()
    }
}
