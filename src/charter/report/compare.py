"""Comparing two runs: per-case aggregate statuses, regressions, improvements, clauses.

Each run's cases are first aggregated over their repeats with the clause's policy
(:mod:`charter.run.repeats`), so a run with ``--repeat 5`` compares with a run of one
repeat on the same footing. A *regression* is a case that passed before and fails now;
an *improvement* the reverse; every other difference (errored, ungraded, a case new in
one run or missing from it) is listed apart. Per clause, the pass rate over graded cases.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from charter.report.model import Change, ClauseDelta, Comparison, Rate
from charter.run.repeats import Aggregate, aggregate
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
