package dev.openai4k

import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope

/**
 * `close()` releases every kept-alive connection at once, on JDK 17 too (where java.net.http has no `shutdownNow`
 * and its pool would otherwise keep idle connections for 1,200 s, or until a GC): the server sees each socket close.
 */
class ConnectionReleaseTest : FunSpec({
    for (engine in HttpEngine.entries) test("engine $engine: close() closes every idle pooled connection within a second") {
        // Each answer waits a little, so that concurrent calls need connections of their own.
        RawServer { Thread.sleep(50); json("""{"ok":true}""") }.use { server ->
            val client = OpenAI { httpEngine = engine; baseUrl = server.baseUrl; maxRetries = 0 }
            coroutineScope {
                (1..8).map { async { client.execute(ApiCall(ApiMethod.GET, ApiPath.fixed("models")), Echo.serializer()) } }.awaitAll()
            }
            val opened = server.connections.get()
            opened shouldBeGreaterThan 1
            Thread.sleep(200)
            // java.net.http keeps them open (CIO closes its connections after each answer of this server by itself).
            if (engine == HttpEngine.JAVA) withClue("nothing closes an idle connection by itself") { server.idleClosed.get() shouldBe 0 }
            client.close()
            val deadline = System.nanoTime() + 1_000_000_000L
            while (server.idleClosed.get() < opened && System.nanoTime() < deadline) Thread.sleep(10)
            withClue("connections closed by the client within 1 s of close(), of $opened opened") { server.idleClosed.get() shouldBe opened }
        }
    }
})
