package dev.openai4k.responses

import dev.openai4k.common.MessageRole
import dev.openai4k.common.TokenLogprob
import dev.openai4k.OpenAIException
import dev.openai4k.OpenAIJson
import dev.openai4k.stream.attachPartial
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.collect
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject

/**
 * Rebuilds a [Response] from its stream events, for Kotlin ([accumulate]) and Java (feed [add] from any source).
 *
 * [result] prefers the response of a terminal event (`response.completed`, `.failed` or `.incomplete`); when the
 * stream ended without one, or that response came with an empty `output`, the output is built from the items and
 * deltas seen. Not thread-safe: feed it from one collector.
 */
public class ResponseAccumulator {
    private var latest: Response? = null
    private var terminal: Response? = null
    private val slots = sortedMapOf<Int, Slot>()
    private val slotByItemId = HashMap<String, Int>()

    /** Whether a terminal event (completed, failed, incomplete) has been seen. */
    public val isDone: Boolean get() = terminal != null

    /** The output text received so far (all `output_text` parts, in output order). */
    public val text: String get() = result().outputText

    /** Adds one event. Events of unknown types are ignored. */
    public fun add(event: ResponseStreamEvent) {
        when (event) {
            is ResponseStreamEvent.Completed, is ResponseStreamEvent.Failed, is ResponseStreamEvent.Incomplete -> {
                val merged = merge(latest, event.response)
                terminal = merged
                latest = merged
            }
            is ResponseStreamEvent.Lifecycle -> latest = merge(latest, event.response)
            is ResponseStreamEvent.OutputItemAdded -> event.item?.let { slot(event.outputIndex, it.id).begin(it) }
            is ResponseStreamEvent.OutputItemDone -> event.item?.let { slot(event.outputIndex, it.id).finish(it) }
            is ResponseStreamEvent.ContentPartAdded -> event.part?.let {
                slot(event.outputIndex, event.itemId).part(event.contentIndex, PartState.kindOf(it)).begin(it)
            }
            is ResponseStreamEvent.ContentPartDone -> event.part?.let {
                slot(event.outputIndex, event.itemId).part(event.contentIndex, PartState.kindOf(it)).finish(it)
            }
            is ResponseStreamEvent.OutputTextDelta ->
                slot(event.outputIndex, event.itemId).part(event.contentIndex, PartKind.TEXT).appendText(event.delta, event.logprobs)
            is ResponseStreamEvent.OutputTextDone ->
                slot(event.outputIndex, event.itemId).part(event.contentIndex, PartKind.TEXT).setText(event.text)
            is ResponseStreamEvent.OutputTextAnnotationAdded ->
                event.annotation?.let { slot(event.outputIndex, event.itemId).part(event.contentIndex, PartKind.TEXT).annotations += it }
            is ResponseStreamEvent.RefusalDelta ->
                slot(event.outputIndex, event.itemId).part(event.contentIndex, PartKind.REFUSAL).appendText(event.delta, null)
            is ResponseStreamEvent.RefusalDone ->
                slot(event.outputIndex, event.itemId).part(event.contentIndex, PartKind.REFUSAL).setText(event.refusal)
            is ResponseStreamEvent.FunctionCallArgumentsDelta ->
                slot(event.outputIndex, event.itemId).also { it.inferred(SlotKind.FUNCTION_CALL) }.arguments.append(event.delta)
            is ResponseStreamEvent.FunctionCallArgumentsDone -> slot(event.outputIndex, event.itemId).also {
                it.inferred(SlotKind.FUNCTION_CALL)
                it.arguments.setLength(0)
                it.arguments.append(event.arguments)
                if (event.name != null) it.name = event.name
            }
            is ResponseStreamEvent.ReasoningSummaryTextDelta -> slot(event.outputIndex, event.itemId).also {
                it.inferred(SlotKind.REASONING)
                it.summaries.getOrPut(event.summaryIndex ?: 0) { StringBuilder() }.append(event.delta)
            }
            is ResponseStreamEvent.ReasoningSummaryTextDone -> slot(event.outputIndex, event.itemId).also {
                it.inferred(SlotKind.REASONING)
                it.summaries.getOrPut(event.summaryIndex ?: 0) { StringBuilder() }.apply { setLength(0); append(event.text) }
            }
            is ResponseStreamEvent.ReasoningTextDelta -> slot(event.outputIndex, event.itemId).also {
                it.inferred(SlotKind.REASONING)
                it.part(event.contentIndex, PartKind.REASONING).appendText(event.delta, null)
            }
            is ResponseStreamEvent.Unknown -> {}
        }
    }

    /**
     * The response as far as it has arrived: the latest snapshot's fields with the output built from the events
     * seen so far (or the terminal response, once there is one).
     */
    public fun snapshot(): Response {
        terminal?.let { return result() }
        val base = latest ?: Response()
        return base.copy(output = builtOutput().ifEmpty { base.output })
    }

    /**
     * The final response: the terminal event's response (its output filled from the events if it came empty),
     * or, when the stream ended without one, [snapshot].
     */
    public fun result(): Response {
        val end = terminal ?: return snapshot()
        if (end.output.isNotEmpty()) return end
        val built = builtOutput()
        return if (built.isEmpty()) end else end.copy(output = built)
    }

    // Some servers send sparse snapshots after the first: keep what an earlier one said unless the new one says
    // otherwise. The output is never carried over: the events rebuild it.
    private fun merge(old: Response?, new: Response): Response {
        if (old == null) return new
        val before = OpenAIJson.encodeToJsonElement(Response.serializer(), old).jsonObject
        val after = OpenAIJson.encodeToJsonElement(Response.serializer(), new).jsonObject
        if (after.keys.containsAll(before.keys)) return new
        return OpenAIJson.decodeFromJsonElement(Response.serializer(), JsonObject(before - "output" + after))
    }

    private fun builtOutput(): List<ResponseItem> = slots.values.mapNotNull { it.build() }

    private fun slot(outputIndex: Int?, itemId: String?): Slot {
        val index = outputIndex
            ?: itemId?.let { slotByItemId[it] }
            ?: if (itemId != null || slots.isEmpty()) (if (slots.isEmpty()) 0 else slots.lastKey() + 1) else slots.lastKey()
        val slot = slots.getOrPut(index) { Slot() }
        if (itemId != null) {
            slotByItemId[itemId] = index
            if (slot.id == null) slot.id = itemId
        }
        return slot
    }

    private enum class SlotKind { UNKNOWN, MESSAGE, FUNCTION_CALL, REASONING }

    private enum class PartKind { TEXT, REFUSAL, REASONING, OTHER }

    /** One output item being assembled. */
    private class Slot {
        var id: String? = null
        var item: ResponseItem? = null
        var done = false
        var kind = SlotKind.UNKNOWN
        var name: String? = null
        val arguments = StringBuilder()
        val summaries = sortedMapOf<Int, StringBuilder>()
        val parts = sortedMapOf<Int, PartState>()

        fun inferred(k: SlotKind) {
            if (kind == SlotKind.UNKNOWN) kind = k
        }

        fun begin(it: ResponseItem) {
            item = it
            if (id == null) id = it.id
            when (it) {
                is ResponseItem.Message -> {
                    kind = SlotKind.MESSAGE
                    it.content.forEachIndexed { i, p -> if (i !in parts) parts[i] = PartState.of(p) }
                }
                is ResponseItem.FunctionCall -> {
                    kind = SlotKind.FUNCTION_CALL
                    if (arguments.isEmpty()) arguments.append(it.arguments)
                }
                is ResponseItem.Reasoning -> {
                    kind = SlotKind.REASONING
                    it.summary.forEachIndexed { i, s -> summaries.getOrPut(i) { StringBuilder(s.text) } }
                }
                else -> {}
            }
        }

        fun finish(it: ResponseItem) {
            item = it
            done = true
        }

        fun part(contentIndex: Int?, kind: PartKind): PartState {
            inferred(if (kind == PartKind.REASONING) SlotKind.REASONING else SlotKind.MESSAGE)
            val index = contentIndex ?: if (parts.isEmpty()) 0 else parts.lastKey()
            return parts.getOrPut(index) { PartState(kind) }.also { if (it.kind == PartKind.OTHER) it.kind = kind }
        }

        fun build(): ResponseItem? {
            val current = item
            if (done && current != null) return current
            return when (kind) {
                SlotKind.MESSAGE -> {
                    val base = current as? ResponseItem.Message
                    ResponseItem.Message(
                        role = base?.role ?: MessageRole.ASSISTANT,
                        content = parts.values.mapNotNull { it.build() },
                        id = id,
                        status = base?.status ?: "in_progress",
                    )
                }
                SlotKind.FUNCTION_CALL -> {
                    val base = current as? ResponseItem.FunctionCall ?: ResponseItem.FunctionCall(id = id)
                    base.copy(arguments = arguments.toString(), name = name ?: base.name)
                }
                SlotKind.REASONING -> {
                    val base = current as? ResponseItem.Reasoning ?: ResponseItem.Reasoning(id = id)
                    val reasoning = parts.values.mapNotNull { it.build() }
                    base.copy(
                        summary = summaries.values.map { ReasoningSummary(it.toString()) },
                        content = reasoning.ifEmpty { base.content },
                    )
                }
                SlotKind.UNKNOWN -> current
            }
        }
    }

    /** One content part being assembled. */
    private class PartState(var kind: PartKind) {
        val text = StringBuilder()
        val annotations = mutableListOf<TextAnnotation>()
        var logprobs: MutableList<TokenLogprob>? = null
        var finished: ResponseContentPart? = null
        var base: ResponseContentPart? = null

        fun begin(p: ResponseContentPart) {
            base = p
            kind = kindOf(p)
            if (text.isEmpty()) text.append(textOf(p))
            if (p is ResponseContentPart.OutputText && annotations.isEmpty()) annotations += p.annotations
        }

        fun finish(p: ResponseContentPart) {
            finished = p
            kind = kindOf(p)
        }

        fun appendText(delta: String, lp: List<TokenLogprob>?) {
            text.append(delta)
            if (lp != null) (logprobs ?: mutableListOf<TokenLogprob>().also { logprobs = it }).addAll(lp)
        }

        fun setText(value: String) {
            text.setLength(0)
            text.append(value)
        }

        fun build(): ResponseContentPart? = finished ?: when (kind) {
            PartKind.TEXT -> ResponseContentPart.OutputText(text.toString(), annotations.toList(), logprobs?.toList())
            PartKind.REFUSAL -> ResponseContentPart.Refusal(text.toString())
            PartKind.REASONING -> ResponseContentPart.ReasoningText(text.toString())
            PartKind.OTHER -> base
        }

        companion object {
            fun of(p: ResponseContentPart): PartState = PartState(kindOf(p)).also { it.begin(p) }

            fun kindOf(p: ResponseContentPart): PartKind = when (p) {
                is ResponseContentPart.OutputText -> PartKind.TEXT
                is ResponseContentPart.Refusal -> PartKind.REFUSAL
                is ResponseContentPart.ReasoningText -> PartKind.REASONING
                else -> PartKind.OTHER
            }

            fun textOf(p: ResponseContentPart): String = when (p) {
                is ResponseContentPart.OutputText -> p.text
                is ResponseContentPart.Refusal -> p.refusal
                is ResponseContentPart.ReasoningText -> p.text
                else -> ""
            }
        }
    }
}

/**
 * Collects a response stream and returns the final [Response] (see [ResponseAccumulator.result]).
 *
 * @throws OpenAIException when the stream fails, with the partial [Response] (read it with [partialResponse])
 * and [OpenAIException.partialText] set.
 */
public suspend fun Flow<ResponseStreamEvent>.accumulate(): Response {
    val acc = ResponseAccumulator()
    attachPartial("Responses", ResponsePartial(acc, requireEnd = false)).collect()
    return acc.result()
}
