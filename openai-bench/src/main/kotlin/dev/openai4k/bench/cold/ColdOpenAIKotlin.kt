package dev.openai4k.bench.cold

import com.aallam.openai.api.chat.ChatCompletionRequest
import com.aallam.openai.api.chat.ChatMessage
import com.aallam.openai.api.chat.ChatRole
import com.aallam.openai.api.model.ModelId
import com.aallam.openai.client.OpenAI
import com.aallam.openai.client.OpenAIConfig
import com.aallam.openai.client.OpenAIHost
import com.aallam.openai.client.LoggingConfig
import com.aallam.openai.api.logging.LogLevel
import io.ktor.client.engine.cio.CIO
import kotlinx.coroutines.DelicateCoroutinesApi
import kotlinx.coroutines.GlobalScope
import kotlinx.coroutines.launch
import java.util.concurrent.CompletableFuture

/** Scenario E for openai-kotlin (on Ktor CIO): the first answer, printed; run on its own runtime classpath. */
fun main(args: Array<String>) {
    val openai = OpenAI(OpenAIConfig(token = "sk-bench", host = OpenAIHost(baseUrl = args[0] + "/v1/"), engine = CIO.create {}, logging = LoggingConfig(LogLevel.None)))
    // launch, not runBlocking: runBlocking's JVM signature changed after coroutines 1.8, which this classpath has.
    val answer = CompletableFuture<String?>()
    @OptIn(DelicateCoroutinesApi::class)
    GlobalScope.launch {
        try {
            answer.complete(
                openai.chatCompletion(
                    ChatCompletionRequest(ModelId("gpt-4o-mini"), listOf(ChatMessage(role = ChatRole.User, content = "Say hello."))),
                ).choices[0].message.content,
            )
        } catch (e: Throwable) {
            answer.completeExceptionally(e)
        }
    }
    println("ANSWER ${answer.get()}")
    System.out.flush()
    Runtime.getRuntime().halt(0)
}
