package dev.openai4k.contract

import java.util.concurrent.ConcurrentHashMap

/** The three requests each implemented operation is checked with. */
internal enum class Mode(val label: String) {
    /** Only the required fields; Prism's static example answer. */
    MINIMAL("minimal"),

    /** Every optional field the SDK supports set to a valid value; Prism's static example answer. */
    FULL("full"),

    /** The full request again, answered with `Prefer: dynamic=true`: random values and random extra fields. */
    DYNAMIC("dynamic"),
}

/** What one check came to, worst last (a worse outcome of the same operation and mode wins). */
internal enum class Outcome {
    /** The operation has no optional fields: the full request is the minimal one. */
    NO_OPTIONS,
    PASSED,

    /** Failed exactly as a listed [KnownIssue] says, and in no other way. */
    KNOWN_ISSUE,
    FAILED,
}

/** One cell of the coverage table. */
internal data class Cell(val outcome: Outcome, val issues: Set<KnownIssue> = emptySet()) {
    val text: String
        get() = when (outcome) {
            Outcome.NO_OPTIONS -> "n/a (no options)"
            Outcome.PASSED -> "pass"
            Outcome.KNOWN_ISSUE -> "known issue " + issues.sortedBy { it.id }.joinToString(", ") { it.id }
            Outcome.FAILED -> "**FAIL**"
        }
}

/** The outcome of every check run in this JVM, for the coverage table. */
internal object ContractResults {
    private val cells = ConcurrentHashMap<Operation, MutableMap<Mode, Cell>>()
    private val observed = ConcurrentHashMap<KnownIssue, String>()
    private val streams = ConcurrentHashMap<Operation, Cell>()

    /** Records how the streaming form of [operation]'s request fared (worse outcome wins, as in [record]). */
    fun recordStream(operation: Operation, cell: Cell) {
        streams.merge(operation, cell) { old, new -> if (new.outcome >= old.outcome) new else old }
    }

    fun streamCell(operation: Operation): Cell? = streams[operation]

    /**
     * Records [cell]. The worse outcome wins, so an extra check of the same operation and mode (a vision request,
     * a second shape of a union) that passes later cannot hide one that failed.
     */
    fun record(operation: Operation, mode: Mode, cell: Cell) {
        cells.computeIfAbsent(operation) { ConcurrentHashMap() }.merge(mode, cell) { old, new ->
            when {
                new.outcome == old.outcome -> Cell(new.outcome, old.issues + new.issues)
                new.outcome > old.outcome -> new
                else -> old
            }
        }
    }

    fun cell(operation: Operation, mode: Mode): Cell? = cells[operation]?.get(mode)

    /** Keeps what Prism (or the decoder) said when [issue] reproduced, for the coverage file. */
    fun observe(issue: KnownIssue, message: String) {
        observed.putIfAbsent(issue, message)
    }

    fun observed(issue: KnownIssue): String? = observed[issue]

    /** Implemented operations with a check that did not run in this JVM (a partial run). */
    fun missing(): List<String> = Operations.IMPLEMENTED.keys.flatMap { op ->
        Mode.entries.filter { cell(op, it) == null }.map { "$op ${it.label}" }
    }
}
