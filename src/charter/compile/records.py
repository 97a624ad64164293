"""Training material read from a spec, in no file format yet: SFT records and preference pairs.

Every example of a testable clause (its own, then those of the prompt files its statements
tag) is read through the one conversation builder, :func:`charter.spec.dialogue.turns`, so
a record's context is exactly the example's conversation up to the comparison it answers:
in an example with several comparisons, an earlier comparison's GOOD (else OK) reply is the
assistant turn between the user turns, never dropped.

Guarantees:

- **SFT**: one record per GOOD candidate of a comparison; the target is that candidate as
  the assistant's reply (a tool call when it is addressed to a tool).
- **Pairs**: one per (GOOD, BAD) candidate pair *of the same comparison*, never across
  comparisons, and never with identical chosen and rejected replies.
- **Quality gates**: candidates that are placeholders (an elision such as ``[...]``) or
  only stage directions (``[says nothing]``) are not training targets unless
  :attr:`Gates.keep_placeholders` is set. Everything left out is counted by reason in
  :attr:`Records.skipped` (SFT) and :attr:`Records.skipped_pairs` (pairs).
- Order is document order (modules, clauses, examples, comparisons, candidates, GOOD
  candidates outermost in pairs), so the same spec always gives the same records.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from charter.chat import ChatMessage, Dialogue, ToolSpec
from charter.spec.dialogue import Turn, answer, to_dialogue, turns
from charter.spec.model import Candidate, Clause, Example, Message, Module, Project, Verdict

# Skip reasons: SFT counts candidates, pairs count (GOOD, BAD) pairs or comparisons.
OK = "OK candidates (neither trained for nor against)"
UNLABELLED = "candidates without a verdict"
PLACEHOLDER = "placeholder candidates ([...] elisions)"
STAGE = "stage-direction candidates ([says nothing])"
INFORMATIVE = "candidates of informative clauses"
DEPRECATED = "candidates of deprecated clauses"
ABSTRACT = "candidates of abstract clauses"
UNPAIRED = "comparisons without both a GOOD and a BAD candidate"
PAIR_PLACEHOLDER = "pairs with a placeholder side"
PAIR_STAGE = "pairs with a stage-direction side"
IDENTICAL = "pairs whose chosen and rejected replies are identical"

_ELISION = re.compile(r"\[\s*(?:\.\.\.|…)|(?:\.\.\.|…)\s*\]")
_BRACKETED_ONLY = re.compile(r"(?:\[[^\[\]]*\]\s*)+")


@dataclass(frozen=True, slots=True)
class Gates:
    """What is kept that the defaults leave out."""

    keep_placeholders: bool = False  # keep placeholder and stage-direction candidates


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record comes from: clause, authority, example and the candidate's line."""

    module: str
    clause: str
    title: str
    authority: str
    example: str
    comparison: int  # 0-based comparison number within the example
    source: str  # ``path:line`` of the candidate, relative to the project root
    reason: str  # the candidate's label reason ("" when the label gives none)


@dataclass(frozen=True, slots=True)
class SftRecord:
    dialogue: Dialogue
    target: tuple[ChatMessage, ...]
    origin: Origin
    tools: tuple[ToolSpec, ...] = ()  # the context's tools and any the target calls


@dataclass(frozen=True, slots=True)
class Pair:
    dialogue: Dialogue
    chosen: tuple[ChatMessage, ...]
    rejected: tuple[ChatMessage, ...]
    origin: Origin  # of the chosen candidate
    rejected_origin: Origin
    rejected_refs: tuple[str, ...]
    tools: tuple[ToolSpec, ...] = ()  # the context's tools and any either reply calls


@dataclass(slots=True)
class Records:
    """Everything read from a project, with what was left out counted by reason."""

    sft: list[SftRecord] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    skipped_pairs: Counter[str] = field(default_factory=Counter)

    def reasons(self, pairs: bool) -> Counter[str]:
        """Everything left out of the SFT records (``pairs`` false) or of the pairs: the
        candidate-level reasons both share (clause kinds, no verdict, OK), then their own
        (placeholder candidates for SFT; placeholder, unpaired, identical pairs)."""
        own_sft = (PLACEHOLDER, STAGE)
        shared = Counter({k: n for k, n in self.skipped.items() if k not in own_sft})
        own = self.skipped_pairs if pairs else Counter({k: self.skipped[k] for k in own_sft})
        return +(shared + own)


@dataclass(frozen=True, slots=True)
class _Source:
    module: Module
    clause: Clause
    example: Example
    root: str


def quality(content: str) -> str | None:
    """Why a candidate is no training target (:data:`PLACEHOLDER`, :data:`STAGE`), or None."""
    if _ELISION.search(content):
        return PLACEHOLDER
    if _BRACKETED_ONLY.fullmatch(content.strip()):
        return STAGE
    return None


def collect(project: Project, gates: Gates = Gates(), system_prompt: str | None = None) -> Records:
    """SFT records and preference pairs of every example of every testable clause;
    ``system_prompt`` (the compiled spec, ``--with-spec``) opens every context."""
    records = Records()
    for source in _sources(project, records):
        for turn in turns(source.example):
            if system_prompt is not None:
                turn = _with_system(turn, system_prompt)
            _read_turn(source, turn, gates, records)
    return records


def _with_system(turn: Turn, text: str) -> Turn:
    dialogue = Dialogue((ChatMessage("system", text), *turn.dialogue.messages), turn.dialogue.tools)
    return Turn(dialogue, turn.candidates, turn.index)


def _sources(project: Project, records: Records) -> Iterator[_Source]:
    for module in project.modules:
        for clause in module.clauses:
            examples = list(clause.examples)
            for prompt_file in project.prompts_for(module, clause):
                examples.extend(prompt_file.examples)
            reason = _clause_skip(clause)
            for example in examples:
                if reason is None:
                    yield _Source(module, clause, example, project.root)
                else:
                    records.skipped[reason] += len(example.candidates)


def _clause_skip(clause: Clause) -> str | None:
    if not clause.normative:
        return INFORMATIVE
    if clause.status == "deprecated":
        return DEPRECATED
    if clause.abstract:
        return ABSTRACT
    return None


def _read_turn(source: _Source, turn: Turn, gates: Gates, records: Records) -> None:
    goods: list[Candidate] = []
    bads: list[Candidate] = []
    for candidate in turn.candidates:
        if candidate.verdict is None:
            records.skipped[UNLABELLED] += 1
        elif candidate.verdict is Verdict.OK:
            records.skipped[OK] += 1
        elif candidate.verdict is Verdict.BAD:
            bads.append(candidate)
        else:
            goods.append(candidate)
            why = None if gates.keep_placeholders else quality(candidate.content)
            if why is not None:
                records.skipped[why] += 1
                continue
            target = answer(candidate, turn)
            origin = _origin(source, turn, candidate)
            tools = _tools(turn, candidate)
            records.sft.append(SftRecord(turn.dialogue, target, origin, tools))
    if not goods or not bads:
        if turn.candidates:
            records.skipped_pairs[UNPAIRED] += 1
        return
    for good in goods:
        for bad in bads:
            _pair(source, turn, (good, bad), gates, records)


def _pair(
    source: _Source,
    turn: Turn,
    candidates: tuple[Candidate, Candidate],
    gates: Gates,
    records: Records,
) -> None:
    good, bad = candidates
    if not gates.keep_placeholders:
        why = quality(good.content) or quality(bad.content)
        if why is not None:
            records.skipped_pairs[PAIR_PLACEHOLDER if why == PLACEHOLDER else PAIR_STAGE] += 1
            return
    chosen, rejected = answer(good, turn), answer(bad, turn)
    if chosen == rejected:
        records.skipped_pairs[IDENTICAL] += 1
        return
    pair = Pair(
        turn.dialogue,
        chosen,
        rejected,
        _origin(source, turn, good),
        _origin(source, turn, bad),
        bad.refs,
        _tools(turn, good, bad),
    )
    records.pairs.append(pair)


def _tools(turn: Turn, *replies: Candidate) -> tuple[ToolSpec, ...]:
    """The turn's tools, then those the replies call (read by the builder as well)."""
    tools = {spec.name: spec for spec in turn.dialogue.tools}
    for reply in replies:
        message = Message(reply.role, reply.attrs, reply.content, reply.span)
        for spec in to_dialogue((message,)).tools:
            tools.setdefault(spec.name, spec)
    return tuple(tools.values())


def _origin(source: _Source, turn: Turn, candidate: Candidate) -> Origin:
    clause = source.clause
    return Origin(
        module=source.module.id,
        clause=clause.id,
        title=clause.title,
        authority=clause.authority or "",
        example=source.example.title,
        comparison=turn.index,
        source=_where(source.root, candidate.span.path, candidate.span.line),
        reason=candidate.reason,
    )


def _where(root: str, path: str, line: int) -> str:
    """``path:line`` relative to the project root (the same from any working folder)."""
    relative = os.path.relpath(path, root) if root else path
    return f"{Path(relative).as_posix()}:{line}"
