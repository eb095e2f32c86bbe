package dev.openai4k.chat

import dev.openai4k.tools.Tool

/** The declaration of this tool as a chat request sends it (`{"type":"function","function":{...}}`). */
public fun Tool.toChatTool(): ChatTool = ChatTool.function(name, description, parameters, strict)
