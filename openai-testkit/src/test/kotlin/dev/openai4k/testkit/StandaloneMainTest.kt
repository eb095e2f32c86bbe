package dev.openai4k.testkit

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.io.ByteArrayOutputStream
import java.io.File
import java.io.PrintStream
import java.net.ServerSocket
import java.net.URI
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.util.concurrent.TimeUnit

private fun freePort(): Int = ServerSocket(0).use { it.localPort }

class StandaloneMainTest : FunSpec({

    test("arguments: --port, --host, the = form, --help, and errors") {
        parseStandaloneArgs(arrayOf())!!.let {
            it.port shouldBe 8080
            it.host shouldBe "127.0.0.1"
        }
        parseStandaloneArgs(arrayOf("--port", "9001", "--host", "localhost"))!!.let {
            it.port shouldBe 9001
            it.host shouldBe "localhost"
        }
        parseStandaloneArgs(arrayOf("--port=0"))!!.port shouldBe 0
        parseStandaloneArgs(arrayOf("--help")) shouldBe null
        shouldThrow<IllegalArgumentException> { parseStandaloneArgs(arrayOf("--port", "http")) }
        shouldThrow<IllegalArgumentException> { parseStandaloneArgs(arrayOf("--port")) }
        shouldThrow<IllegalArgumentException> { parseStandaloneArgs(arrayOf("--verbose")) }
    }

    test("launchStandalone starts a server on the given port and says where") {
        val port = freePort()
        val printed = ByteArrayOutputStream()
        launchStandalone(arrayOf("--port", "$port"), PrintStream(printed, true))!!.use { server ->
            server.port shouldBe port
            printed.toString().trim() shouldBe "openai-testkit listening on http://127.0.0.1:$port/v1"
            parse(server.get("models").body())["object"]!!.str shouldBe "list"
        }
    }

    test("the real main, run as a process, serves curl-style requests on a free port") {
        val port = freePort()
        val java = File(System.getProperty("java.home"), "bin/java").path
        val process = ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.openai4k.testkit.StandaloneMain", "--port", "$port")
            .redirectErrorStream(true)
            .start()
        try {
            val firstLine = process.inputStream.bufferedReader().readLine()
            firstLine shouldBe "openai-testkit listening on http://127.0.0.1:$port/v1"
            val response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:$port/v1/chat/completions"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""{"model":"m","messages":[{"role":"user","content":"standalone"}]}"""))
                    .build(),
                HttpResponse.BodyHandlers.ofString(),
            )
            response.statusCode() shouldBe 200
            response.body() shouldContain "\"content\":\"standalone\""
        } finally {
            process.destroy()
            process.waitFor(10, TimeUnit.SECONDS) shouldBe true
        }
    }
})
