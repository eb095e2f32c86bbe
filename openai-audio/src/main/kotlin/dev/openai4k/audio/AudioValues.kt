package dev.openai4k.audio

/** Known audio model ids; any other id (a local server's) is accepted as a plain string. */
public object AudioModel {
    /** Text to speech, fast. */
    public const val TTS_1: String = "tts-1"

    /** Text to speech, higher quality. */
    public const val TTS_1_HD: String = "tts-1-hd"

    /** Text to speech that follows `instructions` and can stream as server-sent events. */
    public const val GPT_4O_MINI_TTS: String = "gpt-4o-mini-tts"

    /** Whisper: transcriptions (every response format) and translations; does not stream. */
    public const val WHISPER_1: String = "whisper-1"

    /** Transcription (JSON or text; streams). */
    public const val GPT_4O_TRANSCRIBE: String = "gpt-4o-transcribe"

    /** Transcription, smaller (JSON or text; streams). */
    public const val GPT_4O_MINI_TRANSCRIBE: String = "gpt-4o-mini-transcribe"
}

/** Built-in voices for speech. */
public object Voice {
    /** alloy. */
    public const val ALLOY: String = "alloy"

    /** ash. */
    public const val ASH: String = "ash"

    /** ballad. */
    public const val BALLAD: String = "ballad"

    /** coral. */
    public const val CORAL: String = "coral"

    /** echo. */
    public const val ECHO: String = "echo"

    /** fable. */
    public const val FABLE: String = "fable"

    /** onyx. */
    public const val ONYX: String = "onyx"

    /** nova. */
    public const val NOVA: String = "nova"

    /** sage. */
    public const val SAGE: String = "sage"

    /** shimmer. */
    public const val SHIMMER: String = "shimmer"

    /** verse. */
    public const val VERSE: String = "verse"

    /** marin. */
    public const val MARIN: String = "marin"

    /** cedar. */
    public const val CEDAR: String = "cedar"
}

/** Values of a speech request's `response_format`: the audio encoding. */
public object SpeechFormat {
    /** MP3 (the default). */
    public const val MP3: String = "mp3"

    /** Opus in Ogg. */
    public const val OPUS: String = "opus"

    /** AAC. */
    public const val AAC: String = "aac"

    /** FLAC. */
    public const val FLAC: String = "flac"

    /** WAV. */
    public const val WAV: String = "wav"

    /** Raw 24 kHz 16-bit little-endian mono PCM. */
    public const val PCM: String = "pcm"
}

/** Values of a speech request's `stream_format`. */
public object SpeechStreamFormat {
    /** The audio bytes themselves (the default). */
    public const val AUDIO: String = "audio"

    /** Server-sent events carrying base64 audio ([Speech.stream]; not for `tts-1`). */
    public const val SSE: String = "sse"
}

/** Values of a transcription's or translation's `response_format`. */
public object TranscriptionFormat {
    /** `{"text": ...}` (the default). */
    public const val JSON: String = "json"

    /** Plain text. */
    public const val TEXT: String = "text"

    /** SubRip subtitles. */
    public const val SRT: String = "srt"

    /** WebVTT subtitles. */
    public const val VTT: String = "vtt"

    /** Language, duration, segments and (on request) words. */
    public const val VERBOSE_JSON: String = "verbose_json"

    /** Segments with speaker labels (`gpt-4o-transcribe-diarize`). */
    public const val DIARIZED_JSON: String = "diarized_json"

    internal val PLAIN_TEXT = setOf(TEXT, SRT, VTT)
}

/** Values of `timestamp_granularities[]` (with `verbose_json`). */
public object TimestampGranularity {
    /** Word timestamps. */
    public const val WORD: String = "word"

    /** Segment timestamps (the default). */
    public const val SEGMENT: String = "segment"
}

/** Values of `include[]` for transcriptions. */
public object TranscriptionInclude {
    /** Token log probabilities (JSON format, `gpt-4o-*-transcribe`). */
    public const val LOGPROBS: String = "logprobs"
}
