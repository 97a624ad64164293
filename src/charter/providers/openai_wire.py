"""Neutral chat values to and from the Chat Completions wire format.

- ``developer`` messages go out as the configured ``developer_role`` (``developer`` or
  ``system``); ``system``, ``user`` keep their role.
- An assistant message with tool calls carries ``tool_calls`` (``type: function``, the
  arguments as JSON text) and ``content: null`` when it said nothing else; a ``tool``
  message is ``{"role": "tool", "tool_call_id", "content"}``. Tool output is never sent as
  user text.
- ``opening_user_turn = true`` (an option, off by default: OpenAI accepts a conversation
  that opens with an assistant turn or has no user turn) puts a neutral user turn first
  for local servers whose chat templates require one.
- :func:`tools_payload` turns :class:`~charter.chat.ToolSpec` values into ``tools``.
- :func:`parse_completion` reads the first choice, its text (a string, or a list of text
  parts joined; a refusal, ``content: null`` and ``refusal`` text, reads as that text)
  and its tool calls; a reply that is only tool calls reads as one
  ``name(arguments)`` line per call, so graders see what the model did.

Every failure is a :class:`~charter.errors.ProviderError`; nothing else leaves.
"""

from __future__ import annotations

import json
from typing import Any

from charter.errors import ProviderError
from charter.providers.base import (
    ChatMessage,
    Completion,
    NotACompletion,
    ToolCall,
    ToolSpec,
    Usage,
)


def message_payload(message: ChatMessage, developer_role: str) -> dict[str, Any]:
    if message.role == "developer":
        return {"role": developer_role, "content": message.content}
    if message.role == "tool":
        if message.tool_call_id is None:
            raise ProviderError("a tool message without the id of the call it answers")
        return {"role": "tool", "tool_call_id": message.tool_call_id, "content": message.content}
    out: dict[str, Any] = {"role": message.role, "content": message.content}
    if message.tool_calls:
        out["content"] = message.content or None
        out["tool_calls"] = [
            {
                "id": call.id,
                "type": "function",
                "function": {"name": call.name, "arguments": call.arguments},
            }
            for call in message.tool_calls
        ]
    return out


def messages_payload(
    messages: tuple[ChatMessage, ...], developer_role: str, opening: str | None = None
) -> list[dict[str, Any]]:
    """The ``messages`` list; with ``opening``, a conversation whose first turn after the
    system and developer messages is not a user turn (or that has none) gets a user turn
    with that text there, for servers whose chat templates insist on it."""
    out = [message_payload(m, developer_role) for m in messages]
    if opening is None:
        return out
    at = next((i for i, m in enumerate(messages) if m.role not in ("system", "developer")), None)
    if at is None or messages[at].role != "user":
        out.insert(len(out) if at is None else at, {"role": "user", "content": opening})
    return out


def schema_of(tool: ToolSpec) -> dict[str, Any]:
    """A tool's parameter schema as an object; a non-object schema is a ProviderError."""
    try:
        schema = json.loads(tool.parameters)
    except ValueError:
        schema = None
    if not isinstance(schema, dict):
        raise ProviderError(f"tool {tool.name!r}: parameters are not a JSON Schema object")
    return schema


def tools_payload(tools: tuple[ToolSpec, ...]) -> list[dict[str, Any]]:
    return [
        {
            "type": "function",
            "function": {
                "name": tool.name,
                "description": tool.description,
                "parameters": schema_of(tool),
            },
        }
        for tool in tools
    ]


def calls_as_text(calls: tuple[ToolCall, ...]) -> str:
    return "\n".join(f"{call.name}({call.arguments})" for call in calls)


def _tool_calls(message: dict[str, Any]) -> tuple[ToolCall, ...]:
    calls = []
    for item in message.get("tool_calls") or ():
        function = item.get("function") or {}
        arguments = function.get("arguments", "")
        if not isinstance(arguments, str):
            arguments = json.dumps(arguments, ensure_ascii=False)
        calls.append(ToolCall(str(item.get("id", "")), str(function.get("name", "")), arguments))
    return tuple(calls)


def _content_text(content: Any) -> Any:
    """The message's text: a string, or a list of parts (``{"type": "text", "text"}``,
    ``{"type": "refusal", "refusal"}``) as some compatible servers send it, joined. Any
    other shape is returned as it is, for :func:`parse_completion` to call malformed."""
    if not isinstance(content, list):
        return content or ""
    texts = []
    for part in content:
        if not isinstance(part, dict):
            return content
        text = part.get("text", part.get("refusal"))
        if isinstance(text, str):
            texts.append(text)
    return "".join(texts)


def parse_completion(body: bytes, latency: float) -> Completion:
    try:
        data = json.loads(body)
        choice = data["choices"][0]
        message = choice["message"]
        text = _content_text(message.get("content")) or message.get("refusal") or ""
        usage = data.get("usage") or {}
        if not isinstance(text, str) or not isinstance(usage, dict):
            raise TypeError("content or usage has the wrong type")
        calls = _tool_calls(message)
        return Completion(
            text=text or calls_as_text(calls),
            usage=Usage(usage.get("prompt_tokens"), usage.get("completion_tokens")),
            model=data.get("model") if isinstance(data.get("model"), str) else None,
            latency_s=latency,
            finish_reason=choice.get("finish_reason"),
            tool_calls=calls,
        )
    except (ValueError, UnicodeDecodeError, KeyError, IndexError, TypeError, AttributeError) as exc:
        snippet = body[:120].decode("utf-8", "replace")
        raise NotACompletion(f"malformed completion ({type(exc).__name__}): {snippet!r}") from None


def error_detail(body: bytes) -> str:
    """The message of an error body (``{"error": {"message"}}`` or raw text), shortened."""
    try:
        data = json.loads(body)
        error = data.get("error") if isinstance(data, dict) else None
        detail = str(error.get("message", "")) if isinstance(error, dict) else str(error or "")
    except (ValueError, UnicodeDecodeError):
        detail = body[:200].decode("utf-8", "replace")
    return detail[:300]
