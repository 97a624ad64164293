"""WAL checkpoints in a worker thread while a run writes: the database file takes the
committed pages during the run (not only at close), nothing is lost, and the automatic
checkpoint is back afterwards."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from charter.store import CallRecord, ResultRecord, Store, open_store
from charter.store.records import CaseStatus


def _entries(first: int, n: int) -> list[tuple[ResultRecord, tuple[CallRecord, ...], None]]:
    out = []
    for i in range(first, first + n):
        key = f"{i:040x}"
        result = ResultRecord(
            f"m#c#{i}", 0, "m", "c", CaseStatus.PASSED, "", False, key, "ECHO " * 40,
            "stub", 20, 20, None, 0.05, 1, "assert", None, None,
        )  # fmt: skip
        call = CallRecord("model", 1, key, 200, None, "stub", 20, 20, 0.05, None)
        out.append((result, (call,), None))
    return out


def _write(store: Store, commits: int) -> None:
    store.create_run("r", "m", "/spec", "h", {})
    store.add_cases("r", ((f"m#c#{i}", 0, "m", "c", "test") for i in range(commits * 4)))
    for n in range(commits):
        store.record_many("r", _entries(n * 4, 4))


def _autocheckpoint(store: Store) -> int:
    return int(store._db.execute("PRAGMA wal_autocheckpoint").fetchone()[0])


def _settle(db: Path, wait: float = 3.0) -> int:
    """The database file's size once it stops growing, over windows longer than the
    worker's interval (0.25 s)."""
    deadline, size = time.monotonic() + wait, -1
    while time.monotonic() < deadline and db.stat().st_size != size:
        size = db.stat().st_size
        time.sleep(0.6)
    return size


def test_the_worker_checkpoints_during_the_run_and_nothing_is_lost(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    db = store.path
    before = db.stat().st_size
    with store.checkpoints_aside():
        assert _autocheckpoint(store) == 0
        _write(store, 300)
        grown = _settle(db)
    assert grown > before + 200_000  # pages reached the database file before close
    assert _autocheckpoint(store) == 1000
    store.close()
    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert check.execute("SELECT count(*) FROM results").fetchone()[0] == 1200
        assert check.execute("SELECT count(*) FROM calls").fetchone()[0] == 1200


def test_without_the_worker_the_pages_stay_in_the_wal(tmp_path: Path) -> None:
    """The control: with the automatic checkpoint off and no worker, the file does not
    grow, so the test above sees the worker's checkpoints and nothing else."""
    store = open_store(tmp_path)
    db = store.path
    store._db.execute("PRAGMA wal_autocheckpoint=0")
    before = db.stat().st_size
    _write(store, 300)
    assert _settle(db, 1.0) < before + 200_000
    store.close()
