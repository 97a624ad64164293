"""What ``charter test`` says about a run stopped with Ctrl-C: the model calls this
invocation made are counted (not reported as zero), and the run can be resumed by the
names every other command accepts for a run (``latest``, a unique prefix)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from tests.helpers.cli_runs import charter_command as _charter
from tests.helpers.cli_runs import results_recorded as _results
from tests.helpers.openai_server import OpenAIServer
from tests.helpers.specs import write_project

CLAUSES, PER = 6, 20


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


def _run_ids(root: Path) -> list[str]:
    with sqlite3.connect(root / ".charter" / "charter.db") as conn:
        return [row[0] for row in conn.execute("SELECT id FROM runs ORDER BY created")]


def test_resume_accepts_latest_and_a_unique_prefix(tmp_path: Path) -> None:
    with OpenAIServer(latency=0.03) as server:
        root = write_project(
            tmp_path / "p", clauses=CLAUSES, per_clause=PER, base_url=server.base_url
        )
        assert _interrupt(root).returncode == 130
        (run_id,) = _run_ids(root)
        done = subprocess.run(
            _charter("test", str(root), "--resume", "latest", "--format", "json"),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        payload = json.loads(done.stdout)
        assert payload["run"] == run_id
        assert payload["summary"]["passed"] == CLAUSES * PER
        again = subprocess.run(
            _charter("test", str(root), "--resume", run_id[:-2]),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert again.returncode == 0, again.stderr
        assert f"run {run_id}:" in again.stdout
        assert _run_ids(root) == [run_id]  # no new run was started


def test_an_ambiguous_prefix_is_called_ambiguous(tmp_path: Path) -> None:
    with OpenAIServer() as server:
        root = write_project(tmp_path / "p", clauses=1, per_clause=2, base_url=server.base_url)
        for _ in range(2):
            first = subprocess.run(
                _charter("test", str(root), "--model", "local/m"),
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert first.returncode == 0, first.stderr
        first_id, second_id = _run_ids(root)
        prefix = next(
            (
                first_id[:n]
                for n in range(len(first_id), 0, -1)
                if second_id.startswith(first_id[:n])
            ),
            "",
        )
        assert prefix
        for command in (
            ["report", prefix, str(root), "--format", "json"],
            ["compare", prefix, "latest", str(root)],
            ["regrade", prefix, str(root)],
            ["test", str(root), "--resume", prefix],
        ):
            done = subprocess.run(_charter(*command), capture_output=True, text=True, timeout=60)
            assert done.returncode == 2, (command, done.stderr)
            assert "ambiguous" in done.stderr and "2 runs" in done.stderr, (command, done.stderr)
