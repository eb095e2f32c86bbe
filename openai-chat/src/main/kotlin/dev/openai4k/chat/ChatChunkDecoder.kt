package dev.openai4k.chat

import dev.openai4k.OpenAIJson
import dev.openai4k.Usage
import kotlinx.serialization.DeserializationStrategy
import kotlinx.serialization.builtins.ListSerializer
import java.util.Arrays

/**
 * Decodes the `data` of a chat stream's events into [ChatCompletionChunk]s, as `chat.stream` does; useful when the
 * events come from elsewhere (a recorded stream, a proxy). Use one decoder per stream: it remembers the strings
 * every chunk repeats (id, model, fingerprint, role, finish reason) and hands back the same instances.
 *
 * The result is always exactly what `OpenAIJson.decodeFromString(ChatCompletionChunk.serializer(), data)` gives
 * (the same values, the same errors). The usual shapes are read by a direct scanner that builds no JSON tree and
 * no key strings; anything it does not read exactly (a malformed or unusual chunk) is handed to that serializer.
 *
 * Not thread-safe: feed it from one coroutine (or thread) at a time.
 */
public class ChatChunkDecoder {
    // The data being read, copied into a reusable array: reading an array is cheaper than reading a String.
    private var buf = CharArray(1024)
    private var end = 0
    private var pos = 0

    // The previous chunk's data when the scanner read all of it (else previousEnd is 0), and how many leading
    // characters the current data shares with it: a value that lies in that prefix at the same place as before
    // is the same value (the scanner reads the same prefix the same way), with nothing to compare.
    private var previous = CharArray(1024)
    private var previousEnd = 0
    private var same = 0
    private var keyStart = 0

    // The span of the last string read; when it held escapes, its decoded text is in [unescaped].
    private var stringStart = 0
    private var stringEnd = 0
    private var escaped = false
    private val unescaped = StringBuilder()

    // The last value of each repeated field, handed back again while the chunks repeat it.
    private val lastId = Remembered()
    private val lastObject = Remembered()
    private val lastModel = Remembered()
    private val lastFingerprint = Remembered()
    private val lastTier = Remembered()
    private val lastRole = Remembered()
    private val lastFinish = Remembered()
    private val lastCallId = Remembered()
    private val lastCallType = Remembered()
    private val lastName = Remembered()

    // The last `created` and where its digits were, so that an unchanged timestamp is not parsed again.
    private var lastCreated = 0L
    private var lastCreatedAt = -1
    private var lastCreatedEnd = -1

    /**
     * Decodes one event's data.
     *
     * @throws kotlinx.serialization.SerializationException (an [IllegalArgumentException]) when [data] is not a
     * chunk, as the serializer would.
     */
    public fun decode(data: String): ChatCompletionChunk =
        scan(data) ?: OpenAIJson.decodeFromString(ChatCompletionChunk.serializer(), data)

    /** The chunk read by the direct scanner, or null when [data] needs the serializer. */
    internal fun scan(data: String): ChatCompletionChunk? {
        val n = data.length
        if (n > buf.size) buf = CharArray(if (n > MAX_KEPT_BUFFER) n else minOf(maxOf(n, buf.size * 2), MAX_KEPT_BUFFER))
        data.toCharArray(buf, 0, 0, n)
        end = n
        pos = 0
        same = if (previousEnd == 0) 0 else Arrays.mismatch(buf, 0, n, previous, 0, previousEnd).let { if (it < 0) n else it }
        val chunk = try {
            skipWhitespace()
            val chunk = readChunk()
            skipWhitespace()
            if (pos == end) chunk else null
        } catch (_: Unsupported) {
            null
        }
        if (chunk == null || n > MAX_KEPT_BUFFER) {
            previousEnd = 0
            if (buf.size > MAX_KEPT_BUFFER) buf = CharArray(1024)
        } else {
            val read = buf
            buf = previous
            previous = read
            previousEnd = n
        }
        return chunk
    }

    private fun readChunk(): ChatCompletionChunk {
        var id = ""
        var objectType = CHUNK_OBJECT
        var created = 0L
        var model = ""
        var choices: List<ChunkChoice> = emptyList()
        var usage: Usage? = null
        var fingerprint: String? = null
        var tier: String? = null
        readObject {
            when {
                key("choices") -> choices = if (readNull()) emptyList() else readChoices()
                key("id") -> id = if (readNull()) "" else repeated(lastId)
                key("object") -> objectType = if (readNull()) CHUNK_OBJECT else repeated(lastObject)
                key("created") -> created = if (readNull()) 0L else readCreated()
                key("model") -> model = if (readNull()) "" else repeated(lastModel)
                key("system_fingerprint") -> fingerprint = if (readNull()) null else repeated(lastFingerprint)
                key("service_tier") -> tier = if (readNull()) null else repeated(lastTier)
                key("usage") -> usage = if (readNull()) null else delegate(Usage.serializer())
                else -> skipField()
            }
        }
        return ChatCompletionChunk(id, objectType, created, model, choices, usage, fingerprint, tier)
    }

    private fun readChoices(): List<ChunkChoice> {
        var first: ChunkChoice? = null
        var all: ArrayList<ChunkChoice>? = null
        readArray {
            val choice = readChoice()
            when {
                first == null -> first = choice
                else -> (all ?: ArrayList<ChunkChoice>(4).also { it.add(first); all = it }).add(choice)
            }
        }
        return all ?: first?.let { listOf(it) } ?: emptyList()
    }

    private fun readChoice(): ChunkChoice {
        var index = 0
        var delta = EMPTY_DELTA
        var finishReason: String? = null
        var logprobs: ChoiceLogprobs? = null
        readObject {
            when {
                key("delta") -> delta = if (readNull()) EMPTY_DELTA else readDelta()
                key("index") -> index = if (readNull()) 0 else readInt()
                key("finish_reason") -> finishReason = if (readNull()) null else repeated(lastFinish)
                key("logprobs") -> logprobs = if (readNull()) null else delegate(ChoiceLogprobs.serializer())
                else -> skipField()
            }
        }
        return ChunkChoice(index, delta, finishReason, logprobs)
    }

    private fun readDelta(): ChunkDelta {
        var role: String? = null
        var content: String? = null
        var refusal: String? = null
        var toolCalls: List<ToolCallDelta>? = null
        var reasoningContent: String? = null
        var reasoning: String? = null
        var audio: AssistantAudio? = null
        var annotations: List<MessageAnnotation>? = null
        var any = false
        readObject {
            any = true
            when {
                key("content") -> content = when (current()) {
                    '"' -> fresh()
                    'n' -> { expectLiteral("null"); null }
                    else -> delegate(LenientTextSerializer) // an array of parts, as some servers send
                }
                key("role") -> role = if (readNull()) null else repeated(lastRole)
                key("tool_calls") -> toolCalls = if (readNull()) null else readToolCalls()
                key("reasoning_content") -> reasoningContent = if (readNull()) null else fresh()
                key("reasoning") -> reasoning = if (readNull()) null else fresh()
                key("refusal") -> refusal = if (readNull()) null else fresh()
                key("audio") -> audio = if (readNull()) null else delegate(AssistantAudio.serializer())
                key("annotations") -> annotations = if (readNull()) null else delegate(ANNOTATIONS)
                else -> skipField()
            }
        }
        if (!any) return EMPTY_DELTA
        return ChunkDelta(role, content, refusal, toolCalls, reasoningContent, reasoning, audio, annotations)
    }

    private fun readToolCalls(): List<ToolCallDelta> {
        val calls = ArrayList<ToolCallDelta>(1)
        readArray { calls.add(readToolCall()) }
        return calls
    }

    private fun readToolCall(): ToolCallDelta {
        var index: Int? = null
        var id: String? = null
        var type: String? = null
        var function: FunctionCallDelta? = null
        readObject {
            when {
                key("function") -> function = if (readNull()) null else readFunction()
                key("index") -> index = if (readNull()) null else readInt()
                key("id") -> id = if (readNull()) null else repeated(lastCallId)
                key("type") -> type = if (readNull()) null else repeated(lastCallType)
                else -> skipField()
            }
        }
        return ToolCallDelta(index, id, type, function)
    }

    private fun readFunction(): FunctionCallDelta {
        var name: String? = null
        var arguments: String? = null
        readObject {
            when {
                key("arguments") -> arguments = if (readNull()) null else fresh()
                key("name") -> name = if (readNull()) null else repeated(lastName)
                else -> skipField()
            }
        }
        return FunctionCallDelta(name, arguments)
    }

    /** Decodes the value at [pos] with [strategy] (fields the scanner does not read itself). */
    private fun <T> delegate(strategy: DeserializationStrategy<T>): T {
        val start = pos
        skipValue(0)
        return try {
            OpenAIJson.decodeFromString(strategy, String(buf, start, pos - start))
        } catch (_: RuntimeException) {
            throw Unsupported // the whole chunk goes to the serializer, which reports the error in context
        }
    }

    // ---- JSON structure ----

    private fun current(): Char = if (pos < end) buf[pos] else END

    private fun skipWhitespace() {
        val text = buf
        val n = end
        var i = pos
        while (i < n) {
            val c = text[i]
            if (c > ' ' || (c != ' ' && c != '\n' && c != '\r' && c != '\t')) break
            i++
        }
        pos = i
    }

    private fun expect(c: Char) {
        if (current() != c) throw Unsupported
        pos++
    }

    /**
     * Reads an object, calling [onField] at each field with [keyStart] just inside the key's opening quote; it reads
     * the key (with [key] or [skipKey]) and the value.
     */
    private inline fun readObject(onField: () -> Unit) {
        expect('{')
        skipWhitespace()
        if (current() == '}') {
            pos++
            return
        }
        while (true) {
            if (current() != '"') throw Unsupported
            keyStart = pos + 1
            onField()
            skipWhitespace()
            when (current()) {
                ',' -> { pos++; skipWhitespace() }
                '}' -> { pos++; return }
                else -> throw Unsupported
            }
        }
    }

    /** Reads an array, calling [onElement] with [pos] at each element. */
    private inline fun readArray(onElement: () -> Unit) {
        expect('[')
        skipWhitespace()
        if (current() == ']') {
            pos++
            return
        }
        while (true) {
            onElement()
            skipWhitespace()
            when (current()) {
                ',' -> { pos++; skipWhitespace() }
                ']' -> { pos++; return }
                else -> throw Unsupported
            }
        }
    }

    /**
     * Whether the key at [keyStart] is [name]; if so, reads it, the colon and the whitespace around it. Compared in
     * place, so the usual keys are never scanned twice nor copied.
     */
    private fun key(name: String): Boolean {
        val from = keyStart
        val n = name.length
        if (from + n >= end) return false
        val text = buf
        for (k in 0 until n) if (text[from + k] != name[k]) return false
        if (text[from + n] != '"') return false
        pos = from + n + 1
        afterKey()
        return true
    }

    /** Reads a key none of the reader's names matched. A key with escapes is left to the serializer. */
    private fun skipKey() {
        val text = buf
        val n = end
        var i = keyStart
        while (true) {
            if (i >= n) throw Unsupported
            val c = text[i]
            if (c == '"') break
            if (c == '\\') throw Unsupported
            i++
        }
        pos = i + 1
        afterKey()
    }

    private fun afterKey() {
        skipWhitespace()
        expect(':')
        skipWhitespace()
    }

    /** Skips a field the reader has no use for (the server's extensions, Azure's filter results). */
    private fun skipField() {
        skipKey()
        skipValue(0)
    }

    /** Consumes a `null` literal if one is at [pos]. */
    private fun readNull(): Boolean {
        if (current() != 'n') return false
        expectLiteral("null")
        return true
    }

    private fun expectLiteral(literal: String) {
        if (pos + literal.length > end) throw Unsupported
        for (k in literal.indices) if (buf[pos + k] != literal[k]) throw Unsupported
        pos += literal.length
    }

    /** A string value as a new String. */
    private fun fresh(): String {
        readString()
        return if (escaped) unescaped.toString() else String(buf, stringStart, stringEnd - stringStart)
    }

    /** A string value; the remembered instance when the value is the same text as last time. */
    private fun repeated(last: Remembered): String {
        val at = pos
        val value = last.value
        if (value != null) {
            val n = value.length
            // Read here in the previous chunk, and this chunk is the same up to the closing quote.
            if (last.at == at && at + n + 2 <= same) {
                pos = at + n + 2
                return value
            }
            // The remembered text has neither quote nor backslash: the same characters and a closing quote are
            // the same string, read without scanning for its end.
            val from = at + 1
            val text = buf
            if (from + n < end && text[at] == '"' && text[from + n] == '"' && sameChars(from, last.chars, n)) {
                pos = from + n + 1
                last.at = at
                return value
            }
        }
        readString()
        if (escaped) {
            last.at = -1
            return unescaped.toString()
        }
        val n = stringEnd - stringStart
        val fresh = String(buf, stringStart, n)
        if (last.chars.size < n) last.chars = CharArray(n)
        System.arraycopy(buf, stringStart, last.chars, 0, n)
        last.value = fresh
        last.at = at
        return fresh
    }

    private fun sameChars(from: Int, chars: CharArray, n: Int): Boolean {
        val text = buf
        for (k in 0 until n) if (text[from + k] != chars[k]) return false
        return true
    }

    /** A field's last value and its characters (compared without going through the String). */
    private class Remembered {
        var value: String? = null
        var chars = CharArray(0)

        /** Where [value] was last read (its opening quote), or -1 after a value with escapes. */
        var at = -1
    }

    /** Reads the string at [pos]: its span in [stringStart]/[stringEnd], or its decoded text in [unescaped]. */
    private fun readString() {
        if (current() != '"') throw Unsupported
        val text = buf
        val n = end
        var i = pos + 1
        while (i < n) {
            val c = text[i]
            if (c == '"') {
                stringStart = pos + 1
                stringEnd = i
                escaped = false
                pos = i + 1
                return
            }
            if (c == '\\') break
            i++
        }
        if (i >= n) throw Unsupported
        val sb = unescaped
        sb.setLength(0)
        sb.appendRange(text, pos + 1, i)
        while (true) {
            if (i >= n) throw Unsupported
            when (text[i]) {
                '"' -> {
                    escaped = true
                    pos = i + 1
                    return
                }
                '\\' -> {
                    if (i + 1 >= n) throw Unsupported
                    when (text[i + 1]) {
                        '"' -> sb.append('"')
                        '\\' -> sb.append('\\')
                        '/' -> sb.append('/')
                        'b' -> sb.append('\b')
                        'f' -> sb.append('\u000C')
                        'n' -> sb.append('\n')
                        'r' -> sb.append('\r')
                        't' -> sb.append('\t')
                        'u' -> {
                            if (i + 6 > n) throw Unsupported
                            var code = 0
                            for (k in i + 2 until i + 6) code = code * 16 + hexValue(text[k])
                            sb.append(code.toChar())
                            i += 4
                        }
                        else -> throw Unsupported
                    }
                    i += 2
                }
                else -> {
                    var j = i + 1
                    while (j < n) {
                        val d = text[j]
                        if (d == '"' || d == '\\') break
                        j++
                    }
                    sb.appendRange(text, i, j)
                    i = j
                }
            }
        }
    }

    private fun hexValue(c: Char): Int = when (c) {
        in '0'..'9' -> c - '0'
        in 'a'..'f' -> c - 'a' + 10
        in 'A'..'F' -> c - 'A' + 10
        else -> throw Unsupported
    }

    /** An integer written plainly (`-?(0|[1-9][0-9]*)`, at most 18 digits); anything else goes to the serializer. */
    private fun readLong(): Long {
        val text = buf
        val n = end
        var i = pos
        val negative = i < n && text[i] == '-'
        if (negative) i++
        val digitsStart = i
        var value = 0L
        while (i < n) {
            val c = text[i]
            if (c < '0' || c > '9') break
            value = value * 10 + (c - '0')
            i++
        }
        val digits = i - digitsStart
        if (digits == 0 || digits > 18 || (digits > 1 && text[digitsStart] == '0')) throw Unsupported
        if (i < n && (text[i] == '.' || text[i] == 'e' || text[i] == 'E')) throw Unsupported
        pos = i
        return if (negative) -value else value
    }

    /** `created`: the previous chunk's value when this chunk is the same up to the character after its digits. */
    private fun readCreated(): Long {
        val at = pos
        if (at == lastCreatedAt && lastCreatedEnd < same) {
            pos = lastCreatedEnd
            return lastCreated
        }
        val value = readLong()
        lastCreated = value
        lastCreatedAt = at
        lastCreatedEnd = pos
        return value
    }

    private fun readInt(): Int {
        val value = readLong()
        if (value < Int.MIN_VALUE || value > Int.MAX_VALUE) throw Unsupported
        return value.toInt()
    }

    /** Skips any JSON value, accepting strict JSON only; deep nesting is left to the serializer. */
    private fun skipValue(depth: Int) {
        if (depth > MAX_DEPTH) throw Unsupported
        when (current()) {
            '{' -> readObject {
                skipKey()
                skipValue(depth + 1)
            }
            '[' -> readArray { skipValue(depth + 1) }
            '"' -> readString()
            't' -> expectLiteral("true")
            'f' -> expectLiteral("false")
            'n' -> expectLiteral("null")
            else -> skipNumber()
        }
    }

    /** Skips a number of strict JSON grammar: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`. */
    private fun skipNumber() {
        val text = buf
        val n = end
        var i = pos
        if (i < n && text[i] == '-') i++
        val intStart = i
        while (i < n && text[i] in '0'..'9') i++
        val intDigits = i - intStart
        if (intDigits == 0 || (intDigits > 1 && text[intStart] == '0')) throw Unsupported
        if (i < n && text[i] == '.') {
            i++
            val fractionStart = i
            while (i < n && text[i] in '0'..'9') i++
            if (i == fractionStart) throw Unsupported
        }
        if (i < n && (text[i] == 'e' || text[i] == 'E')) {
            i++
            if (i < n && (text[i] == '+' || text[i] == '-')) i++
            val exponentStart = i
            while (i < n && text[i] in '0'..'9') i++
            if (i == exponentStart) throw Unsupported
        }
        pos = i
    }

    /** Raised inside the scanner for anything it leaves to the serializer; never escapes it. */
    private object Unsupported : RuntimeException() {
        override fun fillInStackTrace(): Throwable = this
    }

    private companion object {
        const val END = '\uFFFF'
        const val MAX_DEPTH = 32
        const val MAX_KEPT_BUFFER = 64 * 1024
        const val CHUNK_OBJECT = "chat.completion.chunk"
        val EMPTY_DELTA = ChunkDelta()
        val ANNOTATIONS = ListSerializer(MessageAnnotation.serializer())
    }
}
