package dev.openai4k.reliability

import dev.openai4k.OpenAI
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.shouldBe
import io.ktor.client.engine.mock.MockEngine
import io.ktor.client.engine.mock.respond
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import kotlinx.coroutines.runBlocking
import java.util.concurrent.CopyOnWriteArrayList

/** The paths Azure OpenAI serves under a deployment (`/openai/deployments/{name}/...`); the rest under `/openai/...`. */
private val deploymentScoped = listOf("chat/completions", "completions", "embeddings", "audio/", "images/")

/**
 * Core names no section: each section marks the calls Azure serves under the deployment. Every public call of every
 * section, made against an Azure config, goes to the route Azure documents for its path.
 */
class AzureRoutesTest : FunSpec({
    for ((name, call) in nonStreamingCalls + streamingCalls) test("$name goes to Azure's route for its path") {
        val seen = CopyOnWriteArrayList<String>()
        val engine = MockEngine { request ->
            seen += request.url.encodedPath
            respond("{}", HttpStatusCode.OK, headersOf(HttpHeaders.ContentType, "application/json"))
        }
        OpenAI {
            apiKey = TEST_KEY
            azure("https://res.openai.azure.com", "dep-1")
            this.engine = engine
            maxRetries = 0
        }.use { client -> runBlocking { runCatching { call(client) } } }
        engine.close()
        withClue("requests sent") { (seen.size >= 1) shouldBe true }
        for (path in seen) {
            val rest = path.removePrefix("/openai/deployments/dep-1/").removePrefix("/openai/")
            val scoped = deploymentScoped.any { rest == it.trimEnd('/') || rest.startsWith(it) }
            val expected = if (scoped) "/openai/deployments/dep-1/$rest" else "/openai/$rest"
            withClue("$name sent $path") { path shouldBe expected }
        }
    }

    test("the calls above cover every deployment-scoped family") {
        val names = (nonStreamingCalls + streamingCalls).map { it.first.substringBefore('.') }.toSet()
        names shouldContainAll listOf("chat", "completions", "embeddings", "audio", "images")
    }
})
