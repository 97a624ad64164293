"""Two processes never run one run at once: ``charter test --resume RUN`` while RUN is
still being run (by the ``charter test`` that started it, or by another resume) stops at
once with exit 2 and asks nothing. Before, both asked the model for the same cases, one
of them died on a UNIQUE constraint (exit 3) and marked the run ``interrupted``."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import time
from pathlib import Path

from tests.helpers.cli_runs import charter_command as _charter
from tests.helpers.cli_runs import results_recorded as _results
from tests.helpers.openai_server import OpenAIServer
from tests.helpers.specs import write_project

CLAUSES, PER = 2, 6


def test_a_resume_of_a_run_in_progress_is_refused(tmp_path: Path) -> None:
    with OpenAIServer(latency=0.25) as server:
        root = write_project(
            tmp_path / "p", clauses=CLAUSES, per_clause=PER, base_url=server.base_url
        )
        first = subprocess.Popen(
            _charter("test", str(root), "--model", "local/m", "--concurrency", "1"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        db = root / ".charter" / "charter.db"
        deadline = time.monotonic() + 60
        while _results(db) < 1:
            assert first.poll() is None, first.communicate()
            assert time.monotonic() < deadline, "the run made no progress"
            time.sleep(0.02)
        second = subprocess.run(
            _charter("test", str(root), "--resume", "latest"),
            capture_output=True,
            text=True,
            timeout=60,
        )
        _, err = first.communicate(timeout=60)
        assert first.returncode == 0, err
        assert second.returncode == 2, second.stderr
        assert "another charter process" in second.stderr, second.stderr
        assert server.stats.requests == CLAUSES * PER  # every case asked exactly once
        with sqlite3.connect(db) as conn:
            (status,) = conn.execute("SELECT status FROM runs").fetchone()
        assert status == "finished"
        after = subprocess.run(
            _charter("test", str(root), "--resume", "latest"),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert after.returncode == 0, after.stderr  # the run is free again: nothing to do
        assert server.stats.requests == CLAUSES * PER
