package dev.openai4k

import com.sun.net.httpserver.HttpsConfigurator
import com.sun.net.httpserver.HttpsServer
import dev.openai4k.http.ApiCall
import dev.openai4k.http.ApiMethod
import dev.openai4k.http.ApiPath
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.io.File
import java.net.InetAddress
import java.net.InetSocketAddress
import java.security.KeyStore
import java.util.concurrent.TimeUnit
import javax.net.ssl.KeyManagerFactory
import javax.net.ssl.SSLContext

/** An HTTPS server on 127.0.0.1 with a freshly generated self-signed certificate. */
private fun selfSignedServer(): HttpsServer {
    val store = File("target/tls-test.p12").apply { delete() }
    val keytool = File(System.getProperty("java.home"), "bin/keytool").path
    val p = ProcessBuilder(
        keytool, "-genkeypair", "-alias", "test", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", store.path, "-storepass", "changeit", "-keypass", "changeit",
    ).redirectErrorStream(true).start()
    check(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) { "keytool failed: " + p.inputStream.bufferedReader().readText() }
    val ks = KeyStore.getInstance("PKCS12").apply { store.inputStream().use { load(it, "changeit".toCharArray()) } }
    val kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm()).apply { init(ks, "changeit".toCharArray()) }
    val ctx = SSLContext.getInstance("TLS").apply { init(kmf.keyManagers, null, null) }
    return HttpsServer.create(InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0).apply {
        httpsConfigurator = HttpsConfigurator(ctx)
        createContext("/") { ex ->
            val body = """{"ok":true}""".encodeToByteArray()
            ex.responseHeaders.add("Content-Type", "application/json")
            ex.sendResponseHeaders(200, body.size.toLong())
            ex.responseBody.use { it.write(body) }
        }
        start()
    }
}

class TlsTest : FunSpec({
    val server = selfSignedServer()
    afterSpec { server.stop(0) }
    val url = "https://127.0.0.1:${server.address.port}/v1"
    val call = ApiCall(ApiMethod.GET, ApiPath.fixed("models"))

    for (engine in HttpEngine.entries) {
        test("$engine verifies certificates by default: a self-signed server is refused") {
            OpenAI { httpEngine = engine; baseUrl = url; maxRetries = 0 }.use { client ->
                shouldThrow<OpenAIConnectionException> { client.execute(call, Echo.serializer()) }.kind shouldBe ErrorKind.TRANSPORT
            }
        }

        test("$engine accepts it only behind the loudly named opt-out, which is logged") {
            OpenAI { httpEngine = engine; baseUrl = url; maxRetries = 0; dangerouslyDisableTlsVerification = true }.use { client ->
                client.execute(call, Echo.serializer()).ok shouldBe true
                client.config.toString() shouldContain "TLS VERIFICATION DISABLED"
            }
            File("target/openai-core-test.log").readText() shouldContain "TLS certificate verification is DISABLED"
        }
    }

    test("JAVA on a plain-http base URL sets TLS up only when needed, and then verifies: a redirect to the self-signed server is refused") {
        val redirector = com.sun.net.httpserver.HttpServer.create(InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0).apply {
            createContext("/") { ex ->
                ex.responseHeaders.add("Location", "$url/models")
                ex.sendResponseHeaders(307, -1)
                ex.close()
            }
            start()
        }
        try {
            OpenAI { baseUrl = "http://127.0.0.1:${redirector.address.port}/v1"; maxRetries = 0 }.use { client ->
                val e = shouldThrow<OpenAIConnectionException> { client.execute(call, Echo.serializer()) }
                e.kind shouldBe ErrorKind.TRANSPORT
                generateSequence<Throwable>(e) { it.cause }.any { it is javax.net.ssl.SSLException } shouldBe true
            }
        } finally {
            redirector.stop(0)
        }
    }
})
