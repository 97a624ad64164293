"""Training records written in the file formats their consumers read.

Four formats, each named for the consumer that reads it:

``openai-sft``
    OpenAI chat fine-tuning JSONL: ``{"messages": [...]}`` plus ``tools`` and
    ``parallel_tool_calls`` when the conversation uses tools. Assistant turns of the
    context carry ``weight: 0``, the target ``weight: 1``.
``openai-dpo``
    OpenAI preference fine-tuning JSONL: ``{"input": {"messages": [...], "tools": ...},
    "preferred_output": [assistant], "non_preferred_output": [assistant]}``.
``trl-sft``
    Hugging Face / TRL conversational language-modelling dataset: ``{"messages": [...]}``.
``trl-dpo``
    TRL conversational preference dataset: ``prompt``, ``chosen`` and ``rejected``, all
    three lists of messages (so ``is_conversational`` is true whichever key it reads).

Role mapping (the spec's ``developer`` role exists in neither training format):

============  ==========  ==========  ===========================================
spec role     openai-*    trl-*       why
============  ==========  ==========  ===========================================
system        system      system
developer     system      system      the training file formats have no developer
                                      role; a developer message keeps its place
user          user        user
assistant     assistant   assistant   a reply to a tool is a ``tool_calls`` entry
tool          tool        tool        ``tool_call_id`` names the call it answers
============  ==========  ==========  ===========================================

In the TRL formats tool-call ``arguments`` and the ``tools`` column are JSON *text* (TRL
decodes a string ``tools`` column; Arrow cannot hold differently shaped argument objects in
one column). A TRL prompt must end with a user or tool turn (TRL's ``apply_chat_template``
rejects any other last role): a pair whose context ends otherwise is skipped and counted.

Only keys the format allows are written. Charter's metadata (clause, authority, source
line, reason, refs) goes to a sidecar file, line for line (:func:`metadata`), or inline
under ``"charter"`` with ``inline_metadata`` for formats that tolerate extra keys
(``trl-*``; OpenAI's validator rejects unknown keys, so the flag is refused there).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from charter.chat import ChatMessage, ToolSpec
from charter.compile.records import Origin, Pair, Records, SftRecord

JsonDict = dict[str, Any]
FORMATS = ("openai-sft", "openai-dpo", "trl-sft", "trl-dpo")
ROLE_MAP = {"system": "system", "developer": "system", "user": "user", "assistant": "assistant"}
TRL_PROMPT_END = "pairs whose context does not end with a user or tool turn (TRL)"


@dataclass(frozen=True, slots=True)
class Style:
    """How one format spells messages."""

    json_arguments: bool  # tool-call arguments as JSON text (TRL) or as OpenAI writes them
    weights: bool  # assistant turns carry ``weight`` (OpenAI SFT only)


OPENAI_SFT = Style(json_arguments=False, weights=True)
OPENAI = Style(json_arguments=False, weights=False)
TRL = Style(json_arguments=True, weights=False)


@dataclass(slots=True)
class Output:
    """Lines of a training file, its sidecar metadata, and what this format skipped."""

    lines: list[JsonDict] = field(default_factory=list)
    metadata: list[JsonDict] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)

    def jsonl(self) -> str:
        return _jsonl(self.lines)

    def sidecar(self) -> str:
        return _jsonl(self.metadata)


def write(records: Records, name: str, inline_metadata: bool = False) -> Output:
    """``records`` in format ``name`` (one of :data:`FORMATS`)."""
    writers: dict[str, Callable[[Records], Output]] = {
        "openai-sft": lambda r: _each(r.sft, openai_sft),
        "openai-dpo": lambda r: _each(r.pairs, openai_dpo),
        "trl-sft": lambda r: _each(r.sft, trl_sft),
        "trl-dpo": _trl_pairs,
    }
    out = writers[name](records)
    if inline_metadata:
        for line, meta in zip(out.lines, out.metadata, strict=True):
            line["charter"] = meta
    return out


def _each(items: Iterable[Any], render: Callable[[Any], JsonDict]) -> Output:
    out = Output()
    for item in items:
        out.lines.append(render(item))
        out.metadata.append(metadata(item))
    return out


def _trl_pairs(records: Records) -> Output:
    out = Output()
    for pair in records.pairs:
        last = pair.dialogue.messages[-1].role if pair.dialogue.messages else None
        if last not in ("user", "tool"):
            out.skipped[TRL_PROMPT_END] += 1
            continue
        out.lines.append(trl_dpo(pair))
        out.metadata.append(metadata(pair))
    return out


def openai_sft(record: SftRecord) -> JsonDict:
    messages = _messages(record.dialogue.messages, OPENAI_SFT)
    messages += [{**m, "weight": 1} for m in _messages(record.target, OPENAI)]
    line: JsonDict = {"messages": messages}
    line.update(_openai_tools(record.tools))
    return line


def openai_dpo(pair: Pair) -> JsonDict:
    given: JsonDict = {"messages": _messages(pair.dialogue.messages, OPENAI)}
    given.update(_openai_tools(pair.tools))
    return {
        "input": given,
        "preferred_output": _messages(pair.chosen, OPENAI),
        "non_preferred_output": _messages(pair.rejected, OPENAI),
    }


def trl_sft(record: SftRecord) -> JsonDict:
    line: JsonDict = {"messages": _messages((*record.dialogue.messages, *record.target), TRL)}
    line.update(_trl_tools(record.tools))
    return line


def trl_dpo(pair: Pair) -> JsonDict:
    line: JsonDict = {
        "prompt": _messages(pair.dialogue.messages, TRL),
        "chosen": _messages(pair.chosen, TRL),
        "rejected": _messages(pair.rejected, TRL),
    }
    line.update(_trl_tools(pair.tools))
    return line


def metadata(item: SftRecord | Pair) -> JsonDict:
    """Charter's account of one record: clause, authority, where, why."""
    meta = _origin(item.origin)
    if isinstance(item, Pair):
        meta["rejected"] = {**_origin(item.rejected_origin), "refs": list(item.rejected_refs)}
        for key in ("module", "clause", "title", "authority", "example", "comparison"):
            meta["rejected"].pop(key)
    return meta


def _origin(origin: Origin) -> JsonDict:
    return {
        "clause": f"{origin.module}/{origin.clause}",
        "module": origin.module,
        "title": origin.title,
        "authority": origin.authority,
        "example": origin.example,
        "comparison": origin.comparison,
        "source": origin.source,
        "reason": origin.reason,
    }


def _messages(messages: Iterable[ChatMessage], style: Style) -> list[JsonDict]:
    return [_message(m, style) for m in messages]


def _message(message: ChatMessage, style: Style) -> JsonDict:
    if message.role == "tool":
        return {"role": "tool", "tool_call_id": message.tool_call_id, "content": message.content}
    out: JsonDict = {"role": ROLE_MAP[message.role], "content": message.content}
    if message.tool_calls:
        out["tool_calls"] = [
            {
                "id": call.id,
                "type": "function",
                "function": {"name": call.name, "arguments": call.arguments},
            }
            for call in message.tool_calls
        ]
        if not style.json_arguments:
            del out["content"]  # OpenAI: a tool-call turn has no content
    if style.weights and message.role == "assistant":
        out["weight"] = 0
    return out


def _tool(spec: ToolSpec) -> JsonDict:
    return {
        "type": "function",
        "function": {
            "name": spec.name,
            "description": spec.description,
            "parameters": json.loads(spec.parameters),
        },
    }


def _openai_tools(tools: tuple[ToolSpec, ...]) -> JsonDict:
    if not tools:
        return {}
    return {"tools": [_tool(t) for t in tools], "parallel_tool_calls": False}


def _trl_tools(tools: tuple[ToolSpec, ...]) -> JsonDict:
    if not tools:
        return {}
    return {"tools": json.dumps([_tool(t) for t in tools], ensure_ascii=False)}


def _jsonl(lines: list[JsonDict]) -> str:
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
