package dev.openai4k.contract

import dev.openai4k.models.models
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

@EnabledIf(PrismAvailable::class)
class ModelsContractTest : FunSpec({
    contract(
        Operations.MODELS_LIST,
        minimal = {
            val models = openai.models.list(options)
            if (!dynamic) {
                models.single().id shouldBe "string"
                models.single().ownedBy shouldBe "string"
            }
        },
        full = null,
    )

    contract(
        Operations.MODELS_RETRIEVE,
        minimal = {
            val model = openai.models.retrieve("gpt-4o-mini", options)
            if (!dynamic) model.objectType shouldBe "model"
        },
        full = null,
    )

    contract(
        Operations.MODELS_DELETE,
        minimal = {
            val deleted = openai.models.delete("ft:gpt-4o-mini:org:custom:abc123", options)
            if (!dynamic) deleted.deleted shouldBe true
        },
        full = null,
    )

    test("an id with a slash reaches the {model} path as one segment (Prism would not match two)") {
        checked(Operations.MODELS_RETRIEVE, Mode.MINIMAL) {
            ContractClient.openai.models.retrieve("meta-llama/Llama-3.1-8B-Instruct").id shouldBe "string"
        }
    }
})
