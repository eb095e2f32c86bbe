package dev.openai4k.testkit

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import java.io.ByteArrayInputStream
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.util.Base64
import javax.imageio.ImageIO
import javax.sound.sampled.AudioSystem

class ModelsModerationsMediaTest : FunSpec({
    val server = OpenAITestServer.start()
    afterSpec { server.close() }

    test("models list and retrieve by a percent-encoded id") {
        val list = parse(server.get("models").body())
        list["object"]!!.str shouldBe "list"
        val ids = list["data"]!!.arr.map { it.obj["id"]!!.str }
        ids shouldContain "gpt-4o-mini"
        list["data"]!!.arr.forEach {
            it.obj.shape() shouldBe mapOf("id" to "string", "object" to "string", "created" to "number", "owned_by" to "string")
        }
        val ft = "ft:gpt-4o-mini-2024-07-18:testkit::ft000001"
        val one = parse(server.get("models/" + ft.replace(":", "%3A")).body())
        one["id"]!!.str shouldBe ft
        one["object"]!!.str shouldBe "model"
        one["owned_by"]!!.str shouldBe "testkit-org"
    }

    test("an unknown model is a 404 with code model_not_found; an added one is found") {
        val r = server.get("models/llama3")
        r.statusCode() shouldBe 404
        parse(r.body())["error"]!!.obj["code"]!!.str shouldBe "model_not_found"
        server.addModel("llama3", "ollama")
        parse(server.get("models/llama3").body())["owned_by"]!!.str shouldBe "ollama"
    }

    test("deleting a model removes it from the list") {
        server.addModel("ft:doomed")
        val r = parse(server.delete("models/ft%3Adoomed").body())
        r["id"]!!.str shouldBe "ft:doomed"
        r["deleted"]!!.bool shouldBe true
        parse(server.get("models").body())["data"]!!.arr.map { it.obj["id"]!!.str } shouldNotContain "ft:doomed"
        server.delete("models/ft%3Adoomed").statusCode() shouldBe 404
    }

    test("moderations answer one result per input with every category, flagging trigger words") {
        val body = parse(server.post("moderations", """{"model":"omni-moderation-latest","input":["a nice day","I will kill it"]}""").body())
        body["id"]!!.str shouldStartWith "modr-"
        body["model"]!!.str shouldBe "omni-moderation-latest"
        val results = body["results"]!!.arr.map { it.obj }
        results.size shouldBe 2
        results[0]["flagged"]!!.bool shouldBe false
        results[1]["flagged"]!!.bool shouldBe true
        results[1]["categories"]!!.obj["violence"]!!.bool shouldBe true
        results.forEach { r ->
            r["categories"]!!.obj.keys shouldBe r["category_scores"]!!.obj.keys
            r["categories"]!!.obj.keys shouldContain "harassment/threatening"
            r["category_scores"]!!.obj.values.forEach { it.num }
            r["category_applied_input_types"]!!.obj["violence"]!!.arr.map { it.str } shouldBe listOf("text")
        }
    }

    test("image generations return decodable PNGs as b64_json, or URLs the server serves") {
        val b64 = parse(server.post("images/generations", """{"model":"dall-e-3","prompt":"a red cat","n":2}""").body())
        b64["created"]!!.long
        b64["data"]!!.arr.size shouldBe 2
        val png = Base64.getDecoder().decode(b64["data"]!!.arr[0].obj["b64_json"]!!.str)
        val image = ImageIO.read(ByteArrayInputStream(png))
        image.width shouldBe 16
        b64["data"]!!.arr[0].obj["revised_prompt"]!!.str shouldBe "a red cat"

        val urlBody = parse(server.post("images/generations", """{"prompt":"x","response_format":"url"}""").body())
        val url = urlBody["data"]!!.arr.single().obj["url"]!!.str
        url shouldStartWith server.rootUrl
        val fetched = server.getBytes(url)
        fetched.statusCode() shouldBe 200
        fetched.headers().firstValue("content-type").get() shouldBe "image/png"
        ImageIO.read(ByteArrayInputStream(fetched.body())).height shouldBe 16
    }

    test("image edits and variations take multipart bodies") {
        val png = Base64.getDecoder().decode(parse(server.post("images/generations", """{"prompt":"p"}""").body())["data"]!!.arr[0].obj["b64_json"]!!.str)
        val edit = server.postForm("images/edits", Form().file("image", "in.png", "image/png", png).field("prompt", "add a hat").field("n", "3"))
        edit.statusCode() shouldBe 200
        parse(edit.body())["data"]!!.arr.size shouldBe 3
        val variation = server.postForm("images/variations", Form().file("image", "in.png", "image/png", png))
        parse(variation.body())["data"]!!.arr.size shouldBe 1
        server.postForm("images/edits", Form().file("image", "in.png", "image/png", png)).statusCode() shouldBe 400
    }

    test("speech is a short valid WAV, or raw PCM for pcm") {
        val wav = server.postBytes("audio/speech", """{"model":"tts-1","input":"Hello","voice":"alloy","response_format":"wav"}""")
        wav.statusCode() shouldBe 200
        wav.headers().firstValue("content-type").get() shouldBe "audio/wav"
        (wav.body().size < 10_000) shouldBe true
        val stream = AudioSystem.getAudioInputStream(ByteArrayInputStream(wav.body()))
        stream.format.sampleRate shouldBe 24_000f
        stream.format.channels shouldBe 1
        stream.frameLength shouldBe 2_400L
        val pcm = server.postBytes("audio/speech", """{"model":"tts-1","input":"Hello","voice":"alloy","response_format":"pcm"}""")
        pcm.headers().firstValue("content-type").get() shouldBe "audio/pcm"
        pcm.body().size shouldBe 4_800
    }

    test("speech with stream_format sse sends audio deltas and a done event") {
        val events = sseEvents(server.post("audio/speech", """{"model":"gpt-4o-mini-tts","input":"Hi","voice":"alloy","stream_format":"sse"}""").body())
        events.map { it.event } shouldBe listOf("speech.audio.delta", "speech.audio.delta", "speech.audio.done")
        val audio = events.take(2).sumOf { Base64.getDecoder().decode(parse(it.data)["audio"]!!.str).size }
        audio shouldBe 4_800
        parse(events[2].data)["usage"]!!.obj["total_tokens"]!!.long
    }

    test("transcriptions answer every response_format") {
        val audio = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(42).array()
        fun form(format: String?) = Form().file("file", "speech.wav", "audio/wav", audio).field("model", "whisper-1")
            .also { if (format != null) it.field("response_format", format) }
        val expected = "This is a deterministic transcription of speech.wav (8 bytes)."
        val json = parse(server.postForm("audio/transcriptions", form(null)).body())
        json["text"]!!.str shouldBe expected
        json["usage"]!!.obj["type"]!!.str shouldBe "duration"
        val text = server.postForm("audio/transcriptions", form("text"))
        text.headers().firstValue("content-type").get() shouldStartWith "text/plain"
        text.body().trim() shouldBe expected
        server.postForm("audio/transcriptions", form("srt")).body() shouldBe "1\n00:00:00,000 --> 00:00:01,000\n$expected\n\n"
        server.postForm("audio/transcriptions", form("vtt")).body() shouldStartWith "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n"
        val verbose = parse(server.postForm("audio/transcriptions", form("verbose_json").field("timestamp_granularities[]", "word")).body())
        verbose["task"]!!.str shouldBe "transcribe"
        verbose["duration"]!!.num shouldBe 1.0
        verbose["words"]!!.arr.first().obj.keys shouldBe setOf("word", "start", "end")
        verbose.containsKey("segments") shouldBe false
        val segments = parse(server.postForm("audio/transcriptions", form("verbose_json")).body())["segments"]!!.arr
        segments.single().obj["text"]!!.str shouldBe expected
    }

    test("translations use the same multipart form and say translate") {
        val form = Form().file("file", "fr.mp3", "audio/mpeg", ByteArray(3)).field("model", "whisper-1").field("response_format", "verbose_json")
        val body = parse(server.postForm("audio/translations", form).body())
        body["task"]!!.str shouldBe "translate"
        body["language"]!!.str shouldBe "english"
        body["text"]!!.str shouldBe "This is a deterministic translation of fr.mp3 (3 bytes)."
    }

    test("a transcription without a file is a 400") {
        val r = server.postForm("audio/transcriptions", Form().field("model", "whisper-1"))
        r.statusCode() shouldBe 400
        parse(r.body())["error"]!!.obj["param"]!!.str shouldBe "file"
    }
})
