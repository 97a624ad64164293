"""Test results per clause, read from the project's store: latest run, trend, doubts.

Read-only: the store is opened only when ``.charter/charter.db`` already exists, so
serving a project never creates ``.charter/``. From the latest run of the project it
takes each clause's counts, the pass rate of the clause over the last runs (the trend),
and the cases that leave the spec's meaning in doubt: a case whose repeats disagree
(flaky), and a result the grader left ``ungraded`` or called uncertain.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from charter.errors import CharterError
from charter.store import DB_PATH, open_store
from charter.store.history import History

TREND_RUNS = 8


@dataclass(frozen=True, slots=True)
class Doubt:
    """A case whose results ask a question of the spec."""

    kind: str  # "flaky" or "uncertain"
    case_id: str
    module: str
    clause: str
    statuses: tuple[str, ...]
    reason: str
    response: str


@dataclass(slots=True)
class ClauseResults:
    counts: dict[str, int] = field(default_factory=dict)
    trend: list[float | None] = field(default_factory=list)  # pass rate per run, oldest first


@dataclass(slots=True)
class Results:
    run_id: str | None = None
    model: str = ""
    clauses: dict[tuple[str, str], ClauseResults] = field(default_factory=dict)
    doubts: list[Doubt] = field(default_factory=list)


def read_results(root: str | Path) -> Results:
    """What the store knows of the project at ``root`` (empty when there is no store)."""
    path = Path(root) / DB_PATH
    if not path.is_file() or path.is_symlink():
        return Results()
    try:
        with open_store(root) as store:
            history = History(store)
            runs = history.runs(spec_root=os.path.realpath(root), limit=TREND_RUNS)
            if not runs:
                return Results()
            out = Results(runs[0].id, runs[0].model)
            for index, run in enumerate(reversed(runs)):
                _add_run(out, history, run.id, index, len(runs))
            out.doubts = _doubts(store, runs[0].id)
            return out
    except CharterError:
        return Results()


def _add_run(out: Results, history: History, run_id: str, index: int, total: int) -> None:
    per: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for _case, _repeat, module, clause, status in history.statuses(run_id):
        per[(module, clause)][status] += 1
    for key, counts in per.items():
        entry = out.clauses.setdefault(key, ClauseResults())
        while len(entry.trend) < index:
            entry.trend.append(None)
        graded = counts.get("passed", 0) + counts.get("failed", 0)
        entry.trend.append(counts.get("passed", 0) / graded if graded else None)
        if index == total - 1:
            entry.counts = dict(counts)


def _doubts(store: object, run_id: str) -> list[Doubt]:
    from charter.store import Store

    assert isinstance(store, Store)
    by_case: dict[str, list[tuple[str, str, str, str, str]]] = defaultdict(list)
    for r in store.results(run_id):
        by_case[r.case_id].append((r.module, r.clause, r.status, r.reason, r.response or ""))
    found: list[Doubt] = []
    for case_id, rows in sorted(by_case.items()):
        statuses = tuple(row[2] for row in rows)
        graded = {s for s in statuses if s in ("passed", "failed")}
        module, clause, _, reason, response = rows[0]
        if len(graded) > 1:
            found.append(Doubt("flaky", case_id, module, clause, statuses, reason, response))
        elif any(
            s == "ungraded" or "uncertain" in row[3].lower()
            for s, row in zip(statuses, rows, strict=True)
        ):
            row = next(r for r in rows if r[2] == "ungraded" or "uncertain" in r[3].lower())
            found.append(Doubt("uncertain", case_id, module, clause, statuses, row[3], row[4]))
    return found
