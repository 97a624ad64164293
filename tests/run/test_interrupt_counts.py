"""What ``charter test`` says about a run stopped with Ctrl-C: the model calls this
invocation made are counted (not reported as zero), and the run can be resumed by the
names every other command accepts for a run (``latest``, a unique prefix)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers.openai_server import OpenAIServer
from tests.helpers.specs import write_project

CLAUSES, PER = 6, 20


def _charter(*args: str) -> list[str]:
    return [sys.executable, "-m", "charter.cli.main", *args]


def _results(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM results").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def _interrupt(root: Path, *extra: str, after: int = 30) -> subprocess.CompletedProcess[str]:
    proc = subprocess.Popen(
        _charter("test", str(root), "--model", "local/m", "--concurrency", "2", *extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    db = root / ".charter" / "charter.db"
    deadline = time.monotonic() + 60
    while _results(db) < after:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the run made no progress"
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def test_ctrl_c_counts_the_calls_this_invocation_made(tmp_path: Path) -> None:
    with OpenAIServer(latency=0.03) as server:
        root = write_project(
            tmp_path / "p", clauses=CLAUSES, per_clause=PER, base_url=server.base_url
        )
        stopped = _interrupt(root, "--format", "json")
        assert stopped.returncode == 130, stopped.stderr
        summary = json.loads(stopped.stdout)["summary"]
        recorded = _results(root / ".charter" / "charter.db")
        assert summary["status"] == "interrupted"
        assert summary["done"] == recorded
        # a fresh run, no cache: every recorded result cost at least one call, and no
        # call was counted that the server did not receive
        assert recorded <= summary["calls_this_invocation"] <= server.stats.requests
        assert summary["calls"] == summary["calls_this_invocation"]


def test_ctrl_c_text_summary_does_not_say_zero_calls(tmp_path: Path) -> None:
    with OpenAIServer(latency=0.03) as server:
        root = write_project(
            tmp_path / "p", clauses=CLAUSES, per_clause=PER, base_url=server.base_url
        )
        stopped = _interrupt(root)
        assert stopped.returncode == 130, stopped.stderr
        assert "[interrupted]" in stopped.stdout
        assert "0 model calls" not in stopped.stdout, stopped.stdout
