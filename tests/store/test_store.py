"""The SQLite store: WAL, migrations, atomic case records, one result per case."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from charter.errors import StoreError
from charter.store import CallRecord, ResultRecord, open_store
from charter.store.migrations import MIGRATIONS


def _result(case: str = "m/c/test-1", status: str = "passed") -> ResultRecord:
    return ResultRecord(case, 0, "m", "c", status, "ok", False, "k1", "hello", "v1", 3, 1)


def test_opens_in_wal_mode_with_every_migration(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        assert store.version == len(MIGRATIONS)
        assert store.path == tmp_path / ".charter" / "charter.db"
    conn = sqlite3.connect(tmp_path / ".charter" / "charter.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"runs", "cases", "results", "calls", "responses"} <= tables
    conn.close()
    with open_store(tmp_path) as again:  # reopening applies nothing twice
        assert again.version == len(MIGRATIONS)


def test_a_case_is_recorded_whole_or_not_at_all(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.create_run("r", "p/m", str(tmp_path), "h", {"repeat": 1})
        call = CallRecord("model", 1, "k1", 200, None, "v1", 3, 1, 0.1)
        store.record("r", _result(), [call], ("k1", {"messages": []}))
        assert store.cached("k1") is not None and store.cached("k1").text == "hello"  # type: ignore[union-attr]
        with pytest.raises(StoreError):  # a second result for the same case is refused...
            store.record("r", _result(status="failed"), [call])
        assert store.count_calls("r") == 1  # ...and its calls were rolled back with it
        assert [r.status for r in store.results("r")] == ["passed"]
        assert store.done_keys("r") == {("m/c/test-1", 0)}


def test_errors_are_never_cached(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.create_run("r", "p/m", str(tmp_path), "h", {})
        errored = ResultRecord("m/c/test-1", 0, "m", "c", "errored", "HTTP 500", False, "k9")
        store.record("r", errored, [CallRecord("model", 1, "k9", 500, "HTTP 500")], None)
        assert store.cached("k9") is None
        assert store.cache_size() == 0


def test_totals_and_counts(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.create_run("r", "p/m", str(tmp_path), "h", {})
        total = store.add_cases(
            "r", [("m/c/test-1", 0, "m", "c", "test"), ("m/c/test-2", 0, "m", "c", "test")]
        )
        assert total == 2
        store.record("r", _result("m/c/test-1"))
        store.record("r", _result("m/c/test-2", "failed"))
        totals = store.totals("r")
        assert (totals["done"], totals["passed"], totals["failed"]) == (2, 1, 1)
        assert sorted(store.clause_counts("r")) == [
            ("m", "c", "failed", 1),
            ("m", "c", "passed", 1),
        ]
        run = store.run("r")
        assert run is not None and run.total == 2 and run.options == {}


def test_unwritable_store_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError):
        open_store(tmp_path, blocker / "db.sqlite")
