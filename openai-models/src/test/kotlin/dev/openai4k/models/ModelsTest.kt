package dev.openai4k.models

import dev.openai4k.AuthenticationException
import dev.openai4k.ErrorKind
import dev.openai4k.NotFoundException
import dev.openai4k.OpenAIDecodeException
import dev.openai4k.PermissionDeniedException
import dev.openai4k.requestOptions
import dev.openai4k.testsupport.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class ModelsTest : FunSpec({
    test("list sends GET /models with no body and decodes OpenAI's shape") {
        val r = Recorded {
            json("""{"object":"list","data":[
                {"id":"gpt-4o-mini","object":"model","created":1721172741,"owned_by":"system"},
                {"id":"ft:gpt-4o-mini:acme::abc123","object":"model","created":1730000000,"owned_by":"user-abc"}]}""")
        }
        val models = r.client.models.list()
        val seen = r.requests.single()
        seen.data.method.value shouldBe "GET"
        seen.path shouldBe "/v1/models"
        seen.body shouldBe ""
        models shouldBe listOf(
            Model("gpt-4o-mini", created = 1721172741, ownedBy = "system", objectType = "model"),
            Model("ft:gpt-4o-mini:acme::abc123", created = 1730000000, ownedBy = "user-abc", objectType = "model"),
        )
    }

    test("Ollama's list decodes") {
        val r = Recorded {
            json("""{"object":"list","data":[{"id":"llama3.2:latest","object":"model","created":1729000000,"owned_by":"library"},
                    {"id":"hf.co/bartowski/Qwen2.5-7B-Instruct-GGUF:Q4_K_M","object":"model","created":1729000001,"owned_by":"hf.co"}]}""")
        }
        r.client.models.list().map { it.id to it.ownedBy } shouldBe listOf(
            "llama3.2:latest" to "library", "hf.co/bartowski/Qwen2.5-7B-Instruct-GGUF:Q4_K_M" to "hf.co",
        )
    }

    test("vLLM's list keeps max_model_len, root and parent and ignores permission") {
        val r = Recorded {
            json("""{"object":"list","data":[{"id":"meta-llama/Llama-3.1-8B-Instruct","object":"model","created":1718000000,
                "owned_by":"vllm","root":"meta-llama/Llama-3.1-8B-Instruct","parent":null,"max_model_len":8192,
                "permission":[{"id":"modelperm-1","object":"model_permission","created":1718000000,"allow_create_engine":false,
                "allow_sampling":true,"allow_logprobs":true,"allow_search_indices":false,"allow_view":true,
                "allow_fine_tuning":false,"organization":"*","group":null,"is_blocking":false}]},
                {"id":"sql-lora","object":"model","created":1718000000,"owned_by":"vllm","root":"/adapters/sql","parent":"meta-llama/Llama-3.1-8B-Instruct","max_model_len":null}]}""")
        }
        val (base, lora) = r.client.models.list()
        base.maxModelLen shouldBe 8192
        base.root shouldBe "meta-llama/Llama-3.1-8B-Instruct"
        base.parent shouldBe null
        lora.parent shouldBe "meta-llama/Llama-3.1-8B-Instruct"
        lora.maxModelLen shouldBe null
    }

    test("OpenRouter's list keeps name, context length, pricing and architecture") {
        val r = Recorded {
            json("""{"data":[{"id":"openai/gpt-4o","canonical_slug":"openai/gpt-4o","name":"OpenAI: GPT-4o","created":1715367049,
                "description":"GPT-4o is ...","context_length":128000,
                "architecture":{"modality":"text+image->text","input_modalities":["text","image","file"],"output_modalities":["text"],
                    "tokenizer":"GPT","instruct_type":null},
                "pricing":{"prompt":"0.0000025","completion":"0.00001","request":"0","image":"0.003613","web_search":"0"},
                "top_provider":{"context_length":128000,"max_completion_tokens":16384,"is_moderated":true},
                "per_request_limits":null,"supported_parameters":["tools","temperature"]}]}""")
        }
        val m = r.client.models.list().single()
        m.id shouldBe "openai/gpt-4o"
        m.name shouldBe "OpenAI: GPT-4o"
        m.ownedBy shouldBe null
        m.contextLength shouldBe 128000
        m.pricing shouldBe ModelPricing(prompt = "0.0000025", completion = "0.00001", request = "0", image = "0.003613")
        m.architecture!!.inputModalities shouldBe listOf("text", "image", "file")
        m.architecture!!.tokenizer shouldBe "GPT"
        m.architecture!!.instructType shouldBe null
    }

    test("a model without created or owned_by (LM Studio) decodes, and numeric prices are read as text") {
        val r = Recorded {
            json("""{"data":[{"id":"qwen2.5-7b-instruct","object":"model","owned_by":"organization_owner"},
                    {"id":"x","pricing":{"prompt":0.5,"completion":1}}]}""")
        }
        val (lm, priced) = r.client.models.list()
        lm.created shouldBe null
        lm.ownedBy shouldBe "organization_owner"
        priced.pricing shouldBe ModelPricing(prompt = "0.5", completion = "1")
    }

    test("retrieve sends the id as one percent-encoded segment") {
        val r = Recorded { json("""{"id":"org/model:tag","object":"model","created":1,"owned_by":"me"}""") }
        val m = r.client.models.retrieve("org/model:tag")
        r.requests.single().data.method.value shouldBe "GET"
        r.requests.single().path shouldBe "/v1/models/org%2Fmodel%3Atag"
        m.id shouldBe "org/model:tag"
        m.ownedBy shouldBe "me"
    }

    test("retrieve of an unknown model is a NotFoundException with the provider's code") {
        val r = Recorded {
            json("""{"error":{"message":"The model 'nope' does not exist","type":"invalid_request_error","param":"model",
                    "code":"model_not_found"}}""", 404, "x-request-id" to "req_9")
        }
        val e = shouldThrow<NotFoundException> { r.client.models.retrieve("nope") }
        e.code shouldBe "model_not_found"
        e.param shouldBe "model"
        e.kind shouldBe ErrorKind.API
        e.requestId shouldBe "req_9"
    }

    test("delete sends DELETE to the encoded path and decodes the result") {
        val r = Recorded { json("""{"id":"ft:gpt-4o-mini:acme::abc123","object":"model","deleted":true}""") }
        val d = r.client.models.delete("ft:gpt-4o-mini:acme::abc123")
        r.requests.single().data.method.value shouldBe "DELETE"
        r.requests.single().path shouldBe "/v1/models/ft%3Agpt-4o-mini%3Aacme%3A%3Aabc123"
        d shouldBe ModelDeleted("ft:gpt-4o-mini:acme::abc123", deleted = true, objectType = "model")
    }

    test("deleting a base model is a PermissionDeniedException, a bad key an AuthenticationException") {
        val denied = Recorded { json("""{"error":{"message":"You have insufficient permissions"}}""", 403) }
        shouldThrow<PermissionDeniedException> { denied.client.models.delete("gpt-4o") }.status shouldBe 403
        val unauth = Recorded { json("""{"error":{"message":"Incorrect API key provided","code":"invalid_api_key"}}""", 401) }
        shouldThrow<AuthenticationException> { unauth.client.models.list() }.code shouldBe "invalid_api_key"
    }

    test("a model without an id is a decode error") {
        val r = Recorded { json("""{"object":"model","owned_by":"x"}""") }
        shouldThrow<OpenAIDecodeException> { r.client.models.retrieve("x") }
    }

    test("a blank id is rejected before anything is sent") {
        val r = Recorded { json("{}") }
        shouldThrow<IllegalArgumentException> { r.client.models.retrieve(" ") }
        shouldThrow<IllegalArgumentException> { r.client.models.delete("") }
        r.requests.size shouldBe 0
    }

    test("request options reach the wire") {
        val r = Recorded { json("""{"data":[]}""") }
        r.client.models.list(requestOptions { header("X-Trace", "t-2"); query("limit", "5") }) shouldBe emptyList()
        r.requests.single().data.headers["X-Trace"] shouldBe "t-2"
        r.requests.single().data.url.parameters["limit"] shouldBe "5"
    }
})
