"""The store's typed rows: a result's status and verdict come back as enums, a panel's
judge votes as :class:`JudgeVote` rows (migration 6, ``results.judge_votes``), and rows
of a store from before migration 6 read with the new spelling ``unreadable``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from charter.store import ResultRecord, open_store
from charter.store.records import CaseStatus, JudgeVerdict, JudgeVote

VOTES = (
    JudgeVote("openai/a", JudgeVerdict.PASS, "it answers"),
    JudgeVote("anthropic/b", JudgeVerdict.FAIL, "it lectures \u00e9\U0001f600"),
)


def _record(root: Path, *results: ResultRecord) -> list[ResultRecord]:
    with open_store(root) as store:
        store.create_run("r", "m", str(root), "h", {})
        store.record_many("r", [(r, (), None) for r in results])
        return list(store.results("r"))


def test_status_verdict_and_votes_come_back_typed(tmp_path: Path) -> None:
    panel = ResultRecord(
        "m/c/test-1", 0, "m", "c", CaseStatus.UNGRADED, "split", grader="panel:a+b",
        verdict=JudgeVerdict.UNCERTAIN, judge_votes=VOTES,
    )  # fmt: skip
    plain = ResultRecord("m/c/test-2", 0, "m", "c", CaseStatus.PASSED, "ok")
    first, second = _record(tmp_path, panel, plain)
    assert first == panel and second == plain
    assert type(first.status) is CaseStatus and type(first.verdict) is JudgeVerdict
    assert first.judge_votes == VOTES and second.judge_votes is None
    with sqlite3.connect(tmp_path / ".charter" / "charter.db") as db:
        stored = db.execute("SELECT judge_votes FROM results ORDER BY case_id").fetchall()
    assert stored[1] == (None,)  # NULL when no panel graded
    assert '"verdict": "fail"' in stored[0][0] and '"judge": "openai/a"' in stored[0][0]


def test_before_migration_6_unscored_reads_as_unreadable(tmp_path: Path) -> None:
    open_store(tmp_path).close()
    path = tmp_path / ".charter" / "charter.db"
    with sqlite3.connect(path) as db:  # back to the schema migration 5 left
        db.execute("ALTER TABLE results DROP COLUMN judge_votes")
        db.execute("PRAGMA user_version=5")
        db.execute(
            "INSERT INTO runs (id, created, status, model, spec_root, spec_hash, options)"
            " VALUES ('r', 0, 'finished', 'm', '.', 'h', '{}')"
        )
        db.execute(
            "INSERT INTO results (run_id, case_id, repeat, module, clause, status, reason,"
            " cached, grader, verdict, finished) VALUES ('r', 'm/c/test-1', 0, 'm', 'c',"
            " 'ungraded', '[unscored] no verdict', 0, 'judge:x/y', 'unscored', 0)"
        )
    with open_store(tmp_path) as store:
        (result,) = store.results("r")
        (ungraded,) = store.ungraded("r")
    assert result.verdict is JudgeVerdict.UNREADABLE and result.judge_votes is None
    assert result.status is CaseStatus.UNGRADED
    assert ungraded[2] is JudgeVerdict.UNREADABLE
