package dev.openai4k.chat

import dev.openai4k.common.TokenLogprob
import dev.openai4k.OpenAIException
import dev.openai4k.Usage
import dev.openai4k.stream.attachPartial
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.FlowCollector
import kotlinx.coroutines.flow.collect

/**
 * Turns the chunks of a stream into the whole [ChatCompletion]: content, refusal and reasoning concatenated, tool
 * calls reassembled from their fragments, the last finish reason and the usage of the usage-only last chunk.
 *
 * Tool-call pieces are matched by `index`. For servers that leave it out, a piece with a new id starts a new
 * call and a piece with neither index nor id continues the last call. A piece whose index is taken by a call with
 * a different id also starts a new call (some servers number every call 0).
 *
 * Not thread-safe: feed it from one coroutine (or thread) at a time.
 *
 * ```java
 * ChatCompletionAccumulator acc = new ChatCompletionAccumulator();
 * chunks.forEach(acc::add);
 * ChatCompletion whole = acc.result();
 * ```
 */
public class ChatCompletionAccumulator {
    private var id = ""
    private var created = 0L
    private var model = ""
    private var systemFingerprint: String? = null
    private var serviceTier: String? = null
    private var usage: Usage? = null
    private val choices = sortedMapOf<Int, ChoiceState>()
    private var count = 0

    // The choice the last piece went to: with one choice (the usual case) every chunk goes there without a lookup.
    private var lastIndex = -1
    private var lastChoice: ChoiceState? = null

    /** How many chunks were added. */
    public val chunkCount: Int get() = count

    /** Whether any choice has reported its finish reason, which marks a completion the server meant to end. */
    public val finished: Boolean get() = choices.values.any { it.finishReason != null }

    /** The first choice's text so far ("" before any). */
    public val text: String get() = choices[0]?.content?.toString() ?: choices.values.firstOrNull()?.content?.toString() ?: ""

    /** Adds the next chunk, returning this accumulator. */
    public fun add(chunk: ChatCompletionChunk): ChatCompletionAccumulator {
        count++
        if (id.isEmpty()) id = chunk.id
        if (created == 0L) created = chunk.created
        if (model.isEmpty()) model = chunk.model
        chunk.systemFingerprint?.let { systemFingerprint = it }
        chunk.serviceTier?.let { serviceTier = it }
        chunk.usage?.let { usage = it }
        val list = chunk.choices
        for (i in list.indices) {
            val choice = list[i]
            stateOf(choice.index).add(choice)
        }
        return this
    }

    private fun stateOf(index: Int): ChoiceState {
        val last = lastChoice
        if (index == lastIndex && last != null) return last
        val state = choices.getOrPut(index) { ChoiceState() }
        lastIndex = index
        lastChoice = state
        return state
    }

    /** The completion assembled from the chunks added so far (callable at any point, also mid-stream). */
    public fun result(): ChatCompletion = ChatCompletion(
        id = id,
        objectType = "chat.completion",
        created = created,
        model = model,
        choices = choices.map { (index, state) -> state.toChoice(index) },
        usage = usage,
        systemFingerprint = systemFingerprint,
        serviceTier = serviceTier,
    )

    private class ToolCallState(val index: Int) {
        var id = ""
        var type = "function"
        val name = StringBuilder()
        val arguments = StringBuilder()

        fun add(delta: ToolCallDelta) {
            delta.id?.takeIf { it.isNotEmpty() && id.isEmpty() }?.let { id = it }
            delta.type?.takeIf { it.isNotEmpty() }?.let { type = it }
            delta.function?.name?.takeIf { it.isNotEmpty() }?.let { piece ->
                // Some servers repeat the whole name in every piece; others send it once. Never double it.
                if (name.isEmpty() || piece != name.toString()) name.append(piece)
            }
            delta.function?.arguments?.let { arguments.append(it) }
        }

        fun toToolCall() = ToolCall(id, FunctionCall(name.toString(), arguments.toString()), type)
    }

    private class ChoiceState {
        var role: String? = null
        var content: StringBuilder? = null
        var refusal: StringBuilder? = null
        var reasoningContent: StringBuilder? = null
        var reasoning: StringBuilder? = null
        var finishReason: String? = null
        val calls = mutableListOf<ToolCallState>()
        val byWireIndex = HashMap<Int, ToolCallState>()
        var contentLogprobs: MutableList<TokenLogprob>? = null
        var refusalLogprobs: MutableList<TokenLogprob>? = null
        var annotations: MutableList<MessageAnnotation>? = null
        var audioId: String? = null
        var audioData: StringBuilder? = null
        var audioTranscript: StringBuilder? = null
        var audioExpiresAt: Long? = null

        fun add(choice: ChunkChoice) {
            val d = choice.delta
            d.role?.let { role = it }
            d.content?.let { content = (content ?: StringBuilder()).append(it) }
            d.refusal?.let { refusal = (refusal ?: StringBuilder()).append(it) }
            d.reasoningContent?.let { reasoningContent = (reasoningContent ?: StringBuilder()).append(it) }
            d.reasoning?.let { reasoning = (reasoning ?: StringBuilder()).append(it) }
            d.toolCalls?.forEach { callFor(it).add(it) }
            d.annotations?.let { (annotations ?: mutableListOf<MessageAnnotation>().also { a -> annotations = a }).addAll(it) }
            d.audio?.let { a ->
                a.id?.let { audioId = it }
                a.data?.let { audioData = (audioData ?: StringBuilder()).append(it) }
                a.transcript?.let { audioTranscript = (audioTranscript ?: StringBuilder()).append(it) }
                a.expiresAt?.let { audioExpiresAt = it }
            }
            choice.logprobs?.content?.let { (contentLogprobs ?: mutableListOf<TokenLogprob>().also { l -> contentLogprobs = l }).addAll(it) }
            choice.logprobs?.refusal?.let { (refusalLogprobs ?: mutableListOf<TokenLogprob>().also { l -> refusalLogprobs = l }).addAll(it) }
            choice.finishReason?.let { finishReason = it }
        }

        private fun callFor(delta: ToolCallDelta): ToolCallState {
            val newId = delta.id?.takeIf { it.isNotEmpty() }
            val index = delta.index
            if (index != null) {
                val existing = byWireIndex[index]
                if (existing != null && (newId == null || existing.id.isEmpty() || existing.id == newId)) return existing
                val state = ToolCallState(if (calls.none { it.index == index }) index else nextIndex())
                calls += state
                byWireIndex[index] = state
                return state
            }
            if (newId != null) {
                return calls.firstOrNull { it.id == newId } ?: ToolCallState(nextIndex()).also { calls += it }
            }
            return calls.lastOrNull() ?: ToolCallState(nextIndex()).also { calls += it }
        }

        private fun nextIndex(): Int = (calls.maxOfOrNull { it.index } ?: -1) + 1

        fun toChoice(index: Int) = ChatChoice(
            index = index,
            message = ChatCompletionMessage(
                role = role ?: ChatRole.ASSISTANT,
                content = content?.toString(),
                refusal = refusal?.toString(),
                toolCalls = calls.takeIf { it.isNotEmpty() }?.map { it.toToolCall() },
                annotations = annotations?.toList(),
                audio = if (audioId != null || audioData != null || audioTranscript != null) {
                    AssistantAudio(audioId, audioData?.toString(), audioExpiresAt, audioTranscript?.toString())
                } else {
                    null
                },
                reasoningContent = reasoningContent?.toString(),
                reasoning = reasoning?.toString(),
            ),
            finishReason = finishReason,
            logprobs = if (contentLogprobs != null || refusalLogprobs != null) {
                ChoiceLogprobs(contentLogprobs?.toList(), refusalLogprobs?.toList())
            } else {
                null
            },
        )
    }
}

/**
 * Collects this stream into one [ChatCompletion] (see [ChatCompletionAccumulator]).
 *
 * @throws OpenAIException when the stream fails; once a chunk has arrived, the [ChatCompletion] assembled so far
 * is attached (read it with [partialCompletion]) and [OpenAIException.partialText] is the first choice's text so far.
 */
public suspend fun Flow<ChatCompletionChunk>.accumulate(): ChatCompletion {
    if (this is ChatChunkFlow) return accumulateChunks()
    val accumulator = ChatCompletionAccumulator()
    attachPartial("chat", ChatPartial(accumulator, requireFinish = false)).collect()
    return accumulator.result()
}

/**
 * The flow `chat.stream` returns: [chunks] makes one stream's chunks, feeding them to the accumulator it is given
 * (for the partial completion of an error), so [accumulate] asks it for that completion instead of collecting the
 * chunks into a second accumulator.
 */
internal class ChatChunkFlow(
    private val chunks: (received: ChatCompletionAccumulator) -> Flow<ChatCompletionChunk>,
) : Flow<ChatCompletionChunk> {
    override suspend fun collect(collector: FlowCollector<ChatCompletionChunk>): Unit =
        chunks(ChatCompletionAccumulator()).collect(collector)

    /** Runs the stream and returns the completion its chunks make. */
    suspend fun accumulateChunks(): ChatCompletion {
        val received = ChatCompletionAccumulator()
        chunks(received).collect()
        return received.result()
    }
}
