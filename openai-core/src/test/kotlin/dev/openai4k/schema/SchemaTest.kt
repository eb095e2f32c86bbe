package dev.openai4k.schema

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonObject
import kotlin.jvm.JvmInline

private fun parse(text: String): JsonObject = Json.parseToJsonElement(text).jsonObject

@Serializable
enum class Unit2 { CELSIUS, FAHRENHEIT }

@Serializable
data class Place(val city: String, val country: String? = null)

@Serializable
@JvmInline
value class Score(val value: Double)

@Serializable
@Description("A forecast request")
data class Forecast(
    @Description("Where") val place: Place,
    val days: Int,
    val unit: Unit2 = Unit2.CELSIUS,
    val tags: List<String>,
    val detailed: Boolean?,
    val score: Score,
    val ratio: Float = 1f,
)

@Serializable
data class TreeNode(val name: String, val children: List<TreeNode> = emptyList())

@Serializable
data class Holder(val root: TreeNode)

@Serializable
sealed class Shape {
    @Serializable
    @kotlinx.serialization.SerialName("circle")
    data class Circle(val radius: Double) : Shape()

    @Serializable
    @kotlinx.serialization.SerialName("square")
    data class Square(val side: Double) : Shape()
}

@Serializable
data class Drawing(val shapes: List<Shape>, val attributes: Map<String, Int>)

class SchemaTest : FunSpec({
    test("a class's schema covers nesting, enums, lists, nullables, defaults, value classes and descriptions") {
        JsonSchemas.of(Forecast.serializer()) shouldBe parse(
            """
            {"type":"object","description":"A forecast request","properties":{
               "place":{"type":"object","properties":{"city":{"type":"string"},"country":{"type":["string","null"]}},
                        "required":["city"],"additionalProperties":false,"description":"Where"},
               "days":{"type":"integer"},
               "unit":{"type":"string","enum":["CELSIUS","FAHRENHEIT"]},
               "tags":{"type":"array","items":{"type":"string"}},
               "detailed":{"type":["boolean","null"]},
               "score":{"type":"number"},
               "ratio":{"type":"number"}},
             "required":["place","days","tags","detailed","score"],"additionalProperties":false}
            """,
        )
    }

    test("strict mode requires every property and makes optional ones nullable") {
        JsonSchemas.of(Forecast.serializer(), strict = true) shouldBe parse(
            """
            {"type":"object","description":"A forecast request","properties":{
               "place":{"type":"object","properties":{"city":{"type":"string"},"country":{"type":["string","null"]}},
                        "required":["city","country"],"additionalProperties":false,"description":"Where"},
               "days":{"type":"integer"},
               "unit":{"type":["string","null"],"enum":["CELSIUS","FAHRENHEIT",null]},
               "tags":{"type":"array","items":{"type":"string"}},
               "detailed":{"type":["boolean","null"]},
               "score":{"type":"number"},
               "ratio":{"type":["number","null"]}},
             "required":["place","days","unit","tags","detailed","score","ratio"],"additionalProperties":false}
            """,
        )
    }

    test("recursive classes refer to themselves through \$ref and \$defs") {
        jsonSchemaOf<TreeNode>() shouldBe parse(
            """{"type":"object","properties":{"name":{"type":"string"},"children":{"type":"array","items":{"${'$'}ref":"#"}}},
                "required":["name"],"additionalProperties":false}""",
        )
        val holder = jsonSchemaOf<Holder>(strict = true)
        holder shouldBe parse(
            """
            {"type":"object","properties":{"root":{"type":"object","properties":{"name":{"type":"string"},
               "children":{"anyOf":[{"type":"array","items":{"${'$'}ref":"#/${'$'}defs/TreeNode"}},{"type":"null"}]}},
               "required":["name","children"],"additionalProperties":false}},
             "required":["root"],"additionalProperties":false,
             "${'$'}defs":{"TreeNode":{"type":"object","properties":{"name":{"type":"string"},
               "children":{"anyOf":[{"type":"array","items":{"${'$'}ref":"#/${'$'}defs/TreeNode"}},{"type":"null"}]}},
               "required":["name","children"],"additionalProperties":false}}}
            """,
        )
        SchemaValidator.validate(parse("""{"root":{"name":"a","children":[{"name":"b","children":null}]}}"""), holder).shouldBeEmpty()
        SchemaValidator.validate(parse("""{"root":{"name":"a","children":[{"name":1,"children":null}]}}"""), holder) shouldBe
            listOf("$.root.children: does not match any allowed shape")
    }

    test("sealed classes become anyOf branches told apart by type, maps become additionalProperties") {
        jsonSchemaOf<Drawing>() shouldBe parse(
            """
            {"type":"object","properties":{
               "shapes":{"type":"array","items":{"anyOf":[
                  {"type":"object","properties":{"type":{"type":"string","enum":["circle"]},"radius":{"type":"number"}},
                   "required":["type","radius"],"additionalProperties":false},
                  {"type":"object","properties":{"type":{"type":"string","enum":["square"]},"side":{"type":"number"}},
                   "required":["type","side"],"additionalProperties":false}]}},
               "attributes":{"type":"object","additionalProperties":{"type":"integer"}}},
             "required":["shapes","attributes"],"additionalProperties":false}
            """,
        )
    }

    test("schema names are sanitised serial names") {
        JsonSchemas.nameOf(Forecast.serializer().descriptor) shouldBe "Forecast"
        JsonSchemas.nameOf(Shape.Circle.serializer().descriptor) shouldBe "circle"
    }

    test("the schema DSL writes an object schema, strict or not") {
        val loose = objectSchema {
            description = "Calculator input"
            enum("operation", listOf("add", "multiply"), "What to do")
            number("a")
            integer("precision", required = false)
            obj("options", required = false) { boolean("verbose") }
            array("values", JsonSchemas.of(Score.serializer()), required = false)
        }
        loose shouldBe parse(
            """
            {"type":"object","description":"Calculator input","properties":{
               "operation":{"type":"string","description":"What to do","enum":["add","multiply"]},
               "a":{"type":"number"},
               "precision":{"type":"integer"},
               "options":{"type":"object","properties":{"verbose":{"type":"boolean"}},"required":["verbose"],"additionalProperties":false},
               "values":{"type":"array","items":{"type":"number"}}},
             "required":["operation","a"],"additionalProperties":false}
            """,
        )
        ObjectSchemaBuilder().strict(true).string("q").integer("limit", null, false).build() shouldBe parse(
            """{"type":"object","properties":{"q":{"type":"string"},"limit":{"type":["integer","null"]}},
               "required":["q","limit"],"additionalProperties":false}""",
        )
    }

    test("the validator reports wrong types, missing and unexpected properties, and values outside an enum") {
        val schema: JsonObject = objectSchema { enum("op", listOf("add", "mul")); number("a"); integer("n", required = false) }
        SchemaValidator.validate(parse("""{"op":"add","a":1.5,"n":2}"""), schema).shouldBeEmpty()
        SchemaValidator.validate(parse("""{"op":"add","a":2,"n":2.0}"""), schema).shouldBeEmpty()
        SchemaValidator.validate(parse("""{"op":"div","a":"x","n":1.5,"z":true}"""), schema) shouldBe listOf(
            """$.op: must be one of ["add","mul"], got "div"""",
            "$.a: expected number, got a string",
            "$.n: expected integer, got a number",
            "$: unexpected property 'z'",
        )
        SchemaValidator.validate(parse("""{"a":1}"""), schema) shouldBe listOf("$: missing required property 'op'")
    }

    test("open polymorphism cannot be described") {
        shouldThrow<IllegalArgumentException> { JsonSchemas.of(kotlinx.serialization.PolymorphicSerializer(Any::class)) }
    }
})
