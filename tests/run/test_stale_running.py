"""A run whose process died (SIGKILL) is not shown as ``running`` for ever: ``charter
runs`` and ``charter report`` see that no process holds its lock and say so, with the
way to finish it; a run still being run is plain ``running``. Reading writes nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

from charter.cli.main import main
from tests.helpers.cli_runs import charter_command as _charter
from tests.helpers.cli_runs import results_recorded as _results
from tests.helpers.openai_server import OpenAIServer
from tests.helpers.specs import write_project


def _runs(root: Path, *extra: str) -> str:
    done = subprocess.run(
        _charter("runs", str(root), *extra), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_killed_run_is_shown_without_a_process(tmp_path: Path, capsys: object) -> None:
    with OpenAIServer(latency=0.2) as server:
        root = write_project(tmp_path / "p", clauses=2, per_clause=5, base_url=server.base_url)
        proc = subprocess.Popen(
            _charter("test", str(root), "--model", "local/m", "--concurrency", "1"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        db = root / ".charter" / "charter.db"
        deadline = time.monotonic() + 60
        while _results(db) < 1:
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        live = _runs(root)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    assert "  running  " in live and "no process" not in live, live
    locks = db.parent / "locks"
    before = [(p.name, p.stat().st_mtime_ns) for p in sorted(locks.iterdir())]
    text = _runs(root)
    (run,) = json.loads(_runs(root, "--format", "json"))["runs"]
    assert f"running (no process: resume with --resume {run['id']})" in text, text
    assert run["status"] == "running" and run["stale"] is True
    assert [(p.name, p.stat().st_mtime_ns) for p in sorted(locks.iterdir())] == before
    code = main(["report", run["id"], str(root), "--format", "json", "--store", str(db)])
    assert code == 0
    report = json.loads(capsys.readouterr().out)  # type: ignore[attr-defined]
    assert report["run"]["status"] == "running" and report["run"]["stale"] is True
    main(["report", run["id"], str(root), "--format", "junit", "--store", str(db)])
    assert "the run is running (no process)" in capsys.readouterr().out  # type: ignore[attr-defined]
