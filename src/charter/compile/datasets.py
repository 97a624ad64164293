"""The spec compiled into training data: spec-citing SFT records and DPO preference pairs.

Every example of a normative clause (in the module, then in the prompt files its
statements tag) whose ``<comparison>`` holds labelled candidates becomes records:

- **SFT**: one record per GOOD candidate, the conversation up to the comparison then
  that response, in the OpenAI chat fine-tuning format, with the clause it follows, its
  authority, its source line and a ``rationale`` citing the clause id and title.
- **DPO**: one pair per (GOOD, BAD) candidate pair of one comparison, with the BAD
  reason and the clauses it cites.

OK candidates, candidates without a verdict, and examples of informative or deprecated
clauses are skipped and counted by reason. Output order is document order (modules,
clauses, examples, candidates), so the same spec always gives the same bytes.

Roles map as the OpenAI chat format expects: ``system``, ``user`` and ``developer``
(or ``system``, by choice) keep their content; an assistant message addressed to a
``recipient`` becomes a ``tool_calls`` entry and a ``tool`` message answers the latest
call to it (a call is added, with ``weight: 0``, when the spec shows tool output without
one). Assistant turns before the comparison carry ``weight: 0``: only the GOOD response
is a training target.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charter.spec.model import Candidate, Clause, Example, Message, Module, Project, Verdict

JsonDict = dict[str, Any]
_NAME_BAD = re.compile(r"[^A-Za-z0-9_-]")
OK = "OK candidates"
UNLABELLED = "candidates without a verdict"
INFORMATIVE = "candidates of informative clauses"
DEPRECATED = "candidates of deprecated clauses"
UNPAIRED = "examples without both a GOOD and a BAD candidate"


@dataclass(frozen=True, slots=True)
class Options:
    """How records are written: the role of developer messages, an optional spec prompt."""

    developer_role: str = "developer"
    system_prompt: str | None = None  # prepended as a system message (``--with-spec``)


@dataclass(slots=True)
class Dataset:
    """Records in output order and what was left out, counted by reason."""

    records: list[JsonDict] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)

    def summary(self, noun: str) -> str:
        """One line: records written, then what was skipped and why."""
        line = f"{len(self.records)} {noun} written"
        skipped = [f"{n} {reason}" for reason, n in sorted(self.skipped.items()) if n]
        return f"{line}; skipped: {', '.join(skipped)}" if skipped else line

    def jsonl(self) -> str:
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in self.records)


@dataclass(frozen=True, slots=True)
class _Item:
    """One example with where it comes from."""

    module: Module
    clause: Clause
    example: Example
    root: str


def sft_records(project: Project, options: Options = Options()) -> Dataset:
    """One spec-citing chat record per GOOD candidate of every example of every
    normative clause."""
    data = Dataset()
    for item in _items(project, data):
        prompt = _prompt(item.example.messages, options)
        for candidate in _labelled(item.example, data):
            if candidate.verdict is not Verdict.GOOD:
                continue
            record: JsonDict = {"messages": [*prompt, *_final(candidate, len(prompt))]}
            record.update(_about(item, candidate, options))
            record["rationale"] = _rationale(item.clause, candidate)
            data.records.append(record)
    return data


def dpo_records(project: Project, options: Options = Options()) -> Dataset:
    """One preference pair per (GOOD, BAD) candidate pair of every comparison of every
    normative clause, GOOD candidates outermost, both in document order."""
    data = Dataset()
    for item in _items(project, data):
        labelled = list(_labelled(item.example, data))
        goods = [c for c in labelled if c.verdict is Verdict.GOOD]
        bads = [c for c in labelled if c.verdict is Verdict.BAD]
        if not goods or not bads:
            if labelled:
                data.skipped[UNPAIRED] += 1
            continue
        prompt = [_unweighted(m) for m in _prompt(item.example.messages, options)]
        for good in goods:
            for bad in bads:
                record: JsonDict = {"prompt": prompt, "chosen": good.content}
                record["rejected"] = bad.content
                record.update(_about(item, good, options))
                record["rejected_reason"] = bad.reason
                record["rejected_refs"] = list(bad.refs)
                record["rejected_source"] = _source(item.root, bad.span.path, bad.span.line)
                data.records.append(record)
    return data


def _items(project: Project, data: Dataset) -> Iterator[_Item]:
    """Examples of normative, non-deprecated clauses; the others' candidates are counted
    as skipped."""
    for module in project.modules:
        for clause in module.clauses:
            examples = list(clause.examples)
            for prompt_file in project.prompts_for(module, clause):
                examples.extend(prompt_file.examples)
            reason = _clause_skip(clause)
            for example in examples:
                if reason is None:
                    yield _Item(module, clause, example, project.root)
                elif example.candidates:
                    data.skipped[reason] += len(example.candidates)


def _clause_skip(clause: Clause) -> str | None:
    if not clause.normative:
        return INFORMATIVE
    if clause.status == "deprecated":
        return DEPRECATED
    return None


def _labelled(example: Example, data: Dataset) -> Iterator[Candidate]:
    """GOOD and BAD candidates; OK ones and ones without a verdict are counted."""
    for candidate in example.candidates:
        if candidate.verdict is None:
            data.skipped[UNLABELLED] += 1
        elif candidate.verdict is Verdict.OK:
            data.skipped[OK] += 1
        else:
            yield candidate


def _unweighted(message: JsonDict) -> JsonDict:
    return {key: value for key, value in message.items() if key != "weight"}


def _about(item: _Item, candidate: Candidate, options: Options) -> JsonDict:
    about: JsonDict = {
        "clause": f"{item.module.id}/{item.clause.id}",
        "authority": item.clause.authority,
        "source": _source(item.root, candidate.span.path, candidate.span.line),
    }
    if options.system_prompt is not None:
        about["with_spec"] = True
    return about


def _rationale(clause: Clause, candidate: Candidate) -> str:
    text = f"Follows #{clause.id} ({clause.title}, {clause.authority})"
    return f"{text}: {candidate.reason}" if candidate.reason else text


def _source(root: str, path: str, line: int) -> str:
    """``path:line`` with the path relative to the project root (the same from any
    working folder)."""
    relative = os.path.relpath(path, root) if root else path
    return f"{Path(relative).as_posix()}:{line}"


def _prompt(messages: tuple[Message, ...], options: Options) -> list[JsonDict]:
    """The conversation before the comparison as OpenAI chat messages."""
    out: list[JsonDict] = []
    if options.system_prompt is not None:
        out.append({"role": "system", "content": options.system_prompt})
    calls: dict[str, str] = {}  # tool name -> id of its latest call
    for message in messages:
        out.extend(_chat(message, options, calls, len(out)))
    return out


def _chat(
    message: Message, options: Options, calls: dict[str, str], position: int
) -> list[JsonDict]:
    role = message.role
    if role == "developer":
        return [{"role": options.developer_role, "content": message.content}]
    if role in ("system", "user"):
        return [{"role": role, "content": message.content}]
    if role == "assistant":
        turn = _assistant(message.attr("recipient"), message.content, position)
        for call in turn.get("tool_calls", ()):
            calls[call["function"]["name"]] = call["id"]
        return [{**turn, "weight": 0}]
    name = _tool_name(message.attr("name") or message.attr("recipient") or role)
    out: list[JsonDict] = []
    if name not in calls:  # tool output the spec shows without its call
        calls[name] = f"call_{position}"
        call = _call(name, "{}", calls[name])
        out.append({"role": "assistant", "tool_calls": [call], "weight": 0})
    out.append({"role": "tool", "tool_call_id": calls.pop(name), "content": message.content})
    return out


def _final(candidate: Candidate, position: int) -> list[JsonDict]:
    recipient = dict(candidate.attrs).get("recipient")
    return [_assistant(recipient, candidate.content, position)]


def _assistant(recipient: str | None, content: str, position: int) -> JsonDict:
    """An assistant turn; one addressed to a tool (``recipient``) is a tool call."""
    if not recipient or recipient == "all":
        return {"role": "assistant", "content": content}
    call = _call(_tool_name(recipient), _arguments(content), f"call_{position}")
    return {"role": "assistant", "tool_calls": [call]}


def _call(name: str, arguments: str, call_id: str) -> JsonDict:
    return {"id": call_id, "type": "function", "function": {"name": name, "arguments": arguments}}


def _tool_name(recipient: str) -> str:
    """A function name the API accepts: ``functions.x`` is ``x``; other characters ``_``."""
    return _NAME_BAD.sub("_", recipient.removeprefix("functions."))


def _arguments(content: str) -> str:
    """Arguments as JSON text: the content when it is a JSON object, else ``{"input": ...}``."""
    try:
        value = json.loads(content)
    except ValueError:
        value = None
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return json.dumps({"input": content.strip()}, ensure_ascii=False)
