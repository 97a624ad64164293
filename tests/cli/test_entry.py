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
