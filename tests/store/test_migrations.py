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


def _runs_at(path: Path, roots: list[str]) -> None:
    db = sqlite3.connect(path)
    for n, root in enumerate(roots):
        db.execute(
            "INSERT INTO runs (id, created, status, model, spec_root, spec_hash, options)"
            " VALUES (?, ?, 'finished', 'p/m', ?, 'h', '{}')",
            (f"r{n}", float(n), root),
        )
    db.commit()
    db.close()


def test_migration_4_makes_relative_spec_roots_absolute(tmp_path: Path) -> None:
    project = tmp_path / "spec"
    elsewhere = str(tmp_path / "other")
    _runs_at(old_store(project, 3), [".", "spec", elsewhere])
    with open_store(project) as store:
        roots = [store.run(f"r{n}").spec_root for n in range(3)]  # type: ignore[union-attr]
        store.create_run("new", "p/m", str(project / "." / "sub" / ".."), "h", {})
        created = store.run("new").spec_root  # type: ignore[union-attr]
    # A relative root meant the folder whose .charter/ holds the store, however it was typed.
    assert roots == [str(project.resolve()), str(project.resolve()), elsewhere]
    assert created == str(project.resolve())


def test_a_store_outside_charter_folder_keeps_relative_roots(tmp_path: Path) -> None:
    path = old_store(tmp_path / "stores", 3)
    moved = tmp_path / "stores" / "mine.db"
    path.rename(moved)
    _runs_at(moved, ["."])
    with open_store(tmp_path, moved) as store:
        assert store.version == len(MIGRATIONS)
        assert store.run("r0").spec_root == "."  # type: ignore[union-attr]


def test_migration_5_moves_the_verdict_into_its_column(tmp_path: Path) -> None:
    """A store at version 4 with judge results: the verdict prefix becomes the column."""
    path = tmp_path / ".charter" / "charter.db"
    path.parent.mkdir()
    db = sqlite3.connect(path, isolation_level=None)
    db.create_function("charter_project_root", 1, lambda root: root)
    for script in MIGRATIONS[:4]:
        db.executescript(script)
    db.execute("PRAGMA user_version=4")
    db.execute(
        "INSERT INTO runs (id, created, status, model, spec_root, spec_hash, options)"
        " VALUES ('r', 0, 'finished', 'm', '/x', 'h', '{}')"
    )
    rows = [
        ("a", "failed", "[fail] it leaked", "judge:openai/j"),
        ("b", "ungraded", "[n/a] not relevant", "judge:openai/j"),
        ("c", "passed", "[pass] looks like a prefix", "assertions"),
    ]
    for case, status, reason, grader in rows:
        db.execute(
            "INSERT INTO results (run_id, case_id, repeat, module, clause, status, reason,"
            " grader, finished) VALUES ('r', ?, 0, 'm', 'c', ?, ?, ?, 0)",
            (case, status, reason, grader),
        )
    db.close()
    with open_store(tmp_path) as store:
        verdicts = {r.case_id: r.verdict for r in store.results("r")}
        assert store.version == len(MIGRATIONS)
    assert verdicts == {"a": "fail", "b": "n/a", "c": None}
