"""Calibration runs: the judge grades the spec's own GOOD and BAD candidates.

Each GOOD or BAD candidate of an example of a testable clause becomes one item: the
conversation up to its comparison (:func:`charter.spec.dialogue.turns`: an example may
hold several, one per turn), the candidate as the response under test, and the clause's
spec context (:class:`~charter.grade.spec_context.SpecContexts`). Which references the
judge sees is the *mode*:

- ``blind`` (the default): graded exactly as a real response would be — references come
  from the clause's *other* examples (at most :data:`MAX_REFERENCES`, nearest examples
  first), never from the candidate's own comparison, so the judge cannot answer by
  elimination against a labelled sibling;
- ``with-siblings``: the other candidates of the same comparison (leave one out: the
  judge never sees the label of the candidate it grades, but sees its siblings').

``OK`` candidates and candidates without a verdict have no expected answer and are
skipped. Judge calls go through an :class:`AdaptiveLimiter` with bounded, jittered
retries of retryable failures, like the runner's. A call that still fails makes its
candidate *unscored* with the error kept; if no call at all reaches the judge's endpoint
the whole calibration raises :class:`~charter.providers.EndpointUnreachable` (exit 3).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from charter.errors import ProviderError
from charter.grade.calibration import Judged
from charter.grade.consensus import panel_verdict
from charter.grade.judge import Judge, clause_statements, references_from, render_message
from charter.grade.judge_prompt import JudgeInput
from charter.grade.spec_context import SpecContext, SpecContexts
from charter.providers.base import EndpointUnreachable, Provider, refused_status
from charter.run.calls import CallPolicy as CallPolicy  # where callers import it from
from charter.run.calls import ModelCaller, Stopped
from charter.run.plan import Filters
from charter.spec.dialogue import Turn, turns
from charter.spec.model import Candidate, Clause, Project, Verdict, testable

_EXPECTED = {Verdict.GOOD: "pass", Verdict.BAD: "fail"}
MODES = ("blind", "with-siblings")
MAX_REFERENCES = 8


@dataclass(frozen=True, slots=True)
class CalibrationItem:
    id: str  # <module>/<clause>/example-<n>/candidate-<k>
    module: str
    clause: str
    expected: str  # "pass" or "fail"
    input: JudgeInput
    candidate: Candidate | None = None  # the candidate graded (tests check what it saw)


def plan_calibration(
    project: Project,
    filters: Filters | None = None,
    mode: str = "blind",
    contexts: SpecContexts | None = None,
) -> Iterator[CalibrationItem]:
    """Every GOOD/BAD candidate of the project's testable clauses, in document order."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}")
    filters = filters or Filters()
    contexts = contexts or SpecContexts(project)
    for module in project.modules:
        if not filters.keep_module(module):
            continue
        for clause in module.clauses:
            if testable(clause) and filters.keep_clause(module, clause):
                yield from _clause_items(module.id, clause, mode, contexts)


def _clause_items(
    module: str, clause: Clause, mode: str, contexts: SpecContexts
) -> Iterator[CalibrationItem]:
    context = contexts.for_clause(module, clause)
    per_example = [turns(example) for example in clause.examples]
    for n, (example, example_turns) in enumerate(zip(clause.examples, per_example, strict=True)):
        number = {id(c): k for k, c in enumerate(example.candidates, 1)}
        for turn in example_turns:
            for candidate in turn.candidates:
                if candidate.verdict not in _EXPECTED:
                    continue
                if mode == "blind":
                    refs = blind_references(per_example, n)
                else:
                    refs = [c for c in turn.candidates if c is not candidate]
                cid = f"{module}/{clause.id}/example-{n + 1}/candidate-{number[id(candidate)]}"
                item = replace(
                    context_input(clause, context, turn),
                    response=candidate.content,
                    references=references_from(refs),
                )
                expected = _EXPECTED[candidate.verdict]
                yield CalibrationItem(cid, module, clause.id, expected, item, candidate)


def context_input(clause: Clause, context: SpecContext, turn: Turn) -> JudgeInput:
    """The judge input of a turn of one of ``clause``'s examples, without a response."""
    return JudgeInput(
        clause_id=clause.id,
        clause_title=clause.title,
        authority=clause.authority,
        statements=clause_statements(clause),
        conversation=tuple((m.role, render_message(m)) for m in turn.dialogue.messages),
        response="",
        context=context,
        kind="example",
    )


def blind_references(per_example: Sequence[Sequence[Turn]], own: int) -> list[Candidate]:
    """Labelled candidates of the clause's other examples, nearest examples first, at
    most :data:`MAX_REFERENCES` — never one of example ``own``'s."""
    others = sorted((i for i in range(len(per_example)) if i != own), key=lambda i: abs(i - own))
    found: list[Candidate] = []
    for index in others:
        for turn in per_example[index]:
            found += [c for c in turn.candidates if c.verdict is not None]
    return found[:MAX_REFERENCES]


DEFAULT_POLICY = CallPolicy()


class JudgeCaller(ModelCaller):
    """Judge calls through the one model-call path (:mod:`charter.run.calls`)."""

    def __init__(
        self,
        provider: Provider,
        policy: CallPolicy,
        stopping: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(provider, policy, "judge", stopping=stopping)


async def calibrate(
    items: list[CalibrationItem], judge: Judge, policy: CallPolicy = DEFAULT_POLICY
) -> list[Judged]:
    """Grade every item with ``judge``; results come back in the order of ``items``."""
    unreachable: list[str] = []
    refused: list[str] = []  # a wrong key, model or path: no other call can succeed
    caller = JudgeCaller(judge.provider, policy, stopping=lambda: bool(refused))

    async def one(item: CalibrationItem) -> Judged:
        try:
            outcome = await judge.judge(item.input, caller)
        except Stopped:
            return Judged(item.id, item.module, item.clause, item.expected, None, "", "not asked")
        except ProviderError as error:
            if isinstance(error, EndpointUnreachable):
                unreachable.append(str(error))
            if refused_status(error.status):
                refused.append(str(error))
            return Judged(item.id, item.module, item.clause, item.expected, None, "", str(error))
        reason = outcome.reasoning if outcome.scored else outcome.problem
        return Judged(item.id, item.module, item.clause, item.expected, outcome.verdict, reason)

    results = await asyncio.gather(*(one(item) for item in items))
    if refused:
        raise EndpointUnreachable(
            f"the judge's endpoint refused the request ({refused[0]}): check the API key, "
            "the model name and the base URL"
        )
    if unreachable and not caller.reached:
        raise EndpointUnreachable(unreachable[0])
    return list(results)


async def calibrate_panel(
    items: list[CalibrationItem], judges: Sequence[Judge], policy: CallPolicy = DEFAULT_POLICY
) -> tuple[list[Judged], dict[str, list[Judged]]]:
    """Grade every item with each judge of a panel: the panel's verdicts (``uncertain``
    where its judges disagree, each judge's vote kept) and each judge's own."""
    own = [await calibrate(items, judge, policy) for judge in judges]
    names = [judge.name for judge in judges]
    combined = []
    for index, item in enumerate(items):
        votes = tuple(
            (name, results[index].verdict) for name, results in zip(names, own, strict=True)
        )
        verdict = panel_verdict([v for _, v in votes])
        errors = [r[index].error for r in own if r[index].error]
        error = errors[0] if errors and verdict is None else None
        combined.append(
            Judged(item.id, item.module, item.clause, item.expected, verdict, "", error, votes)
        )
    return combined, dict(zip(names, own, strict=True))
