"""``charter compile --target prompt --budget N`` with a budget no clause fits says that
the budget dropped every clause; it said "no normative clause matches the selection",
which sends the author looking for a wrong --module/--level/--tag."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SPEC = """# Lending {#lending}

## Fees {#fees authority=developer}

The assistant must not waive a fee on its own authority.

## Renewals {#renewals authority=guideline}

The assistant should offer to renew a loan that is due within three days.
"""


def _compile(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "charter.cli.main",
            "compile",
            str(root),
            "--target",
            "prompt",
            *list(extra),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_budget_that_fits_nothing_says_so(tmp_path: Path) -> None:
    (tmp_path / "spec.md").write_text(SPEC, encoding="utf-8")
    done = _compile(tmp_path, "--budget", "5")
    assert done.returncode == 1, done.stderr
    assert "no normative clause matches" not in done.stderr
    assert "--budget 5" in done.stderr and "2 clause(s)" in done.stderr, done.stderr
    as_json = _compile(tmp_path, "--budget", "5", "--format", "json")
    stats = json.loads(as_json.stderr.strip().splitlines()[-1])
    assert len(stats["dropped"]) == 2 and stats["clauses"] == 0
    assert "--budget 5" in stats["error"]


def test_a_selection_that_matches_nothing_keeps_its_message(tmp_path: Path) -> None:
    (tmp_path / "spec.md").write_text(SPEC, encoding="utf-8")
    done = _compile(tmp_path, "--level", "root")
    assert done.returncode == 1, done.stderr
    assert "no normative clause matches the selection" in done.stderr
