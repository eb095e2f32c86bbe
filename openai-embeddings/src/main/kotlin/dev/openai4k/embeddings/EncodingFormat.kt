package dev.openai4k.embeddings

/** The names of the `encoding_format` values servers know. A plain string, so any other value can be sent. */
public object EncodingFormat {
    /** Little-endian float32 vectors in base64: about a quarter of the bytes of [FLOAT], and faster to decode. */
    public const val BASE64: String = "base64"

    /** Vectors as JSON arrays of numbers; for servers that reject [BASE64]. */
    public const val FLOAT: String = "float"
}
