"""Test results per clause, read from the project's store: latest run, trend, doubts.

Read-only: the store is opened only when ``.charter/charter.db`` already exists, so
serving a project never creates ``.charter/``. From the latest run of the project it
takes each clause's counts, the pass rate of the clause over the last runs (the trend),
and the cases that leave the spec's meaning in doubt: a case whose repeats disagree
(flaky); a result whose panel of judges split (``judge_votes`` of the store: "the judges
split 2–1"); a result the grader left ``ungraded``, or whose judge verdict was ``partial``,
``n/a`` or unscored (uncertain); and, from the latest calibration of the run's grader on
this very spec, the examples where the judge read a GOOD or BAD answer the other way
(judge disagreements).
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from charter.errors import CharterError
from charter.grade.judge import parse_reason
from charter.store import DB_PATH, Store, open_store
from charter.store.history import History, RunSummary
from charter.store.judging import JudgeStore
from charter.store.records import JudgeVote

UNSURE = ("partial", "n/a", "unscored")

TREND_RUNS = 8


@dataclass(frozen=True, slots=True)
class Doubt:
    """A case whose results ask a question of the spec."""

    kind: str  # "flaky", "split", "uncertain" or "judge"
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
    splits: dict[str, tuple[str, str]] = {}
    for r in store.results(run_id):
        by_case[r.case_id].append((r.module, r.clause, r.status, r.reason, r.response or ""))
        split = split_of(r.judge_votes)
        if split is not None and r.case_id not in splits:
            splits[r.case_id] = (split, r.response or "")
    found: list[Doubt] = []
    for case_id, rows in sorted(by_case.items()):
        statuses = tuple(row[2] for row in rows)
        module, clause, _, reason, response = rows[0]
        if len({s for s in statuses if s in ("passed", "failed")}) > 1:
            found.append(Doubt("flaky", case_id, module, clause, statuses, reason, response))
            continue
        if case_id in splits:
            split, answer = splits[case_id]
            found.append(Doubt("split", case_id, module, clause, statuses, split, answer))
            continue
        unsure = next((row for row in rows if _unsure(row[2], row[3])), None)
        if unsure is not None:
            found.append(
                Doubt("uncertain", case_id, module, clause, statuses, unsure[3], unsure[4])
            )
    return found


_SIDE = {"pass": "pass", "fail": "fail", "partial": "fail"}


def split_of(votes: Sequence[JudgeVote] | None) -> str | None:
    """How a panel's judges split on one response ("2–1: judge:a pass, …"), or None when
    no panel graded it or the judges that scored agree."""
    if not votes:
        return None
    sides = Counter(_SIDE[v.verdict] for v in votes if v.verdict in _SIDE)
    if len(sides) < 2:
        return None
    tally = "–".join(str(n) for _, n in sides.most_common())
    who = ", ".join(f"{v.judge} {v.verdict}" for v in votes)
    return f"{tally}: {who}"


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
