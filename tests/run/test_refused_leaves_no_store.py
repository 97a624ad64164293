"""A ``charter test`` refused before its run is recorded (exit 2) leaves no new store
behind, and adds nothing to an existing one; a run that happened keeps its store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from charter.cli.main import main
from tests.helpers.openai_server import OpenAIServer
from tests.helpers.specs import write_project


def _runs(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM runs").fetchone()[0])


@pytest.mark.parametrize(
    "extra",
    [
        ["--clause", "nope"],  # no case to run (T002)
        ["--resume", "nope"],  # no such run
        ["--grader", "nope/judge"],  # no such provider
    ],
)
def test_a_refused_test_creates_no_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str]
) -> None:
    with OpenAIServer() as server:
        root = write_project(tmp_path / "p", clauses=1, per_clause=2, base_url=server.base_url)
        code = main(["test", str(root), "--model", "local/m", *extra])
        assert server.stats.requests == 0
    assert code == 2, capsys.readouterr().err
    charter = root / ".charter"
    assert not (charter / "charter.db").exists()
    assert not any(p.name.startswith("charter.db") for p in charter.iterdir())
    assert not (charter / "locks").exists()


def test_a_refused_test_adds_nothing_to_an_existing_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with OpenAIServer() as server:
        root = write_project(tmp_path / "p", clauses=1, per_clause=2, base_url=server.base_url)
        assert main(["test", str(root), "--model", "local/m"]) == 0
        db = root / ".charter" / "charter.db"
        assert _runs(db) == 1
        assert main(["test", str(root), "--model", "local/m", "--clause", "nope"]) == 2
        assert _runs(db) == 1  # the store stays, with nothing new in it
        assert server.stats.requests == 2
    capsys.readouterr()
