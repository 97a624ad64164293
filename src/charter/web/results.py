"""Test results per clause, read from the project's store: latest run, trend, doubts.

Read-only: the store is opened only when ``.charter/charter.db`` already exists, so
serving a project never creates ``.charter/``. From the latest run of the project it
takes each clause's counts, the pass rate of the clause over the last runs (the trend),
and the cases that leave the spec's meaning in doubt: a case whose repeats disagree
(flaky); a result the grader left ``ungraded``, or whose judge verdict was ``partial``,
``n/a`` or unscored (uncertain); and, from the latest calibration of the run's grader on
this very spec, the examples where the judge read a GOOD or BAD answer the other way
(judge disagreements).
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from charter.errors import CharterError
from charter.grade.judge import parse_reason
from charter.store import DB_PATH, Store, open_store
from charter.store.history import History, RunSummary
from charter.store.judging import JudgeStore

UNSURE = ("partial", "n/a", "unscored")

TREND_RUNS = 8


@dataclass(frozen=True, slots=True)
class Doubt:
    """A case whose results ask a question of the spec."""

    kind: str  # "flaky", "uncertain" or "judge"
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


def read_results(root: str | Path, spec_hash: str = "") -> Results:
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
            out.doubts = _doubts(store, runs[0].id) + _judge_doubts(store, runs[0], spec_hash)
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


def _doubts(store: Store, run_id: str) -> list[Doubt]:
    by_case: dict[str, list[tuple[str, str, str, str, str]]] = defaultdict(list)
    for r in store.results(run_id):
        by_case[r.case_id].append((r.module, r.clause, r.status, r.reason, r.response or ""))
    found: list[Doubt] = []
    for case_id, rows in sorted(by_case.items()):
        statuses = tuple(row[2] for row in rows)
        module, clause, _, reason, response = rows[0]
        if len({s for s in statuses if s in ("passed", "failed")}) > 1:
            found.append(Doubt("flaky", case_id, module, clause, statuses, reason, response))
            continue
        unsure = next((row for row in rows if _unsure(row[2], row[3])), None)
        if unsure is not None:
            found.append(
                Doubt("uncertain", case_id, module, clause, statuses, unsure[3], unsure[4])
            )
    return found


def _unsure(status: str, reason: str) -> bool:
    read = parse_reason(reason)
    return status == "ungraded" or (read is not None and read[0] in UNSURE)


def _judge_doubts(store: Store, run: RunSummary, spec_hash: str) -> list[Doubt]:
    if not spec_hash or run.grader is None:
        return []
    row = JudgeStore(store).last_calibration(spec_hash, run.grader)
    if row is None:
        return []
    found = []
    for entry in row.report.get("clauses", []):
        for candidate in entry.get("disagreements", []):
            module, clause = str(entry.get("module", "")), str(entry.get("clause", ""))
            reason = f"the judge {run.grader} read this answer against the spec's label"
            found.append(Doubt("judge", str(candidate), module, clause, (), reason, ""))
    return found
