"""``--resume`` finishes a run with the settings it was started with, ``--no-cache``
included: a run started with ``--no-cache`` and resumed without it asks the model for
every case it had left. Before, the resume answered them from the cache, so half of a
"fresh" run was old answers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from charter.cli.main import main
from tests.helpers.openai_server import OpenAIServer
from tests.helpers.specs import write_project

CLAUSES, PER = 2, 4


def test_a_resumed_no_cache_run_asks_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with OpenAIServer(latency=0.1) as server:
        root = write_project(
            tmp_path / "p", clauses=CLAUSES, per_clause=PER, base_url=server.base_url
        )
        argv = ["test", str(root), "--model", "local/m", "--concurrency", "1"]
        assert main(argv) == 0  # every answer is in the cache now
        stopped = main([*argv, "--no-cache", "--deadline", "0.35"])
        assert stopped == 3, capsys.readouterr().err
        assert main(["test", str(root), "--resume", "latest"]) == 0
    capsys.readouterr()
    with sqlite3.connect(root / ".charter" / "charter.db") as conn:
        (run,) = conn.execute("SELECT id FROM runs ORDER BY created DESC LIMIT 1").fetchone()
        rows = conn.execute(
            "SELECT count(*), sum(cached) FROM results WHERE run_id = ?", (run,)
        ).fetchone()
    assert rows == (CLAUSES * PER, 0)  # every result of the --no-cache run was asked
