"""The store refuses what it must not touch (issue 11, item 8 and the store part of item
7): a symbolic link it did not create, a store from a newer schema (before any model
call), a store missing a table; and it enforces foreign keys."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from charter.cli.main import main
from charter.errors import StoreError
from charter.store import DB_PATH, open_store
from charter.store.migrations import MIGRATIONS
from tests.helpers.openai_server import OpenAIServer
from tests.helpers.specs import write_project


def test_a_symlinked_db_is_refused_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.db"
    sqlite3.connect(other).close()
    before = other.read_bytes()
    root = write_project(tmp_path / "p")
    (root / ".charter").mkdir()
    (root / DB_PATH).symlink_to(other)
    assert main(["runs", str(root)]) == 3
    assert "symbolic link" in capsys.readouterr().err
    assert other.read_bytes() == before  # not migrated


def test_a_symlinked_charter_folder_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    root = write_project(tmp_path / "p")
    (root / ".charter").symlink_to(real, target_is_directory=True)
    with pytest.raises(StoreError, match="symbolic link"):
        open_store(root)


def test_a_newer_store_stops_test_before_any_call(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with OpenAIServer() as server:
        root = write_project(tmp_path / "p", clauses=1, per_clause=2, base_url=server.base_url)
        open_store(root).close()
        with sqlite3.connect(root / DB_PATH) as db:
            db.execute(f"PRAGMA user_version={len(MIGRATIONS) + 3}")
        code = main(["test", str(root), "--model", "local/m"])
        err = capsys.readouterr().err
    assert code == 3 and "newer Charter" in err and "Traceback" not in err
    assert server.stats.requests == 0


def test_a_store_missing_a_table_gives_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_project(tmp_path / "p")
    open_store(root).close()
    with sqlite3.connect(root / DB_PATH) as db:
        db.execute("ALTER TABLE results RENAME TO results_old")
    assert main(["runs", str(root)]) == 3
    assert "damaged" in capsys.readouterr().err


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        assert store._db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        with pytest.raises(StoreError):
            store.add_cases("no-such-run", [("c", 0, "m", "k", "test")])
