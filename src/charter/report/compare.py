"""Comparing two runs: per-case aggregate statuses, regressions, improvements, clauses.

Each run's cases are first aggregated over their repeats with the clause's policy
(:mod:`charter.run.repeats`), so a run with ``--repeat 5`` compares with a run of one
repeat on the same footing. A *regression* is a case that passed before and fails now;
an *improvement* the reverse; every other difference (errored, ungraded, a case new in
one run or missing from it) is listed apart. Per clause, the pass rate over graded cases.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from charter.report.model import Change, ClauseDelta, Comparison, Rate
from charter.run.repeats import Aggregate, aggregate
from charter.store.db import ResultRecord
from charter.store.history import History

StrictOf = Callable[[str, str], bool]  # (module, clause) → every repeat must pass?


@dataclass(frozen=True, slots=True)
class Outcome:
    module: str
    clause: str
    result: Aggregate


def outcomes(history: History, run_id: str, strict_of: StrictOf) -> dict[str, Outcome]:
    """Every case of ``run_id`` with the aggregate of its repeats."""
    rows: dict[str, tuple[str, str, list[tuple[int, str]]]] = {}
    for case_id, repeat, module, clause, status in history.statuses(run_id):
        rows.setdefault(case_id, (module, clause, []))[2].append((repeat, status))
    found = {}
    for case_id, (module, clause, repeats) in rows.items():
        statuses = [s for _, s in sorted(repeats)]
        found[case_id] = Outcome(module, clause, aggregate(statuses, strict_of(module, clause)))
    return found


def rates(found: dict[str, Outcome]) -> dict[tuple[str, str], Rate]:
    """Per (module, clause): how many cases passed, failed, errored, were ungraded or flaky."""
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for outcome in found.values():
        tally = counts.setdefault((outcome.module, outcome.clause), {})
        tally[outcome.result.status] = tally.get(outcome.result.status, 0) + 1
        tally["flaky"] = tally.get("flaky", 0) + int(outcome.result.flaky)
    return {key: Rate(**tally) for key, tally in counts.items()}


def compare(
    before: dict[str, Outcome], after: dict[str, Outcome], before_id: str, after_id: str
) -> Comparison:
    regressions, improvements, other = [], [], []
    for case_id in sorted(before.keys() | after.keys()):
        old, new = before.get(case_id), after.get(case_id)
        old_status = old.result.status if old else None
        new_status = new.result.status if new else None
        if old_status == new_status:
            continue
        where = new or old
        assert where is not None
        change = Change(case_id, where.module, where.clause, old_status, new_status)
        if (old_status, new_status) == ("passed", "failed"):
            regressions.append(change)
        elif (old_status, new_status) == ("failed", "passed"):
            improvements.append(change)
        else:
            other.append(change)
    return Comparison(
        before_id,
        after_id,
        tuple(regressions),
        tuple(improvements),
        tuple(other),
        _deltas(rates(before), rates(after)),
    )


def _deltas(
    before: dict[tuple[str, str], Rate], after: dict[tuple[str, str], Rate]
) -> tuple[ClauseDelta, ...]:
    keys = sorted(before.keys() | after.keys())
    deltas = []
    for module, clause in keys:
        old = before.get((module, clause))
        new = after.get((module, clause))
        old_rate, new_rate = (old.rate if old else None), (new.rate if new else None)
        if old_rate != new_rate:
            deltas.append(ClauseDelta(module, clause, old_rate, new_rate))
    return tuple(deltas)


@dataclass(frozen=True, slots=True)
class SpecGain:
    """One clause: pass rates without and with the spec in the prompt, and the cost."""

    module: str
    clause: str
    cases: int  # cases graded in both runs
    without: float | None
    with_spec: float | None
    tokens_per_call: float | None  # extra input tokens per call; None when not reported

    @property
    def gain(self) -> float | None:
        if self.without is None or self.with_spec is None:
            return None
        return self.with_spec - self.without


@dataclass(slots=True)
class _Side:
    statuses: dict[str, list[tuple[int, str]]]
    tokens: dict[str, list[int]]
    where: dict[str, tuple[str, str]]


def _side(results: Iterable[ResultRecord]) -> _Side:
    side = _Side({}, {}, {})
    for r in results:
        side.statuses.setdefault(r.case_id, []).append((r.repeat, r.status))
        side.where[r.case_id] = (r.module, r.clause)
        if r.input_tokens is not None:
            side.tokens.setdefault(r.case_id, []).append(r.input_tokens)
    return side


def spec_gain(
    without: Iterable[ResultRecord], with_spec: Iterable[ResultRecord], strict_of: StrictOf
) -> tuple[SpecGain, ...]:
    """Per clause, what putting the spec in the prompt gained and cost (see the module
    docstring); largest gain first, clauses without a paired graded case last."""
    before, after = _side(without), _side(with_spec)
    paired: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for case_id in sorted(before.statuses.keys() & after.statuses.keys()):
        module, clause = after.where[case_id]
        strict = strict_of(module, clause)
        old = aggregate([s for _, s in sorted(before.statuses[case_id])], strict).status
        new = aggregate([s for _, s in sorted(after.statuses[case_id])], strict).status
        if {old, new} <= {"passed", "failed"}:
            paired.setdefault((module, clause), []).append((case_id, old, new))
    gains = [_gain(key, rows, before, after) for key, rows in paired.items()]
    return tuple(sorted(gains, key=lambda g: (-(g.gain or 0.0), g.module, g.clause)))


def _gain(
    key: tuple[str, str], rows: list[tuple[str, str, str]], before: _Side, after: _Side
) -> SpecGain:
    n = len(rows)
    without = sum(old == "passed" for _, old, _ in rows) / n
    with_spec = sum(new == "passed" for _, _, new in rows) / n
    ids = [case_id for case_id, _, _ in rows]
    old_tokens = [t for c in ids for t in before.tokens.get(c, ())]
    new_tokens = [t for c in ids for t in after.tokens.get(c, ())]
    cost = None
    if old_tokens and new_tokens:
        cost = sum(new_tokens) / len(new_tokens) - sum(old_tokens) / len(old_tokens)
    return SpecGain(key[0], key[1], n, without, with_spec, cost)


def render_spec_gain(gains: Iterable[SpecGain]) -> str:
    """A text table: clause, cases, pass rate without → with, gain, tokens per call."""
    lines = [f"{'clause':<48} {'cases':>5}  {'without':>7}  {'with':>7}  {'gain':>7}  tokens/call"]
    for g in gains:
        tokens = "–" if g.tokens_per_call is None else f"{g.tokens_per_call:+.0f}"
        gain = "–" if g.gain is None else f"{g.gain * 100:+.1f}pt"
        lines.append(
            f"{g.module + '/' + g.clause:<48} {g.cases:>5}  {_pct(g.without):>7}  "
            f"{_pct(g.with_spec):>7}  {gain:>7}  {tokens}"
        )
    return "\n".join(lines)


def _pct(rate: float | None) -> str:
    return "–" if rate is None else f"{rate:.0%}"
