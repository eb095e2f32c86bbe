package dev.openai4k.vision

import dev.openai4k.chat.ChatRequest
import dev.openai4k.chat.ChatSession
import dev.openai4k.chat.ChatTurn

/**
 * Adds a user message of [text] and [images] (see [Vision.userMessage]):
 * `chatRequest("gpt-4o") { system("Be brief."); user("Compare these.", listOf(a, b)) }`.
 *
 * @throws IllegalArgumentException when [images] is empty or [detail] is blank.
 */
public fun ChatRequest.Builder.user(text: String, images: List<ImageInput>, detail: String? = null): ChatRequest.Builder =
    message(Vision.userMessage(text, images, detail))

/** Adds a user message of [text] and one [image] (see [Vision.userMessage]). */
public fun ChatRequest.Builder.user(text: String, image: ImageInput, detail: String? = null): ChatRequest.Builder =
    message(Vision.userMessage(text, listOf(image), detail))

/**
 * Sends a user message of [text] and [images] in this session and returns the turn (see [ChatSession.send]).
 * The images stay in the session's history and are sent again with every later turn.
 *
 * @throws IllegalArgumentException when [images] is empty or [detail] is blank.
 * @throws dev.openai4k.OpenAIException for every failure of the call, as [ChatSession.send].
 */
public suspend fun ChatSession.send(text: String, images: List<ImageInput>, detail: String? = null): ChatTurn =
    send(Vision.userMessage(text, images, detail))
