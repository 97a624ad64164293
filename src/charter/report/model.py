"""The report as plain data: what every renderer (HTML, JUnit, JSON) shows.

Built by :func:`charter.report.build.build_report` from the store and the spec; frozen
dataclasses of strings and numbers only, so :func:`to_json` is a faithful dump and a
renderer never touches the store. Statuses are the runner's (passed, failed, errored,
ungraded); a case's status is the aggregate of its repeats (:mod:`charter.run.repeats`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Attempt:
    """One repeat of a case: the response and how it was graded."""

    repeat: int
    status: str
    response: str | None
    reason: str
    verdict: str | None  # the judge's verdict (pass, fail, partial, n/a, unscored), if any
    reasoning: str  # the judge's reasoning, or the assertions' reason
    grader: str | None
    model_version: str | None
    cached: bool
    latency_s: float | None = None  # the model's answer time (JUnit ``time``)
    # each judge's {"judge", "verdict", "reason"} when a panel graded (None otherwise)
    judge_votes: tuple[dict[str, str], ...] | None = None


@dataclass(frozen=True, slots=True)
class CaseReport:
    id: str
    kind: str  # example, prompt, test
    status: str
    flaky: bool
    policy: str  # "all" or "majority"
    attempts: tuple[Attempt, ...]
    conversation: tuple[tuple[str, str], ...]  # (role, content), as sent
    previous: str | None = None  # the aggregate status in the previous run


@dataclass(frozen=True, slots=True)
class Rate:
    """Passed over graded (passed + failed) cases; errored and ungraded are counted apart."""

    passed: int = 0
    failed: int = 0
    errored: int = 0
    ungraded: int = 0
    flaky: int = 0

    @property
    def graded(self) -> int:
        return self.passed + self.failed

    @property
    def rate(self) -> float | None:
        return self.passed / self.graded if self.graded else None

    @property
    def total(self) -> int:
        return self.passed + self.failed + self.errored + self.ungraded


@dataclass(frozen=True, slots=True)
class ClauseReport:
    module: str
    id: str
    title: str
    authority: str | None
    statements: tuple[str, ...]
    location: str  # path:line of the heading, when the spec is at hand
    cases: tuple[CaseReport, ...]
    rate: Rate
    previous_rate: float | None = None


@dataclass(frozen=True, slots=True)
class ModuleReport:
    id: str
    title: str
    clauses: tuple[ClauseReport, ...]


@dataclass(frozen=True, slots=True)
class Change:
    case: str
    module: str
    clause: str
    before: str | None
    after: str | None


@dataclass(frozen=True, slots=True)
class ClauseDelta:
    module: str
    clause: str
    before: float | None
    after: float | None


@dataclass(frozen=True, slots=True)
class Comparison:
    """Run ``after`` against run ``before``: case changes and per-clause pass rates."""

    before: str
    after: str
    regressions: tuple[Change, ...]  # passed → failed
    improvements: tuple[Change, ...]  # failed → passed
    other: tuple[Change, ...]  # any other change, new or missing cases included
    clauses: tuple[ClauseDelta, ...]


@dataclass(frozen=True, slots=True)
class Point:
    """One run on the compliance-over-time chart."""

    run: str
    created: float
    model: str
    rate: float | None
    passed: int
    graded: int


@dataclass(frozen=True, slots=True)
class RunInfo:
    id: str
    created: float
    finished: float | None
    status: str
    model: str
    grader: str | None
    spec_root: str
    spec_hash: str
    repeat: int
    with_spec: bool
    stale: bool = False  # ``running`` with no process running it (killed)

    @property
    def state(self) -> str:
        """The status as the page and JUnit say it."""
        return f"{self.status} (no process)" if self.stale else self.status


@dataclass(frozen=True, slots=True)
class Report:
    run: RunInfo
    rate: Rate
    modules: tuple[ModuleReport, ...]
    authorities: tuple[tuple[str, Rate], ...]  # in the chain of command's order
    comparison: Comparison | None
    history: tuple[Point, ...]
    spec_loaded: bool
    not_run: tuple[str, ...] = ()  # planned cases without a result (the run stopped early)


def to_json(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data, with each rate's derived numbers spelled out."""
    data = asdict(report)
    _add_rates(data, report)
    return {"format": 1, **data}


def _rate(rate: Rate) -> dict[str, Any]:
    return {**asdict(rate), "graded": rate.graded, "rate": rate.rate, "total": rate.total}


def _add_rates(data: dict[str, Any], report: Report) -> None:
    data["rate"] = _rate(report.rate)
    data["authorities"] = [{"authority": name, **_rate(rate)} for name, rate in report.authorities]
    for module_data, module in zip(data["modules"], report.modules, strict=True):
        for clause_data, clause in zip(module_data["clauses"], module.clauses, strict=True):
            clause_data["rate"] = _rate(clause.rate)
