"""What grading produces and the protocol a judge implements.

Grading a response is a pipeline (:func:`charter.grade.pipeline.grade_response`): fixed
assertions first, and they can decide alone; then a :class:`Grader` — the judge model of
the next layer of work — if one is configured; otherwise the case is ``ungraded``, never
``passed``. A grader gets the case (clause, conversation, GOOD/BAD references, judge
criteria), the response, and a :data:`ModelCall` that the runner binds to the judge's
provider with its own concurrency limit, retries and timeout.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from charter.providers.base import ChatMessage, Completion, Request
from charter.spec.model import Candidate, Clause, Expectation
from charter.store.records import CaseStatus, JudgeVerdict, JudgeVote

Status = CaseStatus  # one enum from the grader to the store's rows


@dataclass(frozen=True, slots=True)
class Check:
    """The outcome of one fixed assertion."""

    expectation: str  # as written: "not-regex: '\\$\\d+'"
    ok: bool
    reason: str


@dataclass(frozen=True, slots=True)
class Grade:
    status: Status
    reason: str = ""
    grader: str = "assertions"  # who decided: "assertions", a judge's name, or "none"
    checks: tuple[Check, ...] = ()
    votes: tuple[JudgeVote, ...] | None = None  # each judge's, when a panel decided
    verdict: JudgeVerdict | None = None  # the judge's or panel's, when one decided


class GradeItem(Protocol):
    """The parts of a planned case a grader may read (``charter.run.plan.Case`` has them)."""

    @property
    def id(self) -> str: ...
    @property
    def module(self) -> str: ...
    @property
    def clause(self) -> Clause: ...
    @property
    def messages(self) -> tuple[ChatMessage, ...]: ...
    @property
    def references(self) -> tuple[Candidate, ...]: ...
    @property
    def expectations(self) -> tuple[Expectation, ...]: ...


ModelCall = Callable[[Request], Awaitable[Completion]]


class Grader(Protocol):
    """A judge: decides what fixed assertions left open.

    ``identity`` feeds the judge's cache key (model, parameters, prompt version) and
    must hold no secret. ``grade`` must not raise for a bad judge answer: an unparseable
    verdict is a :class:`Grade` with status ``ungraded`` (unscored), never ``passed``;
    a provider failure may raise :class:`~charter.errors.ProviderError`, which the
    runner records as ``errored``.
    """

    name: str

    def identity(self) -> dict[str, str]: ...

    async def grade(self, item: GradeItem, response: str, call: ModelCall) -> Grade: ...
