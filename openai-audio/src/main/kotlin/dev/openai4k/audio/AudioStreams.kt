@file:JvmName("AudioStreams")

package dev.openai4k.audio

import dev.openai4k.OpenAIException
import dev.openai4k.http.ServerSentEvent
import dev.openai4k.stream.StreamAccumulator
import dev.openai4k.stream.TypedEventDecoder
import dev.openai4k.stream.attachPartial
import dev.openai4k.stream.decodeEvents
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.emitAll
import kotlinx.coroutines.flow.flow
import kotlinx.serialization.DeserializationStrategy

/**
 * The transcription a failed transcription stream ([Transcriptions.stream]) had delivered: the text of the deltas
 * received (also in `partialText`) with their log probabilities; null when no text had arrived. A failed speech
 * stream keeps nothing (its audio went to the collector as it came). Java: `AudioStreams.partialTranscription(e)`.
 */
public val OpenAIException.partialTranscription: Transcription?
    @JvmName("partialTranscription") get() = partial(Transcription::class.java)

/** The transcription stream's event table; other types arrive as [TranscriptionStreamEvent.Unknown]. */
private val transcriptionTypes: TypedEventDecoder<TranscriptionStreamEvent> = TypedEventDecoder(
    "transcription",
    mapOf<String, DeserializationStrategy<TranscriptionStreamEvent>>(
        "transcript.text.delta" to TranscriptionStreamEvent.TextDelta.serializer(),
        "transcript.text.done" to TranscriptionStreamEvent.TextDone.serializer(),
        "transcript.text.segment" to TranscriptionStreamEvent.Segment.serializer(),
    ),
) { type, json -> TranscriptionStreamEvent.Unknown(type, json) }

/** The speech stream's event table; other types arrive as [SpeechStreamEvent.Unknown]. */
private val speechTypes: TypedEventDecoder<SpeechStreamEvent> = TypedEventDecoder(
    "speech",
    mapOf<String, DeserializationStrategy<SpeechStreamEvent>>(
        "speech.audio.delta" to SpeechStreamEvent.AudioDelta.serializer(),
        "speech.audio.done" to SpeechStreamEvent.AudioDone.serializer(),
    ),
) { type, json -> SpeechStreamEvent.Unknown(type, json) }

/** Joins the text deltas (and their log probabilities) of a transcription stream for the exception of a failure. */
private class TranscriptSoFar : StreamAccumulator<TranscriptionStreamEvent, Transcription> {
    private val text = StringBuilder()
    private val logprobs = mutableListOf<TranscriptionLogprob>()

    override fun add(element: TranscriptionStreamEvent) {
        if (element is TranscriptionStreamEvent.TextDelta) {
            text.append(element.delta)
            logprobs += element.logprobs
        }
    }

    override fun partial(): Transcription? = if (text.isEmpty()) null else Transcription(text.toString(), logprobs = logprobs.toList())

    override fun partialText(): String? = if (text.isEmpty()) null else text.toString()
}

// A stream that ends without a single event is an error: a server that ignores `stream=true` (whisper-1 does)
// answers with one JSON body, which holds no event, and an empty flow would hide that.

internal fun transcriptionEvents(events: Flow<ServerSentEvent>): Flow<TranscriptionStreamEvent> = flow {
    emitAll(events.decodeEvents(transcriptionTypes).attachPartial("transcription", TranscriptSoFar(), failWhenEmpty = true))
}

internal fun speechEvents(events: Flow<ServerSentEvent>): Flow<SpeechStreamEvent> =
    events.decodeEvents(speechTypes).attachPartial("speech", null, failWhenEmpty = true)
