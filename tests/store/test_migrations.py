"""Stores written by older versions open, migrate, and keep their rows readable."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from charter.store import open_store
from charter.store.migrations import MIGRATIONS


def old_store(root: Path, version: int) -> Path:
    """A store at ``root`` as an older Charter left it: only ``version`` migrations applied."""
    path = root / ".charter" / "charter.db"
    path.parent.mkdir(parents=True)
    db = sqlite3.connect(path)
    for script in MIGRATIONS[:version]:
        db.executescript(script)
    db.execute(f"PRAGMA user_version={version}")
    db.commit()
    db.close()
    return path


def test_calls_from_before_migration_3_read_with_no_cost(tmp_path: Path) -> None:
    path = old_store(tmp_path, 2)
    db = sqlite3.connect(path)
    db.execute(
        "INSERT INTO calls (run_id, case_id, repeat, role, attempt, request_hash, status,"
        " error, model_version, input_tokens, output_tokens, latency_s, created)"
        " VALUES ('r', 'm/c/test-1', 0, 'model', 1, 'k', 200, NULL, 'v1', 3, 1, 0.2, 0)"
    )
    db.commit()
    db.close()
    with open_store(tmp_path) as store:
        assert store.version == len(MIGRATIONS)
        (call,) = store.calls("r", "m/c/test-1")
    assert (call.role, call.input_tokens, call.latency_s, call.cost) == ("model", 3, 0.2, None)
