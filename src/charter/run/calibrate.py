"""Calibration runs: the judge grades the spec's own GOOD and BAD candidates.

Each GOOD or BAD candidate of an example of a testable clause becomes one item: the
conversation up to its comparison (an example may hold several, one per turn), the
candidate as the response under test, and the *other* candidates of the same comparison
as labelled references (leave one out: the judge never sees the label of the candidate
it grades). ``OK`` candidates and candidates without a
verdict have no expected answer and are skipped.

Judge calls go through an :class:`AdaptiveLimiter` with bounded, jittered retries of
retryable failures, like the runner's. A call that still fails makes its candidate
*unscored* with the error kept; if no call at all reaches the judge's endpoint the whole
calibration raises :class:`~charter.providers.EndpointUnreachable` (exit code 3).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass

from charter.errors import ProviderError
from charter.grade.calibration import Judged
from charter.grade.judge import Judge, clause_statements, references_from
from charter.grade.judge_prompt import JudgeInput
from charter.providers.base import EndpointUnreachable, Provider
from charter.run.calls import CallPolicy as CallPolicy  # where callers import it from
from charter.run.calls import ModelCaller
from charter.run.plan import Filters
from charter.spec.model import Candidate, Clause, Example, Project, Verdict, testable

_EXPECTED = {Verdict.GOOD: "pass", Verdict.BAD: "fail"}


@dataclass(frozen=True, slots=True)
class CalibrationItem:
    id: str  # <module>/<clause>/example-<n>/candidate-<k>
    module: str
    clause: str
    expected: str  # "pass" or "fail"
    input: JudgeInput


def plan_calibration(project: Project, filters: Filters | None = None) -> Iterator[CalibrationItem]:
    """Every GOOD/BAD candidate of the project's testable clauses, in document order."""
    filters = filters or Filters()
    for module in project.modules:
        if not filters.keep_module(module):
            continue
        for clause in module.clauses:
            if not (testable(clause) and filters.keep_clause(module, clause)):
                continue
            for n, example in enumerate(clause.examples, 1):
                yield from _example_items(module.id, clause, example, n)


def _example_items(
    module: str, clause: Clause, example: Example, n: int
) -> Iterator[CalibrationItem]:
    statements = clause_statements(clause)
    for k, candidate in enumerate(example.candidates, 1):
        if candidate.verdict not in _EXPECTED:
            continue
        before = _before(example, candidate)
        others = [
            c for c in example.candidates if c is not candidate and _before(example, c) == before
        ]
        item = JudgeInput(
            clause_id=clause.id,
            clause_title=clause.title,
            authority=clause.authority,
            statements=statements,
            conversation=tuple((m.role, m.content) for m in example.messages[:before]),
            response=candidate.content,
            references=references_from(others),
        )
        cid = f"{module}/{clause.id}/example-{n}/candidate-{k}"
        yield CalibrationItem(cid, module, clause.id, _EXPECTED[candidate.verdict], item)


def _before(example: Example, candidate: Candidate) -> int:
    """How many messages precede the candidate: an example may hold several comparisons,
    each answering the conversation so far."""
    return sum(1 for m in example.messages if m.span.line < candidate.span.line)


DEFAULT_POLICY = CallPolicy()


class JudgeCaller(ModelCaller):
    """Judge calls through the one model-call path (:mod:`charter.run.calls`)."""

    def __init__(self, provider: Provider, policy: CallPolicy) -> None:
        super().__init__(provider, policy, "judge")


async def calibrate(
    items: list[CalibrationItem], judge: Judge, policy: CallPolicy = DEFAULT_POLICY
) -> list[Judged]:
    """Grade every item with ``judge``; results come back in the order of ``items``."""
    caller = JudgeCaller(judge.provider, policy)
    unreachable: list[str] = []

    async def one(item: CalibrationItem) -> Judged:
        try:
            outcome = await judge.judge(item.input, caller)
        except ProviderError as error:
            if isinstance(error, EndpointUnreachable):
                unreachable.append(str(error))
            return Judged(item.id, item.module, item.clause, item.expected, None, "", str(error))
        reason = outcome.reasoning if outcome.scored else outcome.problem
        return Judged(item.id, item.module, item.clause, item.expected, outcome.verdict, reason)

    results = await asyncio.gather(*(one(item) for item in items))
    if unreachable and not caller.reached:
        raise EndpointUnreachable(unreachable[0])
    return list(results)
