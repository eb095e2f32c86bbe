package dev.openai4k.chat

import dev.openai4k.tools.Tool as CoreTool

/**
 * The shared [dev.openai4k.tools.Tool], under its old name inside this package only, so that files of this package
 * written before tools moved to `openai-core` keep compiling unchanged. Not visible outside the module.
 */
internal typealias Tool = CoreTool

/** The declaration of this tool as a chat request sends it (`{"type":"function","function":{...}}`). */
public fun CoreTool.toChatTool(): ChatTool = ChatTool.function(name, description, parameters, strict)
