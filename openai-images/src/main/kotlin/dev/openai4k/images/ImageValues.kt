package dev.openai4k.images

/** Known image model ids; any other id (a local server's) is accepted as a plain string. */
public object ImageModel {
    /** DALL·E 2: generations, edits (one square PNG) and variations. */
    public const val DALL_E_2: String = "dall-e-2"

    /** DALL·E 3: generations only, `n = 1`. */
    public const val DALL_E_3: String = "dall-e-3"

    /** GPT Image 1: generations and edits (up to 16 images), always base64, partial-image streaming. */
    public const val GPT_IMAGE_1: String = "gpt-image-1"

    /** GPT Image 1 mini. */
    public const val GPT_IMAGE_1_MINI: String = "gpt-image-1-mini"
}

/** Known values of `size`; GPT image models also accept other `WIDTHxHEIGHT` strings. */
public object ImageSize {
    /** 256×256 (DALL·E 2). */
    public const val SQUARE_256: String = "256x256"

    /** 512×512 (DALL·E 2). */
    public const val SQUARE_512: String = "512x512"

    /** 1024×1024. */
    public const val SQUARE_1024: String = "1024x1024"

    /** 1536×1024 landscape (GPT image models). */
    public const val LANDSCAPE_1536: String = "1536x1024"

    /** 1024×1536 portrait (GPT image models). */
    public const val PORTRAIT_1536: String = "1024x1536"

    /** 1792×1024 landscape (DALL·E 3). */
    public const val LANDSCAPE_1792: String = "1792x1024"

    /** 1024×1792 portrait (DALL·E 3). */
    public const val PORTRAIT_1792: String = "1024x1792"

    /** Let the model choose. */
    public const val AUTO: String = "auto"
}

/** Known values of `quality`. */
public object ImageQuality {
    /** GPT image models: low. */
    public const val LOW: String = "low"

    /** GPT image models: medium. */
    public const val MEDIUM: String = "medium"

    /** GPT image models: high. */
    public const val HIGH: String = "high"

    /** DALL·E 2 and 3: standard. */
    public const val STANDARD: String = "standard"

    /** DALL·E 3: hd. */
    public const val HD: String = "hd"

    /** Let the model choose. */
    public const val AUTO: String = "auto"
}

/** Values of `response_format`: how DALL·E returns images (GPT image models always return base64). */
public object ImageResponseFormat {
    /** A URL valid for about an hour. */
    public const val URL: String = "url"

    /** The image bytes, base64-encoded in `b64_json`. */
    public const val B64_JSON: String = "b64_json"
}

/** Values of `output_format` (GPT image models). */
public object ImageOutputFormat {
    /** PNG (the default). */
    public const val PNG: String = "png"

    /** JPEG. */
    public const val JPEG: String = "jpeg"

    /** WebP. */
    public const val WEBP: String = "webp"
}

/** Values of `background` (GPT image models). */
public object ImageBackground {
    /** A transparent background (PNG or WebP output). */
    public const val TRANSPARENT: String = "transparent"

    /** An opaque background. */
    public const val OPAQUE: String = "opaque"

    /** Let the model choose. */
    public const val AUTO: String = "auto"
}

/** Values of `style` (DALL·E 3). */
public object ImageStyle {
    /** Hyper-real, dramatic images (the default). */
    public const val VIVID: String = "vivid"

    /** More natural images. */
    public const val NATURAL: String = "natural"
}

/** Values of `moderation` (GPT image models). */
public object ImageModeration {
    /** Less restrictive filtering. */
    public const val LOW: String = "low"

    /** The default filtering. */
    public const val AUTO: String = "auto"
}

/** Values of `input_fidelity` for edits: how closely the output keeps the input images' features. */
public object InputFidelity {
    /** Keep faces, logos and details closely. */
    public const val HIGH: String = "high"

    /** The default. */
    public const val LOW: String = "low"
}
