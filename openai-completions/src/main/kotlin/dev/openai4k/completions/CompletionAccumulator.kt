package dev.openai4k.completions

import dev.openai4k.OpenAIException
import dev.openai4k.Usage
import dev.openai4k.stream.attachPartial
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.collect

/**
 * Joins the chunks of a streamed completion into one [Completion]: text concatenated per choice index, log
 * probabilities appended, the last finish reason of each choice, the usage of the usage chunk, and the first id,
 * model, creation time and fingerprint seen. Not thread-safe: feed it from one collector.
 */
public class CompletionAccumulator {
    private class ChoiceState {
        val text = StringBuilder()
        var finishReason: String? = null
        var sawLogprobs = false
        val tokens = mutableListOf<String>()
        val tokenLogprobs = mutableListOf<Double?>()
        val topLogprobs = mutableListOf<Map<String, Double>?>()
        val textOffset = mutableListOf<Int>()
    }

    private val choices = sortedMapOf<Int, ChoiceState>()
    private var id: String? = null
    private var created: Long? = null
    private var model: String? = null
    private var systemFingerprint: String? = null
    private var objectType: String? = null
    private var usage: Usage? = null

    /** How many chunks have been added. */
    public var chunks: Int = 0
        private set

    /** Adds one chunk. */
    public fun add(chunk: Completion) {
        chunks++
        id = id ?: chunk.id
        created = created ?: chunk.created
        model = model ?: chunk.model
        systemFingerprint = systemFingerprint ?: chunk.systemFingerprint
        objectType = objectType ?: chunk.objectType
        chunk.usage?.let { usage = it }
        for (c in chunk.choices) {
            val state = choices.getOrPut(c.index) { ChoiceState() }
            state.text.append(c.text)
            c.finishReason?.let { state.finishReason = it }
            c.logprobs?.let { lp ->
                state.sawLogprobs = true
                state.tokens += lp.tokens
                state.tokenLogprobs += lp.tokenLogprobs
                state.topLogprobs += lp.topLogprobs
                state.textOffset += lp.textOffset
            }
        }
    }

    /** The text of choice [index] so far (empty if it has not appeared). */
    public fun text(index: Int): String = choices[index]?.text?.toString() ?: ""

    /** The text of choice 0 so far. */
    public val text: String get() = text(0)

    /** The completion accumulated so far, choices in index order. */
    public fun completion(): Completion = Completion(
        id = id,
        created = created,
        model = model,
        choices = choices.map { (index, s) ->
            CompletionChoice(
                text = s.text.toString(),
                index = index,
                logprobs = if (s.sawLogprobs) {
                    CompletionLogprobs(s.tokens.toList(), s.tokenLogprobs.toList(), s.topLogprobs.toList(), s.textOffset.toList())
                } else {
                    null
                },
                finishReason = s.finishReason,
            )
        },
        systemFingerprint = systemFingerprint,
        usage = usage,
        objectType = objectType,
    )
}

/**
 * Collects a completion stream into one [Completion] (see [CompletionAccumulator]).
 *
 * @throws OpenAIException whatever the stream throws; when at least one chunk had arrived, the exception carries
 * the [Completion] accumulated so far (read it with [partialTextCompletion]) and its `partialText` the text of
 * choice 0 so far (unless the stream had set them already).
 */
public suspend fun Flow<Completion>.accumulate(): Completion {
    val accumulator = CompletionAccumulator()
    attachPartial("completion", CompletionPartial(accumulator, requireFinish = false)).collect()
    return accumulator.completion()
}
