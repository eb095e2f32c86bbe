package dev.openai4k.contract

/**
 * A failure the suite knows about and expects, so the rest of the suite can pass while it waits for a fix.
 *
 * A check that expects an issue passes only if it fails exactly this way: every validation message Prism gives
 * matches one of [validation] and one of them matches [requires], or the decode error matches [decode]. Any other failure fails the check; a check
 * that no longer fails fails too ("remove the known issue"), so a fix cannot go unnoticed.
 */
internal class KnownIssue(
    val id: String,
    /** `SDK` for a bug in the SDK, `spec` for something the spec (or Prism reading it) cannot express. */
    val kind: String,
    val operation: Operation,
    val summary: String,
    private val validation: List<Regex> = emptyList(),
    private val requires: Regex? = null,
    private val decode: Regex? = null,
) {
    fun matches(failure: CheckFailure): Boolean = when {
        failure.validation.isNotEmpty() ->
            validation.isNotEmpty() &&
                failure.validation.all { message -> validation.any { it.containsMatchIn(message) } } &&
                (requires == null || failure.validation.any { requires.containsMatchIn(it) })
        failure.decode != null -> decode?.containsMatchIn(failure.decode) == true
        else -> false
    }

    override fun toString(): String = id
}

/** What a failed check reported: Prism's validation messages for a 422, or the decoder's message. */
internal class CheckFailure(val validation: List<String>, val decode: String?)

/** Every known issue, in the order the coverage file lists them. */
internal object KnownIssues {
    val IMAGE_EDIT_IMAGE_ARRAY = KnownIssue(
        "K3", "spec", Operations.IMAGES_EDIT,
        "Several images are sent as repeated `image[]` parts, as the spec's own curl sample for this operation does; " +
            "the spec's schema names the field `image` (an array), and Prism's multipart validator cannot see bracketed " +
            "names, so it reports `image` missing. Repeated `image` parts would pass Prism. The spec contradicts itself.",
        validation = listOf(Regex("""^Request body must have required property 'image'$""")),
    )

    val ALL: List<KnownIssue> = listOf(
        IMAGE_EDIT_IMAGE_ARRAY,
    )
}
