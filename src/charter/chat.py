"""Neutral chat values shared by every layer: messages, tool calls, tool definitions.

A :class:`Dialogue` is what a case, a judge or a training record sends to a model, in no
provider's wire format: each provider turns it into its own (OpenAI ``tool_calls`` /
``tool`` messages with ``tools``; Anthropic ``tool_use`` / ``tool_result`` blocks). The
``developer`` role stays ``developer`` here; mapping it to what a provider accepts is the
provider's (configurable) decision, never the builder's. The values are frozen and
hashable, and :meth:`ChatMessage.to_dict` is their canonical form for cache keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ROLES = ("system", "developer", "user", "assistant", "tool")


@dataclass(frozen=True, slots=True)
class ToolCall:
    """An assistant's call of a tool: ``arguments`` is JSON object text."""

    id: str
    name: str
    arguments: str


@dataclass(frozen=True, slots=True)
class ToolSpec:
    """A tool the conversation uses; ``parameters`` is a JSON Schema object as JSON text."""

    name: str
    description: str
    parameters: str = '{"type": "object"}'


@dataclass(frozen=True, slots=True)
class ChatMessage:
    """One message. ``tool_calls`` only on assistant turns; ``tool_call_id`` and ``name``
    only on ``tool`` messages (the call they answer, the tool that answered)."""

    role: str  # one of ROLES
    content: str
    tool_calls: tuple[ToolCall, ...] = ()
    tool_call_id: str | None = None
    name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Canonical form: plain messages are exactly ``{"role", "content"}``, so cache keys
        of conversations without tools are unchanged."""
        out: dict[str, Any] = {"role": self.role, "content": self.content}
        if self.tool_calls:
            out["tool_calls"] = [
                {"id": c.id, "name": c.name, "arguments": c.arguments} for c in self.tool_calls
            ]
        if self.tool_call_id is not None:
            out["tool_call_id"] = self.tool_call_id
        if self.name is not None:
            out["name"] = self.name
        return out


@dataclass(frozen=True, slots=True)
class Dialogue:
    """A conversation to send, with the tools it uses (empty when it uses none)."""

    messages: tuple[ChatMessage, ...]
    tools: tuple[ToolSpec, ...] = ()

    def starts_with_assistant(self) -> bool:
        """Whether the first non-system, non-developer message is an assistant turn."""
        for message in self.messages:
            if message.role not in ("system", "developer"):
                return message.role == "assistant"
        return False
