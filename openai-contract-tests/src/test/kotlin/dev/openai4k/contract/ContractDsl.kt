package dev.openai4k.contract

import dev.openai4k.OpenAI
import dev.openai4k.OpenAIDecodeException
import dev.openai4k.OpenAIException
import dev.openai4k.RequestOptions
import dev.openai4k.UnprocessableEntityException
import dev.openai4k.requestOptions
import io.kotest.core.annotation.Condition
import io.kotest.core.spec.Spec
import io.kotest.core.spec.style.FunSpec
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlin.reflect.KClass
import kotlin.time.Duration.Companion.seconds

/** Runs a spec only where Prism and the spec are present (see [PrismSetup.skipReason]). */
class PrismAvailable : Condition {
    override fun evaluate(kclass: KClass<out Spec>): Boolean = PrismSetup.skipReason == null
}

/** The SDK client pointed at Prism. */
internal object ContractClient {
    /** No retries: a 5xx from Prism must fail the check at once, not three times. */
    val openai: OpenAI by lazy {
        OpenAI {
            baseUrl = PrismServer.baseUrl
            apiKey = PrismServer.API_KEY
            maxRetries = 0
            timeout = 30.seconds
        }
    }

    /** Asks Prism for random values and random extra properties instead of the static example. */
    val dynamic: RequestOptions = requestOptions { header("Prefer", "dynamic=true") }
}

/** What a check's body gets: the client, the per-call options to pass on, and which check this is. */
internal class ContractCall(val openai: OpenAI, val options: RequestOptions, val mode: Mode) {
    /** Whether Prism answers with random values (so only decoding, not example values, can be asserted). */
    val dynamic: Boolean get() = mode == Mode.DYNAMIC
}

/**
 * Declares the three checks of [operation]: [minimal] and [full] against Prism's static example, then [full]
 * again with `Prefer: dynamic=true`. A null [full] means the operation has no optional fields, so the dynamic
 * check sends the minimal request. [known] names the checks expected to fail with a [KnownIssue]. Each outcome
 * is recorded for the coverage table.
 */
internal fun FunSpec.contract(
    operation: Operation,
    minimal: suspend ContractCall.() -> Unit,
    full: (suspend ContractCall.() -> Unit)?,
    known: Map<Mode, KnownIssue> = emptyMap(),
) {
    require(operation in Operations.IMPLEMENTED) { "$operation is not listed in Operations.IMPLEMENTED" }
    test("$operation minimal") {
        checked(operation, Mode.MINIMAL, known[Mode.MINIMAL]) {
            minimal(ContractCall(ContractClient.openai, RequestOptions.NONE, Mode.MINIMAL))
        }
    }
    test("$operation full") {
        if (full == null) {
            ContractResults.record(operation, Mode.FULL, Cell(Outcome.NO_OPTIONS))
        } else {
            checked(operation, Mode.FULL, known[Mode.FULL]) {
                full(ContractCall(ContractClient.openai, RequestOptions.NONE, Mode.FULL))
            }
        }
    }
    test("$operation dynamic") {
        checked(operation, Mode.DYNAMIC, known[Mode.DYNAMIC]) {
            (full ?: minimal)(ContractCall(ContractClient.openai, ContractClient.dynamic, Mode.DYNAMIC))
        }
    }
}

/**
 * Runs [block] against Prism and records its outcome. A 422 fails with Prism's whole validation list (read from
 * Prism's log, since the exception keeps only the first 2 KiB of the body); a decode error fails with the
 * decoder's message and the body. When [known] is given, the check passes only if it fails exactly that way.
 */
internal suspend fun checked(operation: Operation, mode: Mode, known: KnownIssue? = null, block: suspend () -> Unit) {
    val logMark = PrismLog.mark()
    val (failure, report) = try {
        block()
        null to null
    } catch (e: UnprocessableEntityException) {
        val messages = PrismLog.validationSince(logMark).ifEmpty { validationMessages(e.bodySnippet) }
        CheckFailure(messages, null) to
            "Prism rejected $operation (${mode.label}) with 422:\n" + messages.joinToString("\n") { "  $it" }
    } catch (e: OpenAIDecodeException) {
        val message = e.cause?.message ?: e.message
        CheckFailure(emptyList(), message) to
            "The SDK could not decode Prism's answer to $operation (${mode.label}): ${e.message}\nbody: ${e.bodySnippet}"
    } catch (e: OpenAIException) {
        ContractResults.record(operation, mode, Cell(Outcome.FAILED))
        val message = "Prism answered $operation (${mode.label}) with ${e.status} (${e.kind}): ${e.message}\nbody: ${e.bodySnippet}"
        println(message)
        throw AssertionError(message, e)
    } catch (e: Throwable) {
        ContractResults.record(operation, mode, Cell(Outcome.FAILED))
        throw e
    }
    when {
        failure == null && known == null -> ContractResults.record(operation, mode, Cell(Outcome.PASSED))
        failure == null -> {
            ContractResults.record(operation, mode, Cell(Outcome.PASSED))
            throw AssertionError(
                "Known issue ${known!!.id} no longer reproduces on $operation (${mode.label}): remove it from KnownIssues and this check",
            )
        }
        known != null && known.matches(failure) -> {
            ContractResults.record(operation, mode, Cell(Outcome.KNOWN_ISSUE, setOf(known)))
            ContractResults.observe(known, report!!)
            println("known issue ${known.id} reproduced as expected on $operation (${mode.label}): ${report.lineSequence().drop(1).firstOrNull()?.trim()} ...")
        }
        else -> {
            ContractResults.record(operation, mode, Cell(Outcome.FAILED))
            println(report)
            throw AssertionError(report + (known?.let { "\n(expected only known issue ${it.id})" } ?: ""))
        }
    }
}

/** Prism's problem+json `validation` messages, from a whole body or one cut short (the SDK keeps 2 KiB). */
internal fun validationMessages(body: String?): List<String> {
    validationEntries(body)?.let { entries -> return entries.map { it.second }.distinct() }
    if (body == null) return emptyList()
    return Regex(""""message":"((?:[^"\\]|\\.)*)"""").findAll(body).map { it.groupValues[1] }.distinct().toList()
}

/** Prism's `validation` entries as (dotted location, message) pairs, or null when [body] holds none. */
internal fun validationEntries(body: String?): List<Pair<String, String>>? {
    if (body == null) return null
    val root = runCatching { Json.parseToJsonElement(body) as? JsonObject }.getOrNull() ?: return null
    val list = root["validation"] as? JsonArray ?: return null
    return list.mapNotNull { entry ->
        val o = entry as? JsonObject ?: return@mapNotNull null
        val location = (o["location"] as? JsonArray)?.joinToString(".") { (it as? JsonPrimitive)?.content ?: "?" } ?: "?"
        location to ((o["message"] as? JsonPrimitive)?.content ?: "")
    }
}
