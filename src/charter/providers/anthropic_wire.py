"""Neutral chat values to and from the Anthropic Messages API, and the choices made.

The Messages API has no developer role, a single top-level system prompt, and requires
the conversation to start with a user turn. So:

- ``system`` and ``developer`` messages, wherever they stand, become the ``system``
  prompt, joined in order by a blank line (the developer's authority is kept: it is never
  turned into user text);
- an assistant tool call is a ``tool_use`` block (``input`` is the arguments object); a
  ``tool`` message is a ``tool_result`` block in a user turn; consecutive messages of one
  role are merged into one turn (tool results first, as the API requires);
- a conversation with no user turn first (only developer input, or an assistant turn
  first) is sent with :data:`OPENING_USER_TURN` before it: a neutral user turn that
  says no user message was given;
- empty text is left out (the API refuses empty text blocks); an empty user turn is sent
  as :data:`OPENING_USER_TURN` too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from charter.errors import ProviderError
from charter.providers.base import OPENING_USER_TURN, ChatMessage, ToolCall, ToolSpec
from charter.providers.openai_wire import calls_as_text, schema_of

_SYSTEM_ROLES = ("system", "developer")
__all__ = ["OPENING_USER_TURN", "messages_payload", "reply_parts", "system_prompt", "tools_payload"]


def system_prompt(messages: Iterable[ChatMessage]) -> str:
    return "\n\n".join(m.content for m in messages if m.role in _SYSTEM_ROLES and m.content)


def _arguments(call: ToolCall) -> dict[str, Any]:
    try:
        value = json.loads(call.arguments or "{}")
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise ProviderError(f"tool call {call.name!r}: arguments are not a JSON object")
    return value


def _blocks(message: ChatMessage) -> tuple[str, list[dict[str, Any]]]:
    if message.role == "tool":
        if message.tool_call_id is None:
            raise ProviderError("a tool message without the id of the call it answers")
        block = {"type": "tool_result", "tool_use_id": message.tool_call_id}
        return "user", [{**block, "content": message.content}]
    blocks: list[dict[str, Any]] = []
    if message.content:
        blocks.append({"type": "text", "text": message.content})
    for call in message.tool_calls:
        use = {"type": "tool_use", "id": call.id, "name": call.name}
        blocks.append({**use, "input": _arguments(call)})
    if not blocks and message.role == "user":
        blocks.append({"type": "text", "text": OPENING_USER_TURN})
    return message.role, blocks


def _opening() -> dict[str, Any]:
    return {"role": "user", "content": [{"type": "text", "text": OPENING_USER_TURN}]}


def messages_payload(messages: Iterable[ChatMessage]) -> list[dict[str, Any]]:
    turns: list[dict[str, Any]] = []
    for message in messages:
        if message.role in _SYSTEM_ROLES:
            continue
        role, blocks = _blocks(message)
        if not blocks:
            continue
        if turns and turns[-1]["role"] == role:
            merged = turns[-1]["content"] + blocks
            merged.sort(key=lambda b: b["type"] != "tool_result")  # stable: results first
            turns[-1]["content"] = merged
        else:
            turns.append({"role": role, "content": blocks})
    if not turns or turns[0]["role"] != "user":
        turns.insert(0, _opening())
    return turns


def tools_payload(tools: tuple[ToolSpec, ...]) -> list[dict[str, Any]]:
    return [
        {"name": t.name, "description": t.description, "input_schema": schema_of(t)} for t in tools
    ]


def reply_parts(content: Iterable[Any]) -> tuple[str, tuple[ToolCall, ...]]:
    """The text of a reply's content blocks and the tool calls among them."""
    texts: list[str] = []
    calls: list[ToolCall] = []
    for block in content:
        kind = getattr(block, "type", None)
        if kind == "text":
            texts.append(str(getattr(block, "text", "")))
        elif kind == "tool_use":
            arguments = json.dumps(getattr(block, "input", {}), ensure_ascii=False)
            calls.append(ToolCall(str(block.id), str(block.name), arguments))
    text = "".join(texts)
    return text or calls_as_text(tuple(calls)), tuple(calls)
