"""The ``charter`` entry point sets the collector policy per command, in a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Runs the real console-script function and prints the collector state at exit.
PROBE = """
import atexit, gc, sys
from charter.collector import collecting
atexit.register(lambda: print("gc-enabled", collecting(), file=sys.stderr))
sys.argv = ["charter", *sys.argv[1:]]
from charter.cli.main import entry
entry()
"""

SPEC = "# Shop {#shop}\n\n## Tone {#tone authority=developer}\n\nThe assistant must be polite.\n"


def run_probe(*argv: str, cache: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache)) if cache else None
    return subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, timeout=120, env=env
    )


@pytest.mark.parametrize("command", ["check", "parse"])
def test_analysis_commands_run_without_the_cyclic_collector(tmp_path: Path, command: str) -> None:
    (tmp_path / "shop.md").write_text(SPEC, encoding="utf-8")
    # An empty reading cache: the run loads spaCy, whose loader turns the collector on.
    done = run_probe(command, str(tmp_path), cache=tmp_path / "cache")
    assert done.returncode in (0, 1), done.stderr
    assert "gc-enabled False" in done.stderr


def test_other_commands_keep_the_collector() -> None:
    done = run_probe("--version")
    assert done.returncode == 0
    assert "gc-enabled True" in done.stderr


# ``charter test`` ends with os._exit: the probe shows that atexit handlers still run and
# that teardown does not (a module global's finaliser runs only when teardown clears it).
EXIT_PROBE = """
import atexit, os, sys
class Finaliser:
    def __del__(self):
        os.write(2, b"teardown-ran\\n")
keep = Finaliser()
atexit.register(lambda: sys.stderr.write("atexit-ran\\n"))
sys.argv = ["charter", *sys.argv[1:]]
from charter.cli.main import entry
entry()
"""


def run_test_command(*argv: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, CHARTER_TEST_KEY="k", NO_PROXY="127.0.0.1", no_proxy="127.0.0.1")
    return subprocess.run(
        [sys.executable, "-c", EXIT_PROBE, "test", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def _store_rows(project: Path) -> tuple[str, int, int, list[str]]:
    import sqlite3

    db = sqlite3.connect(project / ".charter" / "charter.db")
    try:
        (status,) = db.execute("SELECT status FROM runs").fetchone()
        (cases,) = db.execute("SELECT COUNT(*) FROM cases").fetchone()
        (results,) = db.execute("SELECT COUNT(*) FROM results").fetchone()
        check = [row[0] for row in db.execute("PRAGMA integrity_check")]
    finally:
        db.close()
    return status, cases, results, check


def test_charter_test_exits_fast_with_its_store_and_output_complete(tmp_path: Path) -> None:
    import json

    from tests.helpers.openai_server import OpenAIServer
    from tests.helpers.specs import write_project

    out = tmp_path / "out.json"
    with OpenAIServer() as server:
        project = write_project(tmp_path / "p", clauses=3, per_clause=40, base_url=server.base_url)
        done = run_test_command(
            str(project), "--model", "local/m", "--format", "json", "-o", str(out)
        )
    assert done.returncode == 0, done.stderr
    assert "atexit-ran" in done.stderr and "teardown-ran" not in done.stderr
    summary = json.loads(out.read_text(encoding="utf-8"))["summary"]
    assert summary["passed"] == 120 and summary["status"] == "finished"
    # the store was closed before the exit: its log copied in and deleted, nothing torn
    assert not (project / ".charter" / "charter.db-wal").exists()
    assert _store_rows(project) == ("finished", 120, 120, ["ok"])


def test_a_fast_exit_keeps_the_exit_code_and_the_printed_summary(tmp_path: Path) -> None:
    from tests.helpers.openai_server import OpenAIServer
    from tests.helpers.specs import write_project

    with OpenAIServer() as server:
        project = write_project(tmp_path / "p", clauses=2, per_clause=5, base_url=server.base_url)
        text = (project / "bench.md").read_text(encoding="utf-8")
        (project / "bench.md").write_text(text.replace("icontains: echo", "icontains: nope", 1))
        done = run_test_command(str(project), "--model", "local/m")
    assert done.returncode == 1, done.stderr  # one failing case
    assert "teardown-ran" not in done.stderr
    assert "1 failed" in done.stdout and done.stdout.endswith("\n")
    assert _store_rows(project)[:3] == ("finished", 10, 10)


def test_other_commands_still_tear_down(tmp_path: Path) -> None:
    (tmp_path / "shop.md").write_text(SPEC, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", EXIT_PROBE, "runs", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr  # "no runs yet"
    assert "atexit-ran" in done.stderr and "teardown-ran" in done.stderr
