"""Case planning: which cases a spec yields, their stable ids and their conversations.

A testable clause (authority set, not abstract, not deprecated) yields one case per
example (the conversation up to its last comparison; those candidates become
references), per example of each prompt file its statements tag, and per test block.
Each case's conversation is built by the one builder, :mod:`charter.spec.dialogue`
(:func:`~charter.spec.dialogue.final_turn` for examples,
:func:`~charter.spec.dialogue.to_dialogue` for test blocks): roles stay as written
(``developer`` is the provider's to map), tool calls and outputs are tool messages with
tool definitions, never user text. An example whose only input is a developer or system
message is sent as it is; only an example with no message at all is not tested (T001).
Case ids are ``<module id>/<clause id>/<kind>-<n>``, spelled by one function,
:func:`charter.spec.caseids.case_id` (re-exported here and by
:mod:`charter.diff.cases`), so ``charter diff`` names the cases a change invalidates
exactly as runs store them (``Plan.only`` keeps just those,
for ``--changed-since``). Planning is a generator, so a 100,000-case run never holds its
cases in a list.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from charter.chat import ChatMessage, Dialogue, ToolSpec
from charter.diagnostics import Diagnostic
from charter.hashing import Hasher
from charter.run.codes import T001
from charter.spec.caseids import case_id as case_id  # the one spelling, shared with diff
from charter.spec.dialogue import final_turn, to_dialogue
from charter.spec.model import (
    Candidate,
    Clause,
    Example,
    Expectation,
    Module,
    Project,
    Span,
    testable,
)


@dataclass(frozen=True, slots=True)
class Case:
    """One thing to send to the model under test (satisfies ``charter.grade.GradeItem``)."""

    id: str
    module: str
    clause: Clause
    kind: str  # "example", "prompt" or "test"
    dialogue: Dialogue
    span: Span
    references: tuple[Candidate, ...] = ()
    expectations: tuple[Expectation, ...] = ()

    @property
    def messages(self) -> tuple[ChatMessage, ...]:
        return self.dialogue.messages

    @property
    def tools(self) -> tuple[ToolSpec, ...]:
        return self.dialogue.tools


@dataclass(frozen=True, slots=True)
class Filters:
    clauses: tuple[str, ...] = ()  # clause ids, or module/clause
    modules: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    def keep_module(self, module: Module) -> bool:
        return not self.modules or module.id in self.modules or module.path in self.modules

    def keep_clause(self, module: Module, clause: Clause) -> bool:
        if self.clauses and not (
            clause.id in self.clauses or f"{module.id}/{clause.id}" in self.clauses
        ):
            return False
        tags = set(clause.tags) | set(clause.footnote_tags)
        return not self.tags or bool(tags & set(self.tags))


@dataclass(slots=True)
class Plan:
    """Planning options; ``diagnostics`` collects ``T…`` findings while cases are yielded."""

    filters: Filters = Filters()
    system_prompt: str | None = None  # the compiled spec, for --with-spec
    diagnostics: list[Diagnostic] = field(default_factory=list)
    only: frozenset[str] | None = None  # case ids to keep (--changed-since); None: all

    def wants(self, cid: str) -> bool:
        return self.only is None or cid in self.only


def plan_cases(project: Project, plan: Plan) -> Iterator[Case]:
    """Every case of ``project`` that ``plan.filters`` (and ``plan.only``) keep, in
    document order."""
    for module, clause in _clauses(project, plan):
        yield from _clause_cases(project, module, clause, plan)


def count_cases(project: Project, plan: Plan) -> int:
    """How many cases :func:`plan_cases` yields, without building them: a test block is
    counted by its id alone, an example by whether it has a message to send (the ``T001``
    findings go to ``plan.diagnostics`` as planning would add them), so a run can state
    its total before its first case is planned."""
    count = 0
    for module, clause in _clauses(project, plan):
        for n, example in enumerate(clause.examples, 1):
            cid = case_id(module.id, clause.id, "example", n)
            count += plan.wants(cid) and _sendable(example, cid, clause, plan)
        for prompt_file in project.prompts_for(module, clause):
            for n, example in enumerate(prompt_file.examples, 1):
                cid = case_id(module.id, clause.id, "prompt", n, prompt_file.tag)
                count += plan.wants(cid) and _sendable(example, cid, clause, plan)
        for n, block in enumerate(clause.test_blocks, 1):
            count += plan.wants(case_id(module.id, clause.id, "test", block.id or n))
    return count


def _clauses(project: Project, plan: Plan) -> Iterator[tuple[Module, Clause]]:
    for module in project.modules:
        if not plan.filters.keep_module(module):
            continue
        for clause in module.clauses:
            if testable(clause) and plan.filters.keep_clause(module, clause):
                yield module, clause


def _clause_cases(project: Project, module: Module, clause: Clause, plan: Plan) -> Iterator[Case]:
    for n, example in enumerate(clause.examples, 1):
        cid = case_id(module.id, clause.id, "example", n)
        case = _example_case(module, clause, example, cid, plan) if plan.wants(cid) else None
        if case is not None:
            yield case
    for prompt_file in project.prompts_for(module, clause):
        for n, example in enumerate(prompt_file.examples, 1):
            cid = case_id(module.id, clause.id, "prompt", n, prompt_file.tag)
            case = _example_case(module, clause, example, cid, plan) if plan.wants(cid) else None
            if case is not None:
                yield case
    for n, block in enumerate(clause.test_blocks, 1):
        cid = case_id(module.id, clause.id, "test", block.id or n)
        if not plan.wants(cid):
            continue
        dialogue = _with_system(to_dialogue(block.messages), plan)
        yield Case(cid, module.id, clause, "test", dialogue, block.span, (), block.expect)


def _example_case(
    module: Module, clause: Clause, example: Example, cid: str, plan: Plan
) -> Case | None:
    turn = final_turn(example)
    if not turn.dialogue.messages:
        plan.diagnostics.append(_not_sent(example, cid, clause))
        return None
    kind = cid.rsplit("/", 1)[1].split("-", 1)[0]
    dialogue = _with_system(turn.dialogue, plan)
    return Case(cid, module.id, clause, kind, dialogue, example.span, turn.candidates)


def _sendable(example: Example, cid: str, clause: Clause, plan: Plan) -> bool:
    if final_turn(example).dialogue.messages:
        return True
    plan.diagnostics.append(_not_sent(example, cid, clause))
    return False


def _not_sent(example: Example, cid: str, clause: Clause) -> Diagnostic:
    return Diagnostic(
        T001.code,
        T001.severity,
        f"{cid}: the example has no message to send; not tested",
        example.span.path,
        example.span.line,
        example.span.col,
        clause=clause.id,
    )


def _with_system(dialogue: Dialogue, plan: Plan) -> Dialogue:
    """``--with-spec``: the compiled spec as a system message before everything else."""
    if plan.system_prompt is None:
        return dialogue
    return Dialogue((ChatMessage("system", plan.system_prompt), *dialogue.messages), dialogue.tools)


def spec_hash(project: Project) -> str:
    """A digest of every module and prompt file's bytes: did the spec change?

    Files are named relative to the project root, so the digest is the same from any
    working folder (run from the root, it is the digest earlier versions computed)."""
    digest = Hasher(16)
    paths = {m.path for m in project.modules} | {p.path for p in project.prompt_files}
    named = sorted((Path(os.path.relpath(path, project.root)).as_posix(), path) for path in paths)
    for name, path in named:
        digest.update(name.encode() + b"\0")
        try:
            digest.update(Path(path).read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
        digest.update(b"\0")
    return digest.hexdigest()
