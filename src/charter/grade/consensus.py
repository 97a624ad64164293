"""Several judgements of one response: a judge's samples, or a panel of judges.

- **Samples** (``judge_samples`` K): :func:`majority` keeps the verdict more than half
  of the K samples gave, with the share that gave it (*agreement*). Verdicts are compared
  by category — ``fail`` and ``partial`` are both failures — and the majority reports
  ``fail`` if any of its samples said ``fail``. No strict majority (unscored samples
  count against it) is ``uncertain``; no scored sample at all is unscored.
- **Panels** (several graders): :class:`Panel` asks each judge, and keeps the
  verdict every judge that scored agrees on; any disagreement makes the case
  ``uncertain`` and lists who said what — a clause its judges read differently is a
  clause to clarify (:attr:`PanelOutcome.disagreed`). :func:`disagreed_clauses` gathers
  those clauses over a run.

Neither ever turns a disagreement into a pass. A panel's grade carries each judge's
vote (:func:`votes_of`), which the runner stores with the result (``judge_votes``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from charter.grade.base import Grade, GradeItem, ModelCall, Status
from charter.grade.judge import Judge, JudgeOutcome, format_reason, reason_of
from charter.store.records import JudgeVerdict, JudgeVote

_CATEGORY = {"partial": "fail"}


def category(verdict: str | None) -> str | None:
    return _CATEGORY.get(verdict, verdict) if verdict is not None else None


def majority(outcomes: Sequence[JudgeOutcome]) -> JudgeOutcome:
    """One outcome from a judge's samples; see the module docstring."""
    verdicts = tuple(o.verdict for o in outcomes)
    scored = [o for o in outcomes if o.scored]
    if not scored:
        return replace(outcomes[-1], samples=verdicts, method="majority")
    counts = Counter(category(o.verdict) for o in scored)
    top, n = counts.most_common(1)[0]
    share = n / len(outcomes)
    if 2 * n <= len(outcomes):
        base = scored[0]
        why = f"no majority among {len(outcomes)} samples: " + _tally(counts)
        return replace(
            base,
            verdict="uncertain",
            samples=verdicts,
            agreement=share,
            method="majority",
            reasoning=why,
            findings=(),
            rule=None,
            defect=False,
        )
    winners = [o for o in scored if category(o.verdict) == top]
    chosen = next((o for o in winners if o.verdict == "fail"), winners[0])
    return replace(chosen, samples=verdicts, agreement=share, method="majority")


def _tally(counts: Mapping[str | None, int]) -> str:
    return ", ".join(f"{n} {v}" for v, n in sorted(counts.items(), key=lambda x: str(x[0])))


@dataclass(frozen=True, slots=True)
class PanelOutcome:
    """What a panel decided, and what each of its judges said."""

    verdict: str | None  # the agreed verdict, "uncertain" on disagreement, None: unscored
    votes: tuple[tuple[str, JudgeOutcome], ...]  # (judge name, outcome)

    @property
    def disagreed(self) -> bool:
        return len({category(o.verdict) for _, o in self.votes if o.scored}) > 1

    @property
    def agreement(self) -> float | None:
        scored = [category(o.verdict) for _, o in self.votes if o.scored]
        if not scored:
            return None
        return Counter(scored).most_common(1)[0][1] / len(self.votes)

    @property
    def status(self) -> Status:
        if self.verdict == "pass":
            return Status.PASSED
        return Status.FAILED if category(self.verdict) == "fail" else Status.UNGRADED


def panel_verdict(verdicts: Sequence[str | None]) -> str | None:
    """The verdict the scored ``verdicts`` agree on (``fail`` if any said it), ``uncertain``
    when they disagree, None when none is scored."""
    scored = [v for v in verdicts if v is not None]
    if not scored:
        return None
    if len({category(v) for v in scored}) > 1:
        return "uncertain"
    return "fail" if "fail" in scored else scored[0]


def decide(votes: Sequence[tuple[str, JudgeOutcome]]) -> PanelOutcome:
    """The panel's verdict from its judges' outcomes."""
    return PanelOutcome(panel_verdict([o.verdict for _, o in votes]), tuple(votes))


class Panel:
    """Several judges grading as one :class:`~charter.grade.base.Grader`.

    ``grade(item, response, call)`` asks each judge through ``calls[judge.name]`` when the
    panel was given per-judge calls (the runner binds one per judge provider, with its own
    limit and records), else through ``call`` for the first judge and each other judge's
    own provider."""

    def __init__(self, judges: Sequence[Judge], calls: Mapping[str, ModelCall] | None = None):
        if len(judges) < 2:
            raise ValueError("a panel needs at least two judges")
        self.judges, self.calls = tuple(judges), dict(calls or {})
        self.name = "panel:" + "+".join(j.name.removeprefix("judge:") for j in judges)

    def identity(self) -> dict[str, str]:
        return {j.name: str(sorted(j.identity().items())) for j in self.judges}

    async def judge(
        self, item: GradeItem, response: str, call: ModelCall | None = None
    ) -> PanelOutcome:
        votes = []
        for n, judge in enumerate(self.judges):
            bound = self.calls.get(judge.name) or (call if n == 0 else None)
            outcome = await judge.judge(judge.input_for(item, response), bound)
            votes.append((judge.grader_for(outcome), outcome))
        return decide(votes)

    async def grade(self, item: GradeItem, response: str, call: ModelCall) -> Grade:
        outcome = await self.judge(item, response, call)
        verdict = JudgeVerdict.read(outcome.verdict) or JudgeVerdict.UNREADABLE
        return Grade(
            outcome.status,
            panel_reason(outcome),
            self.name,
            votes=votes_of(outcome),
            verdict=verdict,
        )


def votes_of(outcome: PanelOutcome) -> tuple[JudgeVote, ...]:
    """Each judge's verdict and reason, for the store (``judge`` as the configured
    provider/model, without the ``@version`` that answered)."""
    return tuple(
        JudgeVote(
            name.removeprefix("judge:").partition("@")[0],
            JudgeVerdict.read(o.verdict) or JudgeVerdict.UNREADABLE,
            o.reasoning if o.scored else o.problem,
        )
        for name, o in outcome.votes
    )


def panel_reason(outcome: PanelOutcome) -> str:
    votes = "; ".join(f"{name}: {reason_of(o)}" for name, o in outcome.votes)
    if outcome.disagreed:
        return format_reason(outcome.verdict, f"judges disagree — a clause to clarify · {votes}")
    return format_reason(outcome.verdict, votes)


def disagreed_clauses(results: Iterable[tuple[str, PanelOutcome]]) -> dict[str, int]:
    """Clauses (by id) with how many of their cases the panel disagreed on."""
    found: Counter[str] = Counter()
    for clause, outcome in results:
        if outcome.disagreed:
            found[clause] += 1
    return dict(found)
