"""A run killed with SIGKILL (or stopped with Ctrl-C) half-way resumes to exactly one
result per case, without asking again for any case that had finished."""

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
from tests.helpers.specs import prompts, write_project
from tests.run.conftest import all_ids, prompt_of

CLAUSES, PER, CONC = 8, 25, 4


def _charter(*args: str) -> list[str]:
    return [sys.executable, "-m", "charter.cli.main", *args]


def _finished(db: Path) -> set[str]:
    if not db.exists():
        return set()
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return {row[0] for row in conn.execute("SELECT case_id FROM results")}
    except sqlite3.OperationalError:
        return set()


def _start_and_stop(root: Path, sig: int, after: int) -> tuple[subprocess.Popen[str], set[str]]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        _charter("test", str(root), "--model", "local/m", "--concurrency", str(CONC)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    db = root / ".charter" / "charter.db"
    deadline = time.monotonic() + 60
    while len(_finished(db)) < after:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the run made no progress"
        time.sleep(0.02)
    proc.send_signal(sig)
    proc.wait(30)
    return proc, _finished(db)


def _run_id(root: Path) -> str:
    with sqlite3.connect(root / ".charter" / "charter.db") as conn:
        (run_id,) = conn.execute("SELECT id FROM runs").fetchone()
    return str(run_id)


def _resume_and_check(root: Path, server: OpenAIServer, before: set[str]) -> None:
    run_id = _run_id(root)
    done = subprocess.run(
        _charter("test", str(root), "--resume", run_id, "--format", "json"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    ids = [c["id"] for c in payload["cases"]]
    assert len(ids) == len(set(ids)) == CLAUSES * PER
    assert set(ids) == all_ids(CLAUSES, PER)
    assert payload["summary"]["passed"] == CLAUSES * PER
    # no case that had finished before the stop was asked again; only the few that were
    # in flight when the process died were sent twice
    asked = server.stats.by_prompt
    assert set(asked) == prompts(CLAUSES, PER)
    assert all(asked[prompt_of(case_id)] == 1 for case_id in before)
    assert sum(n - 1 for n in asked.values()) <= CONC


def test_sigkill_half_way_then_resume(tmp_path: Path) -> None:
    with OpenAIServer(latency=0.03) as server:
        root = write_project(
            tmp_path / "p", clauses=CLAUSES, per_clause=PER, base_url=server.base_url
        )
        proc, before = _start_and_stop(root, signal.SIGKILL, after=60)
        assert proc.returncode == -signal.SIGKILL
        assert 60 <= len(before) < CLAUSES * PER
        _resume_and_check(root, server, before)


def test_ctrl_c_keeps_what_finished_and_says_how_to_resume(tmp_path: Path) -> None:
    with OpenAIServer(latency=0.03) as server:
        root = write_project(
            tmp_path / "p", clauses=CLAUSES, per_clause=PER, base_url=server.base_url
        )
        proc, before = _start_and_stop(root, signal.SIGINT, after=40)
        out, err = proc.communicate()
        assert proc.returncode == 130, err
        assert f"--resume {_run_id(root)}" in err
        assert "[interrupted]" in out
        with sqlite3.connect(root / ".charter" / "charter.db") as conn:
            (status,) = conn.execute("SELECT status FROM runs").fetchone()
        assert status == "interrupted"
        _resume_and_check(root, server, before)
