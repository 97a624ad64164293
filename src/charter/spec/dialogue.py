"""The one conversation builder: an example (or test block) as the dialogue a model sees.

The runner, the judge and ``charter compile`` all read examples through this module, so a
case, its grading and a training record see the same conversation.

Guarantees:

- **Roles are the example's.** ``developer`` stays ``developer`` and ``system`` stays
  ``system``; mapping them to what an API accepts is the provider's or the export
  format's decision, never made here.
- **Tool traffic is tool traffic.** An assistant message with ``recipient="X"`` (other
  than ``all``) is a :class:`~charter.chat.ToolCall` of tool ``X``; ``<tool name="X">``
  answers the latest unanswered call to ``X``. When the spec shows tool output without
  its call, an assistant turn with a call of empty arguments is synthesised so the
  conversation is well-formed for every API. Every tool used gets a
  :class:`~charter.chat.ToolSpec`. Call ids are ``call_1``, ``call_2``… in order.
- **One turn per comparison.** An example with several ``<comparison>`` blocks yields one
  :class:`Turn` per comparison, each with exactly the conversation up to that comparison;
  in later turns an earlier comparison's GOOD (else OK) candidate stands as the
  assistant's reply, so the context never holds two user turns where the spec showed an
  answer between them. A test case answers :func:`final_turn`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from charter.chat import ChatMessage, Dialogue, ToolCall, ToolSpec
from charter.spec.model import Candidate, Example, Message, Verdict

_NAME_BAD = re.compile(r"[^A-Za-z0-9_-]")
_NO_ARGUMENTS = "{}"


@dataclass(frozen=True, slots=True)
class Turn:
    """One comparison of an example: the dialogue it answers and its candidates."""

    dialogue: Dialogue
    candidates: tuple[Candidate, ...]
    index: int


@dataclass(slots=True)
class _Builder:
    """Accumulates chat messages, pairing tool outputs with their calls."""

    messages: list[ChatMessage] = field(default_factory=list)
    open_calls: dict[str, list[str]] = field(default_factory=dict)  # tool -> unanswered ids
    tools: dict[str, None] = field(default_factory=dict)  # tool names in first-use order
    calls: int = 0

    def add(self, role: str, content: str, attrs: Iterable[tuple[str, str]]) -> None:
        values = dict(attrs)
        if role == "assistant":
            self.messages.append(self.assistant(values.get("recipient"), content))
        elif role == "tool":
            self._tool(values.get("name") or values.get("recipient") or "tool", content)
        else:
            self.messages.append(ChatMessage(role, content))

    def assistant(self, recipient: str | None, content: str) -> ChatMessage:
        if not recipient or recipient == "all":
            return ChatMessage("assistant", content)
        name = tool_name(recipient)
        call = ToolCall(self._next_id(), name, _arguments(content))
        self.open_calls.setdefault(name, []).append(call.id)
        self.tools.setdefault(name, None)
        return ChatMessage("assistant", "", (call,))

    def _tool(self, raw_name: str, content: str) -> None:
        name = tool_name(raw_name)
        self.tools.setdefault(name, None)
        pending = self.open_calls.get(name)
        if not pending:  # output the spec shows without its call
            call = ToolCall(self._next_id(), name, _NO_ARGUMENTS)
            self.messages.append(ChatMessage("assistant", "", (call,)))
            pending = [call.id]
        call_id = pending.pop()
        self.messages.append(ChatMessage("tool", content, tool_call_id=call_id, name=name))

    def _next_id(self) -> str:
        self.calls += 1
        return f"call_{self.calls}"

    def snapshot(self) -> Dialogue:
        specs = tuple(_tool_spec(name) for name in self.tools)
        return Dialogue(tuple(self.messages), specs)


def to_dialogue(messages: Sequence[Message]) -> Dialogue:
    """Spec messages (an example without comparison, a test block) as a dialogue."""
    builder = _Builder()
    for message in messages:
        builder.add(message.role, message.content, message.attrs)
    return builder.snapshot()


def turns(example: Example) -> tuple[Turn, ...]:
    """One :class:`Turn` per comparison of ``example``, in order (one turn with no
    candidates when it has no comparison)."""
    groups = _comparisons(example)
    if not groups:
        return (Turn(to_dialogue(example.messages), (), 0),)
    builder = _Builder()
    out: list[Turn] = []
    consumed = 0
    for index, (before, candidates) in enumerate(groups):
        for message in example.messages[consumed:before]:
            builder.add(message.role, message.content, message.attrs)
        consumed = before
        out.append(Turn(builder.snapshot(), candidates, index))
        chosen = _best(candidates)
        if chosen is not None and index < len(groups) - 1:
            builder.add(chosen.role, chosen.content, chosen.attrs)
    return tuple(out)


def final_turn(example: Example) -> Turn:
    """The last comparison of ``example``: what a test case answers."""
    return turns(example)[-1]


def answer(candidate: Candidate, turn: Turn) -> tuple[ChatMessage, ...]:
    """``candidate`` as the assistant's reply after ``turn`` (a tool call when it is
    addressed to a tool), with call ids continuing the turn's numbering."""
    recipient = dict(candidate.attrs).get("recipient")
    if not recipient or recipient == "all":
        return (ChatMessage("assistant", candidate.content),)
    used = sum(len(m.tool_calls) for m in turn.dialogue.messages)
    call = ToolCall(f"call_{used + 1}", tool_name(recipient), _arguments(candidate.content))
    return (ChatMessage("assistant", "", (call,)),)


def tool_name(recipient: str) -> str:
    """A function name every API accepts: ``functions.x`` is ``x``; other characters are
    ``_``; at most 64 characters."""
    name = _NAME_BAD.sub("_", recipient.strip().removeprefix("functions."))
    return (name or "tool")[:64]


def _comparisons(example: Example) -> list[tuple[int, tuple[Candidate, ...]]]:
    """Candidates grouped by comparison, each with the number of messages before it."""
    groups: dict[int, list[Candidate]] = {}
    for candidate in example.candidates:
        before = sum(1 for m in example.messages if m.span.line < candidate.span.line)
        groups.setdefault(before, []).append(candidate)
    return [(before, tuple(group)) for before, group in sorted(groups.items())]


def _best(candidates: Sequence[Candidate]) -> Candidate | None:
    for verdict in (Verdict.GOOD, Verdict.OK):
        for candidate in candidates:
            if candidate.verdict is verdict:
                return candidate
    return None


def _arguments(content: str) -> str:
    """Arguments as JSON object text: the content when it is a JSON object, else
    ``{"input": content}``."""
    try:
        value = json.loads(content)
    except ValueError:
        value = None
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return json.dumps({"input": content.strip()}, ensure_ascii=False)


def _tool_spec(name: str) -> ToolSpec:
    parameters = {
        "type": "object",
        "properties": {"input": {"type": "string", "description": "what the tool is asked"}},
        "additionalProperties": True,
    }
    return ToolSpec(
        name,
        f"The '{name}' tool used in this conversation.",
        json.dumps(parameters, sort_keys=True),
    )
