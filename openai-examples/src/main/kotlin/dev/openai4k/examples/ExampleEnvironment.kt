package dev.openai4k.examples

import dev.openai4k.OpenAI
import dev.openai4k.OpenAIConfig
import dev.openai4k.facade.OpenAIAsync
import dev.openai4k.testkit.OpenAITestServer
import dev.openai4k.testkit.Scripted
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.ExecutionException
import java.util.concurrent.FutureTask
import java.util.concurrent.TimeUnit

/**
 * Where the examples run: a client, the model names, a directory for the files they write, and, when no server is
 * configured, the in-process test server they run against.
 *
 * With `OPENAI_API_KEY` or `OPENAI_BASE_URL` set the client talks to that server (OpenAI, a local Ollama, ...);
 * with neither, [start] starts [OpenAITestServer] on 127.0.0.1 so the whole tour runs offline, with no key.
 */
class ExampleEnvironment private constructor(
    /** The Kotlin client. */
    val openai: OpenAI,
    /** The model names. */
    val models: ExampleModels,
    /** The built-in test server, or null when running against a real one. */
    val testServer: OpenAITestServer?,
    /** Where the examples write their files (images, speech). */
    val outputDir: Path,
) : AutoCloseable {

    private val javaFacade = lazy { OpenAIAsync.wrap(openai) }

    /** Whether the examples run against the built-in test server. */
    val isOffline: Boolean get() = testServer != null

    /** The Java facade over [openai] (same configuration and connections), for the Java examples. */
    val java: OpenAIAsync get() = javaFacade.value

    /** The first line of the tour: which server, and why. */
    val banner: String
        get() = if (testServer != null) {
            "No OPENAI_API_KEY/OPENAI_BASE_URL: running against the built-in test server at ${testServer.baseUrl}"
        } else {
            "Running against ${openai.config.baseUrl} (models: $models)"
        }

    /**
     * Queues scripted answers on the test server, so that examples whose point is the model's choice (calling a
     * tool, answering in JSON) show it offline. Does nothing against a real server.
     */
    fun script(path: String, vararg answers: Scripted) {
        testServer?.enqueue(path, *answers)
    }

    override fun close() {
        if (javaFacade.isInitialized()) javaFacade.value.close()
        openai.close()
        testServer?.close()
    }

    companion object {
        /** The system property naming [outputDir]; the Maven profile points it at `target/examples-output`. */
        const val OUTPUT_DIR_PROPERTY: String = "openai4k.examples.outputDir"

        /**
         * An environment from the variables [env]: against the server they name, or against a freshly started test
         * server when neither `OPENAI_API_KEY` nor `OPENAI_BASE_URL` is set. Files go to [outputDir], else to the
         * directory named by [OUTPUT_DIR_PROPERTY], else to a new temporary directory.
         */
        @JvmStatic
        @JvmOverloads
        fun start(env: (String) -> String? = System::getenv, outputDir: Path? = null): ExampleEnvironment {
            val dir = outputDir
                ?: System.getProperty(OUTPUT_DIR_PROPERTY)?.takeIf { it.isNotBlank() }?.let { Path.of(it) }
                ?: Files.createTempDirectory("openai4k-examples")
            Files.createDirectories(dir)
            val models = ExampleModels.fromEnv(env)
            val configured = listOf("OPENAI_API_KEY", "OPENAI_BASE_URL").any { !env(it).isNullOrBlank() }
            if (configured) {
                return ExampleEnvironment(OpenAI(OpenAIConfig.fromEnv(env)), models, null, dir)
            }
            val server = startTestServer()
            return try {
                ExampleEnvironment(OpenAI { baseUrl = server.baseUrl }, models, server, dir)
            } catch (e: Throwable) {
                server.close()
                throw e
            }
        }

        /** An environment against a new test server, whatever the environment variables say (for tests). */
        @JvmStatic
        @JvmOverloads
        fun offline(outputDir: Path? = null): ExampleEnvironment = start({ null }, outputDir)
    }
}

/**
 * Starts the test server from a thread of a thread group of its own, so that every thread the server creates belongs
 * to that group. Its handler drops the `InterruptedException` a testkit connection thread lets escape when the server
 * is closed while that thread waits on a kept-alive connection; under `exec:java` any uncaught exception in the
 * tour's thread group fails the build, although every example succeeded. Anything else is reported as usual.
 */
private fun startTestServer(): OpenAITestServer {
    val group = object : ThreadGroup("openai4k-examples-testkit") {
        override fun uncaughtException(t: Thread, e: Throwable) {
            if (e !is InterruptedException) super.uncaughtException(t, e)
        }
    }
    val start = FutureTask { OpenAITestServer.start() }
    Thread(group, start, "openai4k-examples-testkit-start").apply { isDaemon = true }.start()
    return try {
        start.get(30, TimeUnit.SECONDS)
    } catch (e: ExecutionException) {
        throw e.cause ?: e
    }
}
